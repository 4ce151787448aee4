"""Writes for clients, episodes, discharges, the practice profile and whole-record import.

Every function takes the caller's Session (from repository.transaction) and appends its audit
event in that same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Table, delete, insert
from sqlmodel import Session

from ...domain.records import Client, ClientRecord, Discharge, Episode, PracticeProfile
from ..audit import append_event
from ..errors import RecordNotFoundError
from ..models import (ClientRow, EpisodeRow, GoalRatingRow, GoalRow, MeasureRow, RelationshipRow, SessionRow,
                      metadata)
from . import mapping
from .tx import client_of_episode, require

# measure id -> (total, risk), computed by services with domain.measures.score
Scores = Mapping[str, tuple[int | None, bool]]


def set_profile(s: Session, profile: PracticeProfile) -> None:
    s.merge(mapping.profile_row(profile))
    append_event(s, action="update", entity="practice_profile", entity_id="1")


def insert_client(s: Session, client: Client) -> None:
    s.add(mapping.client_row(client))
    s.flush()
    append_event(s, action="insert", entity="client", entity_id=client.id, client_id=client.id)


def update_client(s: Session, client: Client) -> None:
    row = require(s.get(ClientRow, client.id), "client", client.id)
    for name in mapping.CLIENT_FIELDS:
        setattr(row, name, getattr(client, name))
    s.flush()
    append_event(s, action="update", entity="client", entity_id=client.id, client_id=client.id)


def set_client_status(s: Session, client_id: str, status: str) -> None:
    row = require(s.get(ClientRow, client_id), "client", client_id)
    row.status = status
    s.flush()
    append_event(s, action="status", entity="client", entity_id=client_id, client_id=client_id)


def delete_client(s: Session, client_id: str) -> None:
    """Deletes the client and (ON DELETE CASCADE) every episode and child row."""
    s.flush()
    if s.execute(delete(ClientRow).where(ClientRow.id == client_id)).rowcount == 0:
        raise RecordNotFoundError("client", client_id)
    s.expunge_all()  # rows removed by the cascade must not linger in the identity map
    append_event(s, action="delete", entity="client", entity_id=client_id, client_id=client_id)


def add_in_order(s: Session, rows: list) -> None:
    """Flush parents before children: without ORM relationships the unit of work does not
    order inserts by foreign key, so we flush table by table in metadata dependency order."""
    by_table: dict = {}
    for row in rows:
        by_table.setdefault(type(row).__table__, []).append(row)
    for table in metadata.sorted_tables:
        if table in by_table:
            s.add_all(by_table[table])
            s.flush()


def insert_rows(s: Session, rows: Mapping[Table, list[dict]]) -> None:
    """Many new rows through Core, one executemany per table, parents first (metadata order).
    An import writes ~40 rows per client; building ORM objects and the unit of work's flush were
    60 % of its time (docs/performance.md, change 21). The rows never enter the identity map:
    later reads in the transaction go to the database."""
    for table in metadata.sorted_tables:
        if rows.get(table):
            s.execute(insert(table), rows[table])


def _add_episode_rows(client_id: str, e: Episode, scores: Scores, into: dict[Table, list[dict]]) -> None:
    """The episode's row and everything nested in it, added to ``into`` table by table."""
    into.setdefault(EpisodeRow.__table__, []).append(mapping.episode_columns(client_id, e))
    into.setdefault(RelationshipRow.__table__, []).extend(
        mapping.relationship_columns(e.id, r) for r in e.inventory)
    goals, ratings = into.setdefault(GoalRow.__table__, []), into.setdefault(GoalRatingRow.__table__, [])
    for g in e.goals:
        goals.append(mapping.goal_columns(e.id, g))
        ratings.extend(mapping.goal_rating_columns(g.id, r) for r in g.ratings)
    into.setdefault(SessionRow.__table__, []).extend(mapping.session_columns(e.id, x) for x in e.sessions)
    into.setdefault(MeasureRow.__table__, []).extend(
        mapping.measure_columns(e.id, m, *scores.get(m.id, (None, False))) for m in e.measures)


def insert_episode(s: Session, client_id: str, episode: Episode, *, scores: Scores | None = None) -> None:
    """Insert an episode with everything nested in it (inventory, goals, sessions, measures)."""
    require(s.get(ClientRow, client_id), "client", client_id)
    rows: dict[Table, list[dict]] = {}
    _add_episode_rows(client_id, episode, scores or {}, rows)
    s.flush()  # pending ORM writes go first, as they came first
    insert_rows(s, rows)
    append_event(s, action="insert", entity="episode", entity_id=episode.id, client_id=client_id)


def update_episode(s: Session, episode: Episode) -> None:
    """Episode-level fields only; discharge and children have their own writes."""
    row = require(s.get(EpisodeRow, episode.id), "episode", episode.id)
    for name in mapping.EPISODE_FIELDS:
        setattr(row, name, getattr(episode, name))
    s.flush()
    append_event(s, action="update", entity="episode", entity_id=episode.id, client_id=row.client_id)


def set_discharge(s: Session, episode_id: str, discharge: Discharge | None) -> None:
    """Record (or clear, with None) the discharge. end_date/client status are separate writes."""
    row = require(s.get(EpisodeRow, episode_id), "episode", episode_id)
    for name, value in mapping.discharge_columns(discharge).items():
        setattr(row, name, value)
    s.flush()
    append_event(s, action="discharge" if discharge else "undischarge", entity="episode",
                 entity_id=episode_id, client_id=row.client_id)


def delete_episode(s: Session, episode_id: str) -> None:
    client_id = client_of_episode(s, episode_id)
    s.flush()
    s.execute(delete(EpisodeRow).where(EpisodeRow.id == episode_id))
    s.expunge_all()
    append_event(s, action="delete", entity="episode", entity_id=episode_id, client_id=client_id)


def replace_client_record(s: Session, record: ClientRecord, *, scores: Scores | None = None) -> None:
    """Import: delete the client (if present, with everything) and insert the record, atomically
    within the caller's transaction."""
    cid = record.client.id
    s.flush()
    s.execute(delete(ClientRow).where(ClientRow.id == cid))
    s.expunge_all()
    rows: dict[Table, list[dict]] = {ClientRow.__table__: [mapping.client_columns(record.client)]}
    for e in record.episodes:
        _add_episode_rows(cid, e, scores or {}, rows)
    insert_rows(s, rows)
    append_event(s, action="import", entity="client", entity_id=cid, client_id=cid)

