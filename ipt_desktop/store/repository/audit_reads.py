"""Reading the audit trail for people: newest first, with the client's name where it still exists.

Read-only; the trail itself is written by store.audit.append_event inside each write.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Database, translated_errors


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit event as shown in the GUI. ``at`` is the stored UTC ISO time."""

    id: int
    at: str
    action: str
    entity: str
    entity_id: str | None
    client_id: str | None
    client_name: str | None  # None when there is no client or it was deleted since


_SELECT = (
    "SELECT a.id, a.at, a.action, a.entity, a.entity_id, a.client_id, "
    "c.first_name, c.last_name, c.preferred_name "
    "FROM audit_event a LEFT JOIN client c ON c.id = a.client_id "
)


def _name(first: str | None, last: str | None, preferred: str | None) -> str | None:
    if first is None and last is None:
        return None
    given = preferred or first or ""
    return f"{given} {last or ''}".strip() or None


def count_audit_events(db: Database) -> int:
    with translated_errors(), db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM audit_event").scalar_one())


def list_audit_events(db: Database, *, limit: int | None = None,
                      client_id: str | None = None) -> list[AuditEntry]:
    """Events newest first (by id, which is the chain order); at most ``limit`` of them."""
    sql = _SELECT
    params: list[object] = []
    if client_id is not None:
        sql += "WHERE a.client_id = ? "
        params.append(client_id)
    sql += "ORDER BY a.id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    with translated_errors(), db.engine.connect() as conn:
        rows = conn.exec_driver_sql(sql, tuple(params)).all()
    return [
        AuditEntry(id=r[0], at=r[1], action=r[2], entity=r[3], entity_id=r[4], client_id=r[5],
                   client_name=_name(r[6], r[7], r[8]))
        for r in rows
    ]
