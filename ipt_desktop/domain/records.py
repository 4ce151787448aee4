"""Plain, frozen records that every layer passes around.

They mirror the exchange format (docs/exchange-format.md) field for field, so import/export,
the store, the services, the GUI and the reports all speak one vocabulary. The store maps its
ORM rows to these; nothing above the store ever sees a live ORM object.

Dates are ISO strings ("YYYY-MM-DD") and session times local wall-clock strings
("YYYY-MM-DDTHH:MM") exactly as the therapist typed them: the machine's locale or time zone
never changes what is stored. Formatting for people happens in the UI and PDF layers only.
"""

from __future__ import annotations

from dataclasses import dataclass

# Enumerations are plain string constants (not Enum) so they round-trip through JSON, SQLite
# and Qt item data unchanged.
CLIENT_STATUSES = ("active", "discharged", "archived")
SESSION_STATUSES = ("scheduled", "attended", "cancelled", "no_show")
SUICIDAL_IDEATION_LEVELS = ("none", "passive", "active")
DISCHARGE_REASONS = ("completed", "dropped_out", "referred", "other")


@dataclass(frozen=True, slots=True)
class PracticeProfile:
    therapist_name: str = ""
    credentials: str = ""
    practice_name: str = ""
    address: str = ""
    phone: str = ""
    licence_number: str = ""
    page_size: str = "A4"  # "A4" or "Letter": a report preference, stored with the practice


@dataclass(frozen=True, slots=True)
class Client:
    id: str
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

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Discharge:
    date: str
    reason: str
    summary: str = ""
    warning_signs: str = ""
    recommendations: str = ""


@dataclass(frozen=True, slots=True)
class Relationship:
    """One person in the interpersonal inventory."""

    id: str
    name: str
    relationship: str
    closeness: int  # 1 = inner ring (closest) .. 3 = outer ring
    contact: str = ""
    positives: str = ""
    negatives: str = ""
    expectations: str = ""
    desired_changes: str = ""
    problem_area: str | None = None
    dispute_stage: str | None = None
    deceased: bool = False
    notes: str = ""
    position: int = 0  # order in the inventory, 0-based


@dataclass(frozen=True, slots=True)
class GoalRating:
    date: str
    value: int  # 0-10


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    description: str
    problem_area: str | None = None
    ratings: tuple[GoalRating, ...] = ()
    position: int = 0


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    number: int
    scheduled_at: str  # "YYYY-MM-DDTHH:MM", local wall-clock time
    duration_minutes: int = 50
    status: str = "scheduled"
    focus_problem_area: str | None = None
    notes: str = ""
    interventions: tuple[str, ...] = ()
    homework_assigned: str = ""
    homework_review: str = ""
    suicidal_ideation: str | None = None
    risk_notes: str = ""
    mood: int | None = None  # 0-10


@dataclass(frozen=True, slots=True)
class MeasureAdministration:
    id: str
    instrument: str  # key of domain.measures.INSTRUMENTS
    administered_on: str
    items: tuple[int, ...]
    session_number: int | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    """One course of IPT with everything recorded in it."""

    id: str
    protocol: str  # key of domain.protocols.PROTOCOLS
    start_date: str
    end_date: str | None = None
    diagnosis: str = ""
    chief_complaint: str = ""
    primary_problem_area: str | None = None
    secondary_problem_area: str | None = None
    formulation: str = ""
    formulation_agreed_on: str | None = None
    discharge: Discharge | None = None
    inventory: tuple[Relationship, ...] = ()
    goals: tuple[Goal, ...] = ()
    sessions: tuple[Session, ...] = ()
    measures: tuple[MeasureAdministration, ...] = ()


@dataclass(frozen=True, slots=True)
class ClientRecord:
    """A client with all of their episodes: the unit of import, export and the chart."""

    client: Client
    episodes: tuple[Episode, ...] = ()

    @property
    def latest_episode(self) -> Episode | None:
        # Episodes are kept in start-date order; the latest is the one the chart shows.
        return self.episodes[-1] if self.episodes else None


@dataclass(frozen=True, slots=True)
class ClientSummary:
    """One row of the client list: cheap to load for thousands of clients in one query."""

    id: str
    first_name: str
    last_name: str
    preferred_name: str | None
    date_of_birth: str | None
    status: str
    protocol: str | None = None
    episode_id: str | None = None
    sessions_attended: int = 0
    latest_instrument: str | None = None
    latest_total: int | None = None
    latest_risk: bool = False
    next_session_at: str | None = None
    # So the list shows the same phase as the chart header (domain.episode_stats.current_phase:
    # the next scheduled session's phase, else the last attended one's). None/0 when unknown.
    next_session_number: int | None = None
    last_attended_number: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
