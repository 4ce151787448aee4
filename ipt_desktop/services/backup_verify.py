"""Verifying a backup without touching the live practice: one refusal per kind of bad file.

First what the bytes tell (missing, empty, a PDF or other foreign file, too small), then the
per-page HMACs with the key (none authenticate: wrong passphrase; some fail: damaged; a partial
last page: truncated), then SQLite's integrity_check on a read-only connection (run alongside the
page scan, whose verdict still comes first), the page count the header promises, and the schema
revision (unknown: newer app).

A backup sealed after an earlier full check (services/backup_seals.py) is verified by one read
of its bytes against the seal's keyed tag instead: the same verdict, since the bytes are those
that passed. ``trust_seal=False`` (a restore, which is about to replace live data) always runs
the full check.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ipt_desktop.services import backup_seals
from ipt_desktop.services.backups import (
    SUFFIX, BackupInfo, BackupPassphraseError, BackupRefusedError, parse_name,
)
from ipt_desktop.store import restore as store_restore
from ipt_desktop.store.keys import KeyMaterial, read_salt

# Signatures of at least 3 bytes only: an encrypted file starts with 16 random salt bytes, so a
# one-byte signature such as "{" would call 1 backup in 256 foreign.
_FOREIGN = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP or Office document"),
            (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"))


def _looks_like_text(head: bytes) -> bool:
    """16 printable ASCII characters: random salt bytes pass this about once in five million."""
    return len(head) == 16 and all(32 <= b < 127 or b in (9, 10, 13) for b in head)


def verify_backup(path: Path, *, passphrase: str | None) -> BackupInfo:
    """Check a backup without touching the live database; returns what it holds.

    Raises BackupRefusedError (kind: missing/empty/foreign/truncated/damaged/newer, exit 4) or
    BackupPassphraseError (exit 3).
    """
    path = Path(path)
    key = key_for_backup(path, passphrase)
    try:
        return verify_with_key(path, key)
    finally:
        if key is not None:
            key.wipe()


def key_for_backup(path: Path, passphrase: str | None) -> KeyMaterial | None:
    """Classify what the first bytes tell, then stretch the passphrase with the file's salt."""
    check_header(path)
    if store_restore.is_plain_sqlite(path):
        return None
    if not passphrase:
        raise BackupPassphraseError("This backup is encrypted; its passphrase is needed.")
    return KeyMaterial.from_passphrase(passphrase, read_salt(path) or b"")


def check_header(path: Path) -> None:
    if not path.is_file():
        raise BackupRefusedError("missing", f"There is no backup file at {path}.")
    size = path.stat().st_size
    if size == 0:
        raise BackupRefusedError("empty", "The file is empty (0 bytes); it is not a usable backup.")
    with open(path, "rb") as fh:
        head = fh.read(16)
    for magic, what in _FOREIGN:
        if head.startswith(magic):
            raise BackupRefusedError("foreign", f"This is not an IPT Desktop backup: it is {what}.")
    if _looks_like_text(head):
        raise BackupRefusedError("foreign", "This is not an IPT Desktop backup: it is a text file.")
    if size < store_restore.PAGE_SIZE:
        if path.name.endswith(SUFFIX):
            raise BackupRefusedError("truncated", f"The backup is incomplete: only {size} bytes are left. "
                                                  f"Use another backup.")
        raise BackupRefusedError("foreign", "This is not an IPT Desktop backup (the file is too small).")


def verify_with_key(path: Path, key: KeyMaterial | None, *, trust_seal: bool = True) -> BackupInfo:
    """Every check of ``verify_backup`` with key material already derived (or None for plain).

    ``trust_seal``: a backup whose seal still matches its bytes is not checked again (one read
    instead of ~7). A full check that passes seals one of our own backups for next time."""
    path = Path(path)
    check_header(path)
    sealed = backup_seals.seal_holds(path, key) if trust_seal else None
    if sealed is not None:
        return _info_from_seal(path, sealed, encrypted=key is not None)
    tag = backup_seals.new_tag(path, key) if parse_name(path) is not None else None
    info = _full_check(path, key, alongside=tag.read if tag is not None else None)
    if tag is not None and info.schema_revision is not None:
        if backup_seals.write_seal(path, tag, revision=info.schema_revision, clients=info.clients or 0,
                                   sessions=info.sessions or 0, last_change=info.last_change):
            backup_seals.clear_owed(path)  # a check it owed (written on quit) is paid by this one
    return info


def _info_from_seal(path: Path, seal: backup_seals.Seal, *, encrypted: bool) -> BackupInfo:
    _refuse_unknown_revision(seal.revision)  # sealed by a newer app: this one cannot restore it
    parsed = parse_name(path)
    return BackupInfo(path=path, created_at=parsed[0] if parsed else None,
                      reason=parsed[1] if parsed else None, size_bytes=seal.size,
                      schema_revision=seal.revision, clients=seal.clients, sessions=seal.sessions,
                      last_change=seal.last_change, verified=True, encrypted=encrypted)


def _refuse_unknown_revision(revision: str) -> None:
    if revision not in store_restore.known_revisions():
        raise BackupRefusedError("newer", f"This backup was made by a newer version of IPT Desktop "
                                          f"(schema {revision}). Update the app to restore it.")


def _full_check(path: Path, key: KeyMaterial | None, *, alongside=None) -> BackupInfo:
    """Page HMACs alongside integrity_check, page count and schema revision: no trust in seals.
    ``alongside`` (the seal's tag) reads the file after the page scan, while integrity_check,
    the longer of the two, still runs."""
    pages_authentic = False
    examined: Future | None = None
    if key is not None:
        # SQLite's checks run while the page scan hashes (each releases the GIL): on two cores the
        # wait is the longer of the two, not their sum. The scan's verdict still comes first.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup-examine") as pool:
            examined = pool.submit(store_restore.examine_copy, path, key, pages_authenticated=True)
            _check_pages(path, key)
            if alongside is not None:
                alongside()
        pages_authentic = True  # every page carries a valid HMAC: no byte was changed
    elif not store_restore.is_plain_sqlite(path):
        raise BackupPassphraseError("This backup is encrypted; its passphrase is needed.")
    pages = path.stat().st_size // store_restore.PAGE_SIZE
    try:
        report = (examined.result() if examined is not None
                  else store_restore.examine_copy(path, None, alongside=alongside))
    except store_restore.CopyUnreadable as exc:
        if exc.page_count > pages:
            raise _truncated(pages, exc.page_count) from None
        if pages_authentic:
            # No page was altered, yet the structure does not hold together: pages are missing
            # (cut at a page boundary) or come from different moments (a sync program mixed them).
            raise BackupRefusedError("truncated", "The backup is incomplete: pages are missing or "
                                                  "do not belong together. Use another backup.") from None
        raise BackupRefusedError("damaged", "The backup is damaged: its table of contents cannot be "
                                            "read. Use an older backup.") from None
    if report.page_count > pages:
        raise _truncated(pages, report.page_count)
    if report.problems:
        raise BackupRefusedError("damaged", f"The backup is damaged ({len(report.problems)} problem(s) "
                                            f"found by the integrity check). Use another backup.")
    if report.revision is None:
        raise BackupRefusedError("foreign", "This database is not an IPT Desktop backup (it has no "
                                            "practice schema).")
    _refuse_unknown_revision(report.revision)
    parsed = parse_name(path)
    return BackupInfo(path=path, created_at=parsed[0] if parsed else None,
                      reason=parsed[1] if parsed else None,
                      size_bytes=path.stat().st_size, schema_revision=report.revision, clients=report.clients,
                      sessions=report.sessions, last_change=report.last_change, verified=True,
                      encrypted=key is not None)


def _truncated(pages: int, expected: int) -> BackupRefusedError:
    return BackupRefusedError("truncated", f"The backup is incomplete: it holds {pages} of its {expected} "
                                           f"pages. Use another backup.")


def _check_pages(path: Path, key: KeyMaterial) -> None:
    """Tell a wrong passphrase from damage: with the right key most pages still authenticate."""
    scan = store_restore.scan_pages(path, key)
    if scan.authentic == 0:
        if scan.partial_page:
            raise BackupRefusedError("foreign", "This is not an IPT Desktop backup (its contents are not "
                                                "a practice database).")
        raise BackupPassphraseError("The passphrase does not open this backup. It opens with the "
                                    "passphrase the practice had when the backup was made.")
    if scan.partial_page:
        raise BackupRefusedError("truncated", "The backup is incomplete: the file ends part-way "
                                              "through. Use another backup.")
    if scan.authentic < scan.pages:
        raise BackupRefusedError("damaged", f"The backup is damaged: {scan.pages - scan.authentic} of "
                                            f"{scan.pages} pages fail their checksum. Use another backup.")
