"""What an operation changed, so each view decides whether to redraw (cf. Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    client_ids: frozenset[str] = frozenset()
    # Which parts of a chart changed: "client", "episode", "inventory", "goals", "sessions",
    # "measures", "profile", "all" (after import/restore).
    kinds: frozenset[str] = frozenset()

    @classmethod
    def of(cls, client_id: str | None, *kinds: str) -> "Changes":
        return cls(frozenset({client_id} if client_id else set()), frozenset(kinds))

    def touches(self, kind: str) -> bool:
        return kind in self.kinds or "all" in self.kinds

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.client_ids | other.client_ids, self.kinds | other.kinds)


NOTHING = Changes()
