"""Row <-> record conversion. The only place that knows both shapes."""

from __future__ import annotations

import json

from ...domain.records import (
    Client,
    Discharge,
    Episode,
    Goal,
    GoalRating,
    MeasureAdministration,
    PracticeProfile,
    Relationship,
    Session,
)
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

CLIENT_FIELDS = ("first_name", "last_name", "preferred_name", "date_of_birth", "pronouns", "phone",
                 "email", "emergency_contact", "referral_source", "notes", "status")
EPISODE_FIELDS = ("protocol", "start_date", "end_date", "diagnosis", "chief_complaint",
                  "primary_problem_area", "secondary_problem_area", "formulation",
                  "formulation_agreed_on")
RELATIONSHIP_FIELDS = ("name", "relationship", "closeness", "contact", "positives", "negatives",
                       "expectations", "desired_changes", "problem_area", "dispute_stage", "deceased",
                       "notes", "position")
SESSION_FIELDS = ("number", "scheduled_at", "duration_minutes", "status", "focus_problem_area", "notes",
                  "homework_assigned", "homework_review", "suicidal_ideation", "risk_notes", "mood")
PROFILE_FIELDS = ("therapist_name", "credentials", "practice_name", "address", "phone",
                  "licence_number", "page_size")


def _pick(obj, names) -> dict:
    return {n: getattr(obj, n) for n in names}


# -- to rows ---------------------------------------------------------------------------------
# ``*_columns`` give a row's column values as a dict (Core inserts of many rows at once, see
# clients.insert_rows); ``*_row`` the ORM object for single-row writes.

def client_columns(c: Client) -> dict:
    return {"id": c.id, **_pick(c, CLIENT_FIELDS)}


def client_row(c: Client) -> ClientRow:
    return ClientRow(**client_columns(c))


def discharge_columns(d: Discharge | None) -> dict:
    if d is None:
        return {"discharge_date": None, "discharge_reason": None, "discharge_summary": "",
                "discharge_warning_signs": "", "discharge_recommendations": ""}
    return {"discharge_date": d.date, "discharge_reason": d.reason, "discharge_summary": d.summary,
            "discharge_warning_signs": d.warning_signs, "discharge_recommendations": d.recommendations}


def episode_columns(client_id: str, e: Episode) -> dict:
    return {"id": e.id, "client_id": client_id, **_pick(e, EPISODE_FIELDS), **discharge_columns(e.discharge)}


def relationship_columns(episode_id: str, r: Relationship) -> dict:
    return {"id": r.id, "episode_id": episode_id, **_pick(r, RELATIONSHIP_FIELDS)}


def relationship_row(episode_id: str, r: Relationship) -> RelationshipRow:
    return RelationshipRow(**relationship_columns(episode_id, r))


def goal_columns(episode_id: str, g: Goal) -> dict:
    return {"id": g.id, "episode_id": episode_id, "description": g.description,
            "problem_area": g.problem_area, "position": g.position}


def goal_row(episode_id: str, g: Goal) -> GoalRow:
    return GoalRow(**goal_columns(episode_id, g))


def goal_rating_columns(goal_id: str, r: GoalRating) -> dict:
    return {"goal_id": goal_id, "date": r.date, "value": r.value}  # id: SQLite assigns it


def goal_rating_row(goal_id: str, r: GoalRating) -> GoalRatingRow:
    return GoalRatingRow(**goal_rating_columns(goal_id, r))


def session_values(s: Session) -> dict:
    return {**_pick(s, SESSION_FIELDS), "interventions": json.dumps(list(s.interventions))}


def session_columns(episode_id: str, s: Session) -> dict:
    return {"id": s.id, "episode_id": episode_id, **session_values(s)}


def session_row(episode_id: str, s: Session) -> SessionRow:
    return SessionRow(**session_columns(episode_id, s))


def measure_columns(episode_id: str, m: MeasureAdministration, total: int | None, risk: bool) -> dict:
    return {"id": m.id, "episode_id": episode_id, "instrument": m.instrument,
            "administered_on": m.administered_on, "items": json.dumps(list(m.items)),
            "session_number": m.session_number, "total": total, "risk": bool(risk)}


def measure_row(episode_id: str, m: MeasureAdministration, total: int | None, risk: bool) -> MeasureRow:
    return MeasureRow(**measure_columns(episode_id, m, total, risk))


# -- to records ------------------------------------------------------------------------------

def to_client(r: ClientRow) -> Client:
    return Client(id=r.id, **_pick(r, CLIENT_FIELDS))


def to_discharge(r: EpisodeRow) -> Discharge | None:
    if r.discharge_date is None:
        return None
    return Discharge(date=r.discharge_date, reason=r.discharge_reason or "other",
                     summary=r.discharge_summary, warning_signs=r.discharge_warning_signs,
                     recommendations=r.discharge_recommendations)


def to_relationship(r: RelationshipRow) -> Relationship:
    values = _pick(r, RELATIONSHIP_FIELDS)
    values["deceased"] = bool(values["deceased"])
    return Relationship(id=r.id, **values)


def to_goal(r: GoalRow, ratings: list[GoalRatingRow]) -> Goal:
    return Goal(id=r.id, description=r.description, problem_area=r.problem_area, position=r.position,
                ratings=tuple(GoalRating(date=x.date, value=x.value) for x in ratings))


def to_session(r: SessionRow) -> Session:
    return Session(id=r.id, interventions=tuple(json.loads(r.interventions or "[]")),
                   **_pick(r, SESSION_FIELDS))


def to_measure(r: MeasureRow) -> MeasureAdministration:
    return MeasureAdministration(id=r.id, instrument=r.instrument, administered_on=r.administered_on,
                                items=tuple(json.loads(r.items or "[]")),
                                session_number=r.session_number)


def to_episode(r: EpisodeRow, *, inventory=(), goals=(), sessions=(), measures=()) -> Episode:
    return Episode(id=r.id, **_pick(r, EPISODE_FIELDS), discharge=to_discharge(r),
                   inventory=tuple(inventory), goals=tuple(goals), sessions=tuple(sessions),
                   measures=tuple(measures))


def to_profile(r: PracticeProfileRow | None) -> PracticeProfile:
    return PracticeProfile() if r is None else PracticeProfile(**_pick(r, PROFILE_FIELDS))


def profile_row(p: PracticeProfile) -> PracticeProfileRow:
    return PracticeProfileRow(id=1, **_pick(p, PROFILE_FIELDS))
