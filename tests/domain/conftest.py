"""A fictional IPT episode shared by the domain tests (no real people)."""

from __future__ import annotations

import pytest

from ipt_desktop.domain.protocols import planned_session_times
from ipt_desktop.domain.records import (
    Client, Episode, Goal, GoalRating, MeasureAdministration, Relationship, Session,
)


def phq9(total: int, on: str, number: int | None = None, item9: int = 0) -> MeasureAdministration:
    items = [0] * 9
    items[8] = item9
    rest = total - item9
    for i in range(8):
        items[i] = min(3, rest)
        rest -= items[i]
    assert rest == 0
    return MeasureAdministration(id=f"m-{on}", instrument="phq9", administered_on=on,
                                 items=tuple(items), session_number=number)


@pytest.fixture
def make_phq9():
    """Builder for PHQ-9 administrations with a given total and item 9 score."""
    return phq9


@pytest.fixture
def client() -> Client:
    return Client(id="c1", first_name="Morgan", last_name="Example", preferred_name="Mo",
                  date_of_birth="1988-06-15")


@pytest.fixture
def episode() -> Episode:
    """IPT-16 from 2026-01-05: sessions 1-10 attended except 5 (cancelled) and 8 (no-show)."""
    times = planned_session_times("2026-01-05", "09:00", 16)
    sessions = []
    for number, when in enumerate(times, start=1):
        status = ("cancelled" if number == 5 else "no_show" if number == 8
                  else "attended" if number <= 10 else "scheduled")
        interventions: tuple[str, ...] = ()
        if number == 1:
            interventions = ("psychoeducation", "sick_role")
        elif number == 2:
            interventions = ("interpersonal_inventory",)
        sessions.append(Session(
            id=f"s{number}", number=number, scheduled_at=when, status=status,
            focus_problem_area="role_transition" if 4 <= number <= 10 and status == "attended" else None,
            interventions=interventions,
            homework_assigned="Plan one call with a friend" if number == 6 else ""))
    return Episode(
        id="e1", protocol="ipt-16", start_date="2026-01-05", diagnosis="Major depressive disorder",
        primary_problem_area="role_transition", secondary_problem_area="role_dispute",
        formulation="Low mood since moving city for work.", formulation_agreed_on="2026-01-19",
        inventory=(Relationship(id="r1", name="Sam", relationship="partner", closeness=1),),
        goals=(Goal(id="g1", description="Join a local choir", problem_area="role_transition",
                    ratings=(GoalRating("2026-01-12", 2), GoalRating("2026-03-09", 7))),),
        sessions=tuple(sessions),
        measures=(phq9(18, "2026-01-05", 1, item9=1), phq9(12, "2026-02-09", 6),
                  phq9(8, "2026-03-09", 10)),
    )
