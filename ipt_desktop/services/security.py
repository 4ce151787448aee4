"""Privacy use cases: change the passphrase, read the audit trail, verify its hash chain.

Changing the passphrase has a slow part (two key stretchings, ~0.3 s each) and a quick part
(the rekey itself). The GUI runs ``prepare_passphrase_change`` in a worker thread and
``apply_passphrase_change`` on the GUI thread; the CLI and tests call ``change_passphrase``.
Neither passphrase is ever logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ipt_desktop.domain.validation import FieldError, ValidationFailed
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.services.practice import Practice, store_errors_mapped
from ipt_desktop.store import engine as store_engine
from ipt_desktop.store import rekey as store_rekey
from ipt_desktop.store.audit import append_event, verify_chain
from ipt_desktop.store.keys import KeyMaterial, new_salt
from ipt_desktop.store.repository.audit_reads import AuditEntry, count_audit_events, list_audit_events

log = logging.getLogger(__name__)

MIN_PASSPHRASE_LENGTH = 8
BACKUPS_NOTE = ("Backups made before this change still open with the OLD passphrase; "
                "keep it somewhere safe for as long as you keep those backups.")

__all__ = [
    "AuditEntry", "BACKUPS_NOTE", "ChainReport", "MIN_PASSPHRASE_LENGTH", "apply_passphrase_change",
    "audit_event_count", "change_passphrase", "list_audit", "prepare_passphrase_change",
    "verify_audit_chain",
]


# -- passphrase ----------------------------------------------------------------------------------
def prepare_passphrase_change(practice: Practice, *, old_passphrase: str | None, new_passphrase: str,
                              confirm_passphrase: str | None = None) -> KeyMaterial:
    """Check the input and stretch the new passphrase (slow; safe off the GUI thread).

    Raises ValidationFailed naming ``old_passphrase`` (not the current one), ``new_passphrase``
    (too short, same as before) or ``confirm_passphrase`` (does not match). For a plain practice
    ``old_passphrase`` is ignored: there is none. Returns new key material with a fresh salt.
    """
    practice._require_open()
    errors: list[FieldError] = []
    if len(new_passphrase) < MIN_PASSPHRASE_LENGTH:
        errors.append(FieldError("new_passphrase",
                                 f"Use at least {MIN_PASSPHRASE_LENGTH} characters."))
    if confirm_passphrase is not None and confirm_passphrase != new_passphrase:
        errors.append(FieldError("confirm_passphrase", "The two new passphrases do not match."))
    if practice.encrypted:
        if not old_passphrase:
            errors.append(FieldError("old_passphrase", "Enter the current passphrase."))
        elif not _key_matches(practice, old_passphrase):
            errors.append(FieldError("old_passphrase", "The current passphrase is not correct."))
        elif old_passphrase == new_passphrase:
            errors.append(FieldError("new_passphrase", "The new passphrase is the same as the current one."))
    if errors:
        raise ValidationFailed(errors)
    return KeyMaterial.from_passphrase(new_passphrase, new_salt())


def _key_matches(practice: Practice, passphrase: str) -> bool:
    try:
        return store_rekey.key_matches(practice.db, passphrase)
    except RuntimeError:  # the key was wiped: the practice was locked meanwhile
        raise ServiceError("The practice was locked; unlock it and try again.") from None


def apply_passphrase_change(practice: Practice, *, new_key: KeyMaterial) -> Changes:
    """Re-encrypt the practice with ``new_key`` (from ``prepare_passphrase_change``).

    Every pooled connection is closed and the practice reopened with the new key, so nothing
    keeps using the old one; ``practice`` (same object) then works as before. A plain practice
    becomes encrypted. Recorded in the audit trail as "rekey" (or "encrypt"). Backups made before
    keep their old passphrase (see BACKUPS_NOTE).
    """
    with practice.file_guard:  # not while a backup is copying the file with the old key
        practice._require_open()
        was_encrypted = practice.encrypted
        old_db = practice.db
        try:
            with store_errors_mapped(), store_engine.translated_errors():
                if was_encrypted:
                    new_db = store_rekey.rekey_database(old_db, new_key)
                else:
                    new_db = store_rekey.encrypt_database(old_db, new_key)
        except BaseException:
            if not _still_opens(old_db):
                # The file changed under the old key (or the key is gone): close rather than let
                # the next save fail in a confusing way; the therapist unlocks again.
                practice.close()
            raise
        practice.db = new_db
        practice.encrypted = True
    with practice.transaction() as tx:
        append_event(tx, action="rekey" if was_encrypted else "encrypt", entity="practice", entity_id="1")
    log.info("practice passphrase changed (was encrypted=%s)", was_encrypted)
    return Changes.of(None, "profile")


def _still_opens(db) -> bool:
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
        return True
    except Exception:  # noqa: BLE001 - any failure means the old engine is unusable
        return False


def change_passphrase(practice: Practice, *, old_passphrase: str | None, new_passphrase: str,
                      confirm_passphrase: str | None = None) -> Changes:
    """Check the old passphrase, then re-encrypt with the new one (both steps above)."""
    new_key = prepare_passphrase_change(practice, old_passphrase=old_passphrase,
                                        new_passphrase=new_passphrase,
                                        confirm_passphrase=confirm_passphrase)
    return apply_passphrase_change(practice, new_key=new_key)


# -- audit trail ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the audit trail's hash chain."""

    events: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"The audit trail is intact: {self.events} event(s), none altered or removed."
        shown = "; ".join(self.problems[:5]) + (" …" if len(self.problems) > 5 else "")
        return (f"The audit trail has been tampered with or damaged ({len(self.problems)} "
                f"problem(s)): {shown}. Restore the practice from a backup you trust.")


def list_audit(practice: Practice, *, limit: int | None = None,
               client_id: str | None = None) -> list[AuditEntry]:
    """Audit events newest first, with the client's display name where the client still exists."""
    practice._require_open()
    with store_errors_mapped():
        return list_audit_events(practice.db, limit=limit, client_id=client_id)


def audit_event_count(practice: Practice) -> int:
    practice._require_open()
    with store_errors_mapped():
        return count_audit_events(practice.db)


def verify_audit_chain(practice: Practice) -> ChainReport:
    """Recompute every hash of the trail: edited, renumbered or deleted events are reported."""
    practice._require_open()
    with store_errors_mapped(), store_engine.translated_errors():
        problems = verify_chain(practice.db)
        count = count_audit_events(practice.db)
    return ChainReport(events=count, problems=tuple(problems))
