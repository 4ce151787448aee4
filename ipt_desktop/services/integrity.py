"""Full integrity check of an open practice: pages, links, encryption and the audit chain.

Slower than the quick_check run at every open, so it runs on request (``ipt-desktop check``,
the GUI's data-safety page) rather than at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_desktop.services.practice import Practice, store_errors_mapped

MAX_SHOWN = 20


@dataclass(frozen=True, slots=True)
class CheckItem:
    name: str  # what was checked, for people
    problems: tuple[str, ...]  # empty when fine

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    items: tuple[CheckItem, ...]

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)

    def lines(self) -> list[str]:
        """A plain-text report: one line per check, then its first problems indented."""
        out: list[str] = []
        for item in self.items:
            out.append(f"{item.name}: {'ok' if item.ok else f'{len(item.problems)} problem(s)'}")
            out.extend(f"  {p}" for p in item.problems[:MAX_SHOWN])
            if len(item.problems) > MAX_SHOWN:
                out.append(f"  … and {len(item.problems) - MAX_SHOWN} more")
        out.append("The practice file is intact." if self.ok
                   else "Problems were found. Restore the practice from a recent backup.")
        return out


def check_practice(practice: Practice) -> IntegrityReport:
    """integrity_check, foreign_key_check, cipher_integrity_check and the audit chain.

    Safe in a worker thread (the window runs it in one: about 1.4 s on a ten-year practice): it
    reads on connections no other thread uses meanwhile and holds ``practice.file_guard``, so
    closing, restoring or re-keying the practice waits for it."""
    from ipt_desktop.store import audit, snapshot

    with practice.file_guard, store_errors_mapped():
        practice._require_open()
        db = practice.db
        items = [
            CheckItem("Database pages and indexes", tuple(snapshot.integrity_check(db))),
            CheckItem("Links between records", tuple(snapshot.foreign_key_check(db))),
        ]
        if practice.encrypted:
            items.append(CheckItem("Encryption page checksums", tuple(snapshot.cipher_integrity_check(db))))
        items.append(CheckItem("Audit trail chain", tuple(audit.verify_chain(db))))
    return IntegrityReport(tuple(items))
