"""Writes for what lives inside an episode: inventory, goals and ratings, sessions, measures.

Every function checks the row belongs to the named episode (RecordNotFoundError otherwise) and
appends an audit event naming the client, in the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import delete
from sqlmodel import Session, select

from ...domain.records import Goal, GoalRating, MeasureAdministration, Relationship
from ...domain.records import Session as SessionRecord
from ..audit import append_event
from ..errors import RecordNotFoundError
from ..models import GoalRatingRow, GoalRow, MeasureRow, RelationshipRow, SessionRow
from . import mapping
from .clients import add_in_order
from .tx import client_of_episode, require


def _audit(s: Session, action: str, entity: str, entity_id: str, episode_id: str) -> None:
    append_event(s, action=action, entity=entity, entity_id=entity_id,
                 client_id=client_of_episode(s, episode_id))


def _reorder(s: Session, model, episode_id: str, ordered_ids: Sequence[str], entity: str) -> None:
    rows = {r.id: r for r in s.exec(select(model).where(model.episode_id == episode_id))}
    if sorted(rows) != sorted(ordered_ids):
        raise RecordNotFoundError(entity, ",".join(sorted(set(ordered_ids) ^ set(rows))) or "?")
    for position, rid in enumerate(ordered_ids):
        rows[rid].position = position
    s.flush()


def _compact(s: Session, model, episode_id: str) -> None:
    """Positions back to 0..n-1 after a delete, keeping the order."""
    rows = s.exec(select(model).where(model.episode_id == episode_id).order_by(model.position)).all()
    for position, row in enumerate(rows):
        row.position = position
    s.flush()


def _delete(s: Session, model, entity: str, episode_id: str, record_id: str) -> None:
    s.flush()
    result = s.execute(delete(model).where(model.id == record_id, model.episode_id == episode_id))
    if result.rowcount == 0:
        raise RecordNotFoundError(entity, record_id)
    for o in [o for o in s.identity_map.values() if isinstance(o, model) and o.id == record_id]:
        s.expunge(o)


# -- interpersonal inventory -----------------------------------------------------------------

def insert_relationship(s: Session, episode_id: str, rel: Relationship) -> None:
    s.add(mapping.relationship_row(episode_id, rel))
    s.flush()
    _audit(s, "insert", "relationship", rel.id, episode_id)


def update_relationship(s: Session, episode_id: str, rel: Relationship) -> None:
    row = require(s.get(RelationshipRow, rel.id), "relationship", rel.id, episode_id=episode_id)
    for name in mapping.RELATIONSHIP_FIELDS:
        setattr(row, name, getattr(rel, name))
    s.flush()
    _audit(s, "update", "relationship", rel.id, episode_id)


def delete_relationship(s: Session, episode_id: str, relationship_id: str) -> None:
    _delete(s, RelationshipRow, "relationship", episode_id, relationship_id)
    _compact(s, RelationshipRow, episode_id)
    _audit(s, "delete", "relationship", relationship_id, episode_id)


def reorder_relationships(s: Session, episode_id: str, ordered_ids: Sequence[str]) -> None:
    """Set positions 0..n-1 in the given order; ordered_ids must list every person exactly once."""
    _reorder(s, RelationshipRow, episode_id, ordered_ids, "relationship")
    _audit(s, "reorder", "relationship", episode_id, episode_id)


# -- goals -----------------------------------------------------------------------------------

def insert_goal(s: Session, episode_id: str, goal: Goal) -> None:
    ratings = [mapping.goal_rating_row(goal.id, r) for r in goal.ratings]
    add_in_order(s, [mapping.goal_row(episode_id, goal), *ratings])
    _audit(s, "insert", "goal", goal.id, episode_id)


def update_goal(s: Session, episode_id: str, goal: Goal) -> None:
    """Description, problem area and position; ratings are untouched (add_goal_rating)."""
    row = require(s.get(GoalRow, goal.id), "goal", goal.id, episode_id=episode_id)
    row.description, row.problem_area, row.position = goal.description, goal.problem_area, goal.position
    s.flush()
    _audit(s, "update", "goal", goal.id, episode_id)


def delete_goal(s: Session, episode_id: str, goal_id: str) -> None:
    _delete(s, GoalRow, "goal", episode_id, goal_id)
    _compact(s, GoalRow, episode_id)
    _audit(s, "delete", "goal", goal_id, episode_id)


def reorder_goals(s: Session, episode_id: str, ordered_ids: Sequence[str]) -> None:
    _reorder(s, GoalRow, episode_id, ordered_ids, "goal")
    _audit(s, "reorder", "goal", episode_id, episode_id)


def add_goal_rating(s: Session, episode_id: str, goal_id: str, rating: GoalRating) -> None:
    """Add a rating; a rating on the same date replaces the earlier one for that date."""
    require(s.get(GoalRow, goal_id), "goal", goal_id, episode_id=episode_id)
    s.flush()
    s.execute(delete(GoalRatingRow)
              .where(GoalRatingRow.goal_id == goal_id, GoalRatingRow.date == rating.date))
    s.add(mapping.goal_rating_row(goal_id, rating))
    s.flush()
    _audit(s, "rate", "goal", goal_id, episode_id)


def delete_goal_rating(s: Session, episode_id: str, goal_id: str, date: str) -> None:
    require(s.get(GoalRow, goal_id), "goal", goal_id, episode_id=episode_id)
    s.flush()
    s.execute(delete(GoalRatingRow).where(GoalRatingRow.goal_id == goal_id, GoalRatingRow.date == date))
    _audit(s, "unrate", "goal", goal_id, episode_id)


# -- sessions --------------------------------------------------------------------------------

def insert_sessions(s: Session, episode_id: str, sessions: Sequence[SessionRecord]) -> None:
    """Bulk insert (e.g. every planned session of a protocol). Numbers are unique per episode."""
    s.add_all([mapping.session_row(episode_id, x) for x in sessions])
    s.flush()
    for x in sessions:  # one event per row keeps the trail queryable by entity id
        _audit(s, "insert", "session", x.id, episode_id)


def update_session(s: Session, episode_id: str, session: SessionRecord) -> None:
    row = require(s.get(SessionRow, session.id), "session", session.id, episode_id=episode_id)
    for name, value in mapping.session_values(session).items():
        setattr(row, name, value)
    s.flush()
    _audit(s, "update", "session", session.id, episode_id)


def reschedule_sessions(s: Session, episode_id: str, times: Mapping[int, str]) -> None:
    """Set scheduled_at by session number (services compute the shifted times)."""
    rows = {r.number: r for r in s.exec(select(SessionRow).where(SessionRow.episode_id == episode_id,
                                                                 SessionRow.number.in_(list(times))))}
    missing = set(times) - set(rows)
    if missing:
        raise RecordNotFoundError("session number", ",".join(str(n) for n in sorted(missing)))
    for number, at in times.items():
        rows[number].scheduled_at = at
    s.flush()
    for number in sorted(times):
        _audit(s, "reschedule", "session", rows[number].id, episode_id)


def delete_session(s: Session, episode_id: str, session_id: str) -> None:
    _delete(s, SessionRow, "session", episode_id, session_id)
    _audit(s, "delete", "session", session_id, episode_id)


# -- measures --------------------------------------------------------------------------------

def insert_measure(s: Session, episode_id: str, measure: MeasureAdministration, *,
                   total: int | None, risk: bool) -> None:
    """total/risk come from domain.measures.score (stored so the client list needs no JSON)."""
    s.add(mapping.measure_row(episode_id, measure, total, risk))
    s.flush()
    _audit(s, "insert", "measure", measure.id, episode_id)


def update_measure(s: Session, episode_id: str, measure: MeasureAdministration, *,
                   total: int | None, risk: bool) -> None:
    row = require(s.get(MeasureRow, measure.id), "measure", measure.id, episode_id=episode_id)
    row.instrument, row.administered_on = measure.instrument, measure.administered_on
    row.items, row.session_number = json.dumps(list(measure.items)), measure.session_number
    row.total, row.risk = total, bool(risk)
    s.flush()
    _audit(s, "update", "measure", measure.id, episode_id)


def delete_measure(s: Session, episode_id: str, measure_id: str) -> None:
    _delete(s, MeasureRow, "measure", episode_id, measure_id)
    _audit(s, "delete", "measure", measure_id, episode_id)
