"""Writes for clients, episodes, discharges, the practice profile and whole-record import.

Every function takes the caller's Session (from repository.transaction) and appends its audit
event in that same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete
from sqlmodel import Session

from ...domain.records import Client, ClientRecord, Discharge, Episode, PracticeProfile
from ..audit import append_event
from ..errors import RecordNotFoundError
from ..models import ClientRow, EpisodeRow, metadata
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


def _episode_rows(client_id: str, e: Episode, scores: Scores) -> list:
    rows: list = [mapping.episode_row(client_id, e)]
    rows += [mapping.relationship_row(e.id, r) for r in e.inventory]
    for g in e.goals:
        rows.append(mapping.goal_row(e.id, g))
        rows += [mapping.goal_rating_row(g.id, r) for r in g.ratings]
    rows += [mapping.session_row(e.id, x) for x in e.sessions]
    rows += [mapping.measure_row(e.id, m, *scores.get(m.id, (None, False))) for m in e.measures]
    return rows


def insert_episode(s: Session, client_id: str, episode: Episode, *, scores: Scores | None = None) -> None:
    """Insert an episode with everything nested in it (inventory, goals, sessions, measures)."""
    require(s.get(ClientRow, client_id), "client", client_id)
    add_in_order(s, _episode_rows(client_id, episode, scores or {}))
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
    rows: list = [mapping.client_row(record.client)]
    for e in record.episodes:
        rows += _episode_rows(cid, e, scores or {})
    add_in_order(s, rows)
    append_event(s, action="import", entity="client", entity_id=cid, client_id=cid)

