"""Read queries. One query per table for a whole client (no N+1), one for the client list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import literal_column, text
from sqlmodel import Session, select

from ...domain.protocols import PROTOCOLS
from ...domain.records import Client, ClientRecord, ClientSummary, Episode
from ..engine import Database
from ..models import (
    ClientRow,
    EpisodeRow,
    GoalRatingRow,
    GoalRow,
    MeasureRow,
    PracticeProfileRow,
    RelationshipRow,
    SessionRow,
)
from . import mapping

Source = Database | Session


@contextmanager
def reading(src: Source) -> Iterator[Session]:
    """Use the caller's session, or a short read session (one consistent snapshot) of the db."""
    if isinstance(src, Session):
        yield src
        return
    with src.session() as session:
        yield session


def get_profile(src: Source):
    with reading(src) as s:
        return mapping.to_profile(s.get(PracticeProfileRow, 1))


def get_client(src: Source, client_id: str) -> Client | None:
    with reading(src) as s:
        row = s.get(ClientRow, client_id)
        return mapping.to_client(row) if row else None


def episode_client_id(src: Source, episode_id: str) -> str | None:
    with reading(src) as s:
        row = s.get(EpisodeRow, episode_id)
        return row.client_id if row else None


def _episodes(s: Session, episode_rows: Sequence[EpisodeRow]) -> list[Episode]:
    """Children of many episodes in one IN(...) query per table."""
    ids = [e.id for e in episode_rows]
    if not ids:
        return []
    inventory, goals, sessions, measures = (defaultdict(list) for _ in range(4))
    for r in s.exec(select(RelationshipRow).where(RelationshipRow.episode_id.in_(ids))
                    .order_by(RelationshipRow.position, literal_column("relationship.rowid"))):
        inventory[r.episode_id].append(mapping.to_relationship(r))
    goal_rows = s.exec(select(GoalRow).where(GoalRow.episode_id.in_(ids))
                       .order_by(GoalRow.position, literal_column("goal.rowid"))).all()
    ratings = defaultdict(list)
    if goal_rows:
        for r in s.exec(select(GoalRatingRow).where(GoalRatingRow.goal_id.in_([g.id for g in goal_rows]))
                        .order_by(GoalRatingRow.date, GoalRatingRow.id)):
            ratings[r.goal_id].append(r)
    for g in goal_rows:
        goals[g.episode_id].append(mapping.to_goal(g, ratings[g.id]))
    for r in s.exec(select(SessionRow).where(SessionRow.episode_id.in_(ids)).order_by(SessionRow.number)):
        sessions[r.episode_id].append(mapping.to_session(r))
    for r in s.exec(select(MeasureRow).where(MeasureRow.episode_id.in_(ids))
                    .order_by(MeasureRow.administered_on, literal_column("measure_administration.rowid"))):
        measures[r.episode_id].append(mapping.to_measure(r))
    return [mapping.to_episode(e, inventory=inventory[e.id], goals=goals[e.id],
                               sessions=sessions[e.id], measures=measures[e.id]) for e in episode_rows]


def load_client_record(src: Source, client_id: str) -> ClientRecord | None:
    """The client with every episode (start-date order) and everything in them; None if absent."""
    with reading(src) as s:
        row = s.get(ClientRow, client_id)
        if row is None:
            return None
        eps = s.exec(select(EpisodeRow).where(EpisodeRow.client_id == client_id)
                     .order_by(EpisodeRow.start_date, literal_column("episode.rowid"))).all()
        return ClientRecord(client=mapping.to_client(row), episodes=tuple(_episodes(s, eps)))


def load_episode(src: Source, episode_id: str) -> Episode | None:
    with reading(src) as s:
        row = s.get(EpisodeRow, episode_id)
        return _episodes(s, [row])[0] if row else None


# The latest episode per client, its attended count, its headline administration (the
# protocol's main instrument when recorded, else the latest of any instrument) and its next
# scheduled session — in one statement, using the stored total/risk so no JSON is parsed.
_SUMMARY_SQL = """
WITH latest_ep AS (
    SELECT id, client_id, protocol FROM (
        SELECT id, client_id, protocol,
               ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY start_date DESC, rowid DESC) AS rn
        FROM episode {episode_filter}) WHERE rn = 1
), session_stats AS (
    -- Every per-session figure in ONE pass over the covering index ix_session_summary
    -- (migration 0002; docs/performance.md): the session table's rows carry the notes, so
    -- reading them decrypted ~100 KB per client; joining latest_ep made SQLite fetch each row
    -- once per figure. Aggregating every episode and joining to latest_ep below gives the
    -- same rows.
    SELECT episode_id,
           sum(status = 'attended') AS n,
           max(CASE WHEN status = 'attended' THEN number END) AS last_number,
           min(CASE WHEN status = 'scheduled' AND scheduled_at >= :now THEN scheduled_at END) AS at,
           -- The session that decides the phase (domain.episode_stats.phase_from_sessions): the
           -- first still-scheduled one from today's date on, by time then number. Stored times
           -- all have the same width, so the smallest "time|000012" key is that session.
           min(CASE WHEN status = 'scheduled' AND scheduled_at >= :today
                    THEN scheduled_at || '|' || printf('%06d', number) END) AS phase_key
    FROM {session_source} GROUP BY episode_id
), headline AS (
    SELECT episode_id, instrument, total, risk FROM (
        SELECT m.episode_id, m.instrument, m.total, m.risk,
               ROW_NUMBER() OVER (PARTITION BY m.episode_id
                                  ORDER BY ({main_case}) DESC, m.administered_on DESC, m.rowid DESC) AS rn
        FROM measure_administration m JOIN latest_ep le ON le.id = m.episode_id) WHERE rn = 1
)
SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth, c.status,
       le.protocol, le.id, coalesce(a.n, 0), h.instrument, h.total, coalesce(h.risk, 0), a.at,
       CAST(substr(a.phase_key, instr(a.phase_key, '|') + 1) AS INTEGER), coalesce(a.last_number, 0)
FROM client c
LEFT JOIN latest_ep le ON le.client_id = c.id
LEFT JOIN session_stats a ON a.episode_id = le.id
LEFT JOIN headline h ON h.episode_id = le.id
WHERE (:status = 'all' OR c.status = :status) {client_filter}
ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id
"""


def _main_case() -> tuple[str, dict]:
    params: dict = {}
    whens = []
    for i, (key, proto) in enumerate(sorted(PROTOCOLS.items())):
        params[f"p{i}"], params[f"i{i}"] = key, proto.main_instrument
        whens.append(f"WHEN le.protocol = :p{i} AND m.instrument = :i{i} THEN 1")
    return ("CASE " + " ".join(whens) + " ELSE 0 END") if whens else "0", params


def _client_filters(client_ids) -> tuple[dict[str, str], dict[str, str]]:
    """SQL fragments and parameters for the whole list (None) or only some clients.

    The whole list reads the covering index ix_session_summary in one pass; a few clients (a
    refresh after an autosave) seek into it by episode, so refreshing one row costs a few page
    reads rather than the whole index.
    """
    if client_ids is None:
        return {"episode_filter": "", "session_source": "session", "client_filter": ""}, {}
    names = [f"c{i}" for i in range(len(client_ids))] or ["c_none"]
    params = dict(zip(names, client_ids)) if client_ids else {"c_none": None}
    in_list = ", ".join(f":{n}" for n in names)
    return {
        "episode_filter": f"WHERE client_id IN ({in_list})",
        "session_source": f"session WHERE episode_id IN (SELECT id FROM episode WHERE client_id IN ({in_list}))",
        "client_filter": f"AND c.id IN ({in_list})",
    }, params


def list_client_summaries(src: Source, status: str = "all", *, now: str | None = None,
                          client_ids: list[str] | tuple[str, ...] | None = None) -> list[ClientSummary]:
    """Client-list rows ordered by last, first name. status: 'active'|'discharged'|'archived'|'all'.

    now: local wall-clock 'YYYY-MM-DDTHH:MM' for "next session"; defaults to the machine's now.
    client_ids: only these clients (the rows to refresh after a save); None for everyone.
    """
    now = now or datetime.now().strftime("%Y-%m-%dT%H:%M")
    case, params = _main_case()
    fragments, id_params = _client_filters(list(client_ids) if client_ids is not None else None)
    sql = _SUMMARY_SQL.replace("{main_case}", case)
    for name, fragment in fragments.items():
        sql = sql.replace("{" + name + "}", fragment)
    stmt = text(sql)
    with reading(src) as s:
        rows = s.execute(stmt, {**params, **id_params, "status": status, "now": now,
                                "today": now[:10]}).all()
    return [ClientSummary(id=r[0], first_name=r[1], last_name=r[2], preferred_name=r[3], date_of_birth=r[4],
                          status=r[5], protocol=r[6], episode_id=r[7], sessions_attended=r[8],
                          latest_instrument=r[9], latest_total=r[10], latest_risk=bool(r[11]),
                          next_session_at=r[12], next_session_number=r[13],
                          last_attended_number=r[14]) for r in rows]
