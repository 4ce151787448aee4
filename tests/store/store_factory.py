"""Fictional records and the test passphrase shared by tests/store (imported, not a fixture)."""

from __future__ import annotations

import uuid

from ipt_desktop.domain.records import (
    Client,
    ClientRecord,
    Discharge,
    Episode,
    Goal,
    GoalRating,
    MeasureAdministration,
    Relationship,
    Session,
)

STORE_PASSPHRASE = "teal-otter-47 'quoted\" pass"  # quotes prove nothing is interpolated


def new_id() -> str:
    return str(uuid.uuid4())


def full_record(*, first_name: str = "Marnie", last_name: str = "Quillfeather",
                note: str = "n") -> ClientRecord:
    """A fictional client with every field set to a non-default value, two episodes."""
    client = Client(id=new_id(), first_name=first_name, last_name=last_name, preferred_name="Mar",
                    date_of_birth="1984-02-29", pronouns="she/her", phone="555-0100",
                    email="marnie@example.invalid", emergency_contact="Ola Quillfeather 555-0101",
                    referral_source="GP", notes=note, status="discharged")
    first = Episode(
        id=new_id(), protocol="ipt-b-8", start_date="2024-03-01", end_date="2024-05-01",
        diagnosis="F32.1", chief_complaint="low mood", primary_problem_area="role_transition",
        secondary_problem_area="grief", formulation="f1", formulation_agreed_on="2024-03-15",
        discharge=Discharge(date="2024-05-01", reason="completed", summary="s", warning_signs="w",
                            recommendations="r"),
    )
    goal_id = new_id()
    second = Episode(
        id=new_id(), protocol="ipt-16", start_date="2025-01-06", end_date=None, diagnosis="F33.0",
        chief_complaint="conflict with partner", primary_problem_area="role_dispute",
        secondary_problem_area=None, formulation="formulation text", formulation_agreed_on=None,
        discharge=None,
        inventory=(
            Relationship(id=new_id(), name="Pim", relationship="partner", closeness=1, contact="daily",
                         positives="p", negatives="n", expectations="e", desired_changes="d",
                         problem_area="role_dispute", dispute_stage="renegotiation", deceased=False,
                         notes="x", position=0),
            Relationship(id=new_id(), name="Gran", relationship="grandmother", closeness=3,
                         deceased=True, position=1),
        ),
        goals=(Goal(id=goal_id, description="argue less", problem_area="role_dispute",
                    ratings=(GoalRating("2025-01-06", 2), GoalRating("2025-02-03", 6)), position=0),
               Goal(id=new_id(), description="see friends", position=1)),
        sessions=tuple(
            Session(id=new_id(), number=n, scheduled_at=f"2025-01-{6 + 7 * (n - 1):02d}T09:30",
                    duration_minutes=45 + n, status="attended" if n <= 2 else "scheduled",
                    focus_problem_area="role_dispute" if n == 2 else None,
                    notes=f"session {n} notes" if n <= 2 else "",
                    interventions=("psychoeducation", "communication_analysis") if n == 2 else (),
                    homework_assigned="hw" if n == 2 else "", homework_review="rv" if n == 2 else "",
                    suicidal_ideation="passive" if n == 2 else None, risk_notes="rn" if n == 2 else "",
                    mood=4 if n == 2 else None)
            for n in range(1, 5)
        ),
        measures=(
            MeasureAdministration(id=new_id(), instrument="phq9", administered_on="2025-01-06",
                                  items=(2, 2, 2, 2, 2, 2, 2, 2, 1), session_number=1),
            MeasureAdministration(id=new_id(), instrument="gad7", administered_on="2025-01-13",
                                  items=(1, 1, 1, 1, 1, 1, 1), session_number=None),
        ),
    )
    return ClientRecord(client=client, episodes=(first, second))
