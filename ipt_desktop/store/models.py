"""SQLModel tables: the on-disk shape of a practice. Only store/ sees these classes.

Table models do not validate (SQLModel skips validation for table=True); validation lives in
domain/ and services/. Clinical rows use string UUID primary keys so exported/imported records
keep their identity across practices. Children cascade from client -> episode -> everything.

Session interventions and measure items are JSON text columns: they are always read and written
whole with their parent row, their order matters, and nothing queries inside them (the list
query uses the precomputed `total`/`risk` columns instead of parsing items).
"""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


class PracticeProfileRow(SQLModel, table=True):
    __tablename__ = "practice_profile"

    id: int = Field(default=1, primary_key=True)  # single row, always 1
    therapist_name: str = ""
    credentials: str = ""
    practice_name: str = ""
    address: str = ""
    phone: str = ""
    licence_number: str = ""
    page_size: str = "A4"


class ClientRow(SQLModel, table=True):
    __tablename__ = "client"
    __table_args__ = (Index("ix_client_status_names", "status", "last_name", "first_name"),)

    id: str = Field(primary_key=True)
    first_name: str
    last_name: str
    preferred_name: str | None = None
    date_of_birth: str | None = None
    pronouns: str | None = None
    phone: str | None = None
    email: str | None = None
    emergency_contact: str | None = None
    referral_source: str | None = None
    notes: str = ""
    status: str = "active"


class EpisodeRow(SQLModel, table=True):
    """One course of IPT. The discharge lives inline (discharge_date NULL = not discharged):
    it is 1:0..1 with the episode and always loaded with it."""

    __tablename__ = "episode"
    __table_args__ = (Index("ix_episode_client_start", "client_id", "start_date"),)

    id: str = Field(primary_key=True)
    client_id: str = Field(foreign_key="client.id", ondelete="CASCADE")
    protocol: str
    start_date: str
    end_date: str | None = None
    diagnosis: str = ""
    chief_complaint: str = ""
    primary_problem_area: str | None = None
    secondary_problem_area: str | None = None
    formulation: str = ""
    formulation_agreed_on: str | None = None
    discharge_date: str | None = None
    discharge_reason: str | None = None
    discharge_summary: str = ""
    discharge_warning_signs: str = ""
    discharge_recommendations: str = ""


class RelationshipRow(SQLModel, table=True):
    __tablename__ = "relationship"
    __table_args__ = (Index("ix_relationship_episode_position", "episode_id", "position"),)

    id: str = Field(primary_key=True)
    episode_id: str = Field(foreign_key="episode.id", ondelete="CASCADE")
    position: int = 0
    name: str
    relationship: str
    closeness: int
    contact: str = ""
    positives: str = ""
    negatives: str = ""
    expectations: str = ""
    desired_changes: str = ""
    problem_area: str | None = None
    dispute_stage: str | None = None
    deceased: bool = False
    notes: str = ""


class GoalRow(SQLModel, table=True):
    __tablename__ = "goal"
    __table_args__ = (Index("ix_goal_episode_position", "episode_id", "position"),)

    id: str = Field(primary_key=True)
    episode_id: str = Field(foreign_key="episode.id", ondelete="CASCADE")
    position: int = 0
    description: str
    problem_area: str | None = None


class GoalRatingRow(SQLModel, table=True):
    __tablename__ = "goal_rating"
    __table_args__ = (Index("ix_goal_rating_goal_date", "goal_id", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    goal_id: str = Field(foreign_key="goal.id", ondelete="CASCADE")
    date: str
    value: int


class SessionRow(SQLModel, table=True):
    __tablename__ = "session"
    __table_args__ = (
        UniqueConstraint("episode_id", "number", name="uq_session_episode_number"),
        Index("ix_session_scheduled_at", "scheduled_at"),
        # Covers the client list's per-session aggregate (migration 0002): read without the notes.
        Index("ix_session_summary", "episode_id", "status", "scheduled_at", "number"),
    )

    id: str = Field(primary_key=True)
    episode_id: str = Field(foreign_key="episode.id", ondelete="CASCADE")
    number: int
    scheduled_at: str
    duration_minutes: int = 50
    status: str = "scheduled"
    focus_problem_area: str | None = None
    notes: str = ""
    interventions: str = "[]"  # JSON list of intervention keys, in the order chosen
    homework_assigned: str = ""
    homework_review: str = ""
    suicidal_ideation: str | None = None
    risk_notes: str = ""
    mood: int | None = None


class MeasureRow(SQLModel, table=True):
    __tablename__ = "measure_administration"
    __table_args__ = (Index("ix_measure_episode_date", "episode_id", "administered_on"),)

    id: str = Field(primary_key=True)
    episode_id: str = Field(foreign_key="episode.id", ondelete="CASCADE")
    instrument: str
    administered_on: str
    items: str = "[]"  # JSON list of item scores
    session_number: int | None = None
    # Computed by services (domain.measures.score) so the client list never parses JSON.
    total: int | None = None
    risk: bool = False


class AuditEventRow(SQLModel, table=True):
    """Who-did-what trail without clinical text: only ids, action and entity kind."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: str  # UTC ISO-8601
    action: str
    entity: str
    entity_id: str | None = None
    client_id: str | None = None
    prev_hash: str
    hash: str
