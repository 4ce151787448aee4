"""A fictional client's episode with six measures and three rated goals, built as plain records.

Used where the tab only needs something to show (geometry, screenshots); tests that store data
go through the real services on the ``practice`` fixture instead.
"""

from __future__ import annotations

from ipt_desktop.domain.records import (
    Client, ClientRecord, Episode, Goal, GoalRating, MeasureAdministration,
)


def adm(id_: str, instrument: str, on: str, items: list[int], session: int | None) -> MeasureAdministration:
    return MeasureAdministration(id=id_, instrument=instrument, administered_on=on, items=tuple(items),
                                 session_number=session)


def fictional_record() -> ClientRecord:
    """Priya Okonkwo-Lind (fictional): IPT-16, role transition after a move, improving."""
    measures = (
        adm("m1", "phq9", "2026-09-07", [2, 3, 2, 2, 2, 3, 2, 1, 1], 1),   # 18, item 9 > 0
        adm("m2", "gad7", "2026-09-07", [2, 2, 2, 2, 1, 2, 1], 1),         # 12
        adm("m3", "phq9", "2026-09-28", [2, 2, 2, 2, 1, 2, 2, 1, 0], 4),   # 14
        adm("m4", "phq9", "2026-10-19", [1, 2, 1, 1, 1, 1, 1, 1, 0], 7),   # 9
        adm("m5", "gad7", "2026-10-19", [1, 1, 1, 1, 1, 1, 0], 7),         # 6
        adm("m6", "phq9", "2026-11-09", [1, 1, 1, 0, 0, 1, 0, 0, 0], 10),  # 4 -> remission
    )
    goals = (
        Goal(id="g1", description="Make one new friend in the new city", problem_area="role_transition",
             ratings=(GoalRating("2026-09-21", 2), GoalRating("2026-10-12", 4), GoalRating("2026-11-09", 6)),
             position=0),
        Goal(id="g2", description="Tell my partner when I feel left out instead of going quiet",
             problem_area="role_dispute",
             ratings=(GoalRating("2026-09-21", 3), GoalRating("2026-10-12", 3), GoalRating("2026-11-09", 7)),
             position=1),
        Goal(id="g3", description="Go back to the choir", problem_area=None, ratings=(), position=2),
    )
    episode = Episode(id="e1", protocol="ipt-16", start_date="2026-09-07", measures=measures, goals=goals)
    client = Client(id="c1", first_name="Priya", last_name="Okonkwo-Lind")
    return ClientRecord(client=client, episodes=(episode,))
