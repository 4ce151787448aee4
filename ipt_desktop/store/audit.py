"""Hash-chained audit trail: which record changed, how and when — never clinical text.

hash = sha256(prev_hash + canonical JSON of (id, at, action, entity, entity_id, client_id)).
Including the row id means renumbering, editing or deleting any event except the newest breaks
the chain. (Truncating the newest events is not detectable from the file alone: that would need
an anchor kept outside it, e.g. in backups.)
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from sqlalchemy import text
from sqlmodel import Session

from .engine import Database
from .models import AuditEventRow

GENESIS = "0" * 64


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def compute_hash(prev_hash: str, event_id: int, at: str, action: str, entity: str,
                 entity_id: str | None, client_id: str | None) -> str:
    canonical = json.dumps([event_id, at, action, entity, entity_id, client_id],
                           separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256((prev_hash + canonical).encode("ascii")).hexdigest()


def append_event(session: Session, *, action: str, entity: str, entity_id: str | None = None,
                 client_id: str | None = None) -> None:
    """Add one event inside the caller's transaction (so it commits or rolls back with the change)."""
    last = session.execute(text("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")).first()
    event_id = (last[0] + 1) if last else 1
    prev = last[1] if last else GENESIS
    at = _utc_now()
    session.add(AuditEventRow(
        id=event_id, at=at, action=action, entity=entity, entity_id=entity_id, client_id=client_id,
        prev_hash=prev,
        hash=compute_hash(prev, event_id, at, action, entity, entity_id, client_id),
    ))
    session.flush()


def verify_chain(db: Database) -> list[str]:
    """Every break in the chain as a sentence; [] means intact."""
    problems: list[str] = []
    prev = GENESIS
    expected_id = None
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, at, action, entity, entity_id, client_id, prev_hash, hash "
            "FROM audit_event ORDER BY id"
        )
        for event_id, at, action, entity, entity_id, client_id, prev_hash, stored in rows:
            if expected_id is not None and event_id != expected_id:
                problems.append(f"audit events {expected_id}..{event_id - 1} are missing")
            if prev_hash != prev:
                problems.append(f"audit event {event_id} does not follow the previous event")
            if compute_hash(prev_hash, event_id, at, action, entity, entity_id, client_id) != stored:
                problems.append(f"audit event {event_id} was altered")
            prev = stored
            expected_id = event_id + 1
    return problems
