"""What the app knows about each backup's check, kept in two small hidden files beside it.

* ``.<name>.seal``: the backup passed its full check (integrity_check and every page's HMAC);
  the seal holds what the check found (schema revision, counts, last change: no clinical text)
  and a keyed tag over the file's bytes and those facts (store/seal.py). Verifying a sealed
  backup re-computes the tag, one read of the file, instead of checking it all again. A seal
  that does not match (the file changed, the seal was edited, another key) is not trusted: the
  full check runs and decides.
* ``.<name>.owed``: the backup was written without waiting for its check (the one on quit, so
  closing the app is not held up), which runs later in the background. It is created *before*
  the backup gets its name, so a crash can never leave an unchecked backup that looks checked.
  Thinning never deletes a backup because of an owed one, and never deletes an owed one.

A backup with neither was made before seals existed (those were checked before they were named),
comes from elsewhere, or its seal could not be written: verifying it runs the full check.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ipt_desktop.store.keys import KeyMaterial
from ipt_desktop.store.seal import FileTag, tag_key, tags_equal
from ipt_desktop.store.snapshot import fsync_dir

log = logging.getLogger(__name__)

SEAL_FORMAT = 1
_SIDECAR_RE = re.compile(r"^\.(?P<backup>.+)\.(?P<kind>seal|owed)(?P<tmp>\.tmp)?$")


@dataclass(frozen=True, slots=True)
class Seal:
    """What a backup's full check found, and when (UTC)."""

    size: int
    revision: str
    clients: int
    sessions: int
    last_change: str | None
    checked_at: str

    def facts(self) -> bytes:
        """The bytes the tag covers after the file's own (stable: sorted keys, no spaces)."""
        return json.dumps({"format": SEAL_FORMAT, **asdict(self)}, sort_keys=True,
                          separators=(",", ":")).encode("utf-8")


def seal_path(backup: Path) -> Path:
    return backup.parent / f".{backup.name}.seal"


def owed_path(backup: Path) -> Path:
    return backup.parent / f".{backup.name}.owed"


def new_tag(path: Path, key: KeyMaterial | None) -> FileTag:
    """A tag of ``path`` not yet read: the caller has it read where it overlaps the check."""
    return FileTag(path, tag_key(key))


def write_seal(backup: Path, tag: FileTag, *, revision: str, clients: int, sessions: int,
               last_change: str | None) -> bool:
    """Seal ``backup`` (its bytes were hashed by ``tag`` and passed the full check). True when
    written; a folder that refuses the small file only costs a full check at the next verify."""
    try:
        size = backup.stat().st_size
        seal = Seal(size=size, revision=revision, clients=clients, sessions=sessions, last_change=last_change,
                    checked_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        read, tag_hex = tag.finish(seal.facts())
        if read != size:  # the file changed between the check and now: do not vouch for it
            log.warning("backup not sealed: its size changed during the check")
            return False
        _write_small(seal_path(backup), json.dumps({"format": SEAL_FORMAT, **asdict(seal), "tag": tag_hex},
                                                   indent=1).encode("utf-8"))
        return True
    except OSError as exc:
        log.warning("backup not sealed (%s)", exc.strerror or type(exc).__name__)
        return False


def read_seal(backup: Path) -> tuple[Seal, str] | None:
    """(seal, tag) as stored, or None when there is none or it is not one of ours."""
    try:
        raw = json.loads(seal_path(backup).read_bytes())
        if raw.get("format") != SEAL_FORMAT:
            return None
        seal = Seal(size=int(raw["size"]), revision=str(raw["revision"]), clients=int(raw["clients"]),
                    sessions=int(raw["sessions"]), checked_at=str(raw["checked_at"]),
                    last_change=None if raw["last_change"] is None else str(raw["last_change"]))
        return seal, str(raw["tag"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def seal_holds(backup: Path, key: KeyMaterial | None) -> Seal | None:
    """The backup's seal when its bytes are still exactly those that passed the check, else None.
    One read of the file (an HMAC-SHA256 over it)."""
    stored = read_seal(backup)
    if stored is None:
        return None
    seal, expected = stored
    try:
        if backup.stat().st_size != seal.size:
            return None
        read, actual = FileTag(backup, tag_key(key)).finish(seal.facts())
    except OSError:
        return None
    return seal if read == seal.size and tags_equal(actual, expected) else None


def is_sealed(backup: Path) -> bool:
    """A seal file is there (not proof of anything until ``seal_holds`` says so)."""
    return seal_path(backup).is_file()


def mark_owed(backup: Path) -> None:
    """Record that ``backup`` (not yet in place) still owes its check; durable before it returns,
    so the caller can then rename the backup into place."""
    _write_small(owed_path(backup), b"")
    fsync_dir(backup.parent)


def is_owed(backup: Path) -> bool:
    return owed_path(backup).exists()


def clear_owed(backup: Path) -> None:
    owed_path(backup).unlink(missing_ok=True)


def remove_sidecars(backup: Path) -> None:
    """With the backup itself: its seal and owed mark go too."""
    for side in (seal_path(backup), owed_path(backup)):
        try:
            side.unlink(missing_ok=True)
        except OSError:
            log.warning("a backup's sidecar file could not be removed")


def sweep_orphans(folder: Path) -> list[str]:
    """Delete seals and owed marks whose backup is gone (deleted by hand, or a write that failed
    after marking it owed), and their half-written temporaries. Only our own sidecar names."""
    removed: list[str] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        match = _SIDECAR_RE.match(path.name)
        if match is None or not match.group("backup").endswith(".ipt-backup"):
            continue
        if match.group("tmp") or not (path.parent / match.group("backup")).exists():
            try:
                path.unlink()
                removed.append(path.name)
            except OSError:
                pass
    return removed


def _write_small(path: Path, data: bytes) -> None:
    """Write a sidecar whole or not at all: a temporary, fsynced, renamed over the old one."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = [
    "Seal", "clear_owed", "is_owed", "is_sealed", "mark_owed", "new_tag", "owed_path", "read_seal",
    "remove_sidecars", "seal_holds", "seal_path", "sweep_orphans", "write_seal",
]
