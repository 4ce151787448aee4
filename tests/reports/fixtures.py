"""Fictional practice and client records for the report tests (no real people)."""

from __future__ import annotations

import dataclasses

from ipt_desktop.domain.protocols import planned_session_times
from ipt_desktop.domain.records import (
    Client, Discharge, Episode, Goal, GoalRating, MeasureAdministration, PracticeProfile,
    Relationship, Session,
)

GENERATED_ON = "2026-11-25"

PRACTICE = PracticeProfile(
    therapist_name="Dr Aurélie Brønstad", credentials="PhD, Clinical Psychologist",
    practice_name="Harbourside Interpersonal Therapy", address="12 Quayside Lane\nPortwen PW1 4AB",
    phone="+44 1632 960123", licence_number="HCPC PYL-04417", page_size="A4")

CLIENT = Client(id="c-zoe", first_name="Zoë", last_name="Ñúñez-O'Brien", date_of_birth="1988-03-07",
                pronouns="she/her", status="discharged")

# PHQ-9 totals over the course: 18 (Moderately severe) -> 4 (Minimal) = Remission, -14 points / -78%.
PHQ9 = {1: (2, 2, 2, 2, 2, 2, 2, 2, 2), 4: (2, 2, 2, 2, 1, 2, 1, 1, 1), 8: (1, 2, 1, 1, 1, 1, 1, 1, 0),
        12: (1, 1, 1, 1, 1, 1, 0, 0, 0), 16: (1, 1, 0, 1, 0, 1, 0, 0, 0)}
# GAD-7: 12 (Moderate) -> 8 (Mild): -4 points, -33%, No response.
GAD7 = {1: (2, 2, 2, 2, 2, 1, 1), 16: (1, 1, 2, 1, 1, 1, 1)}


SESSION_4_NOTES = (
    "Zoë arrived on time and rated her mood 5/10. She described the first team meeting she chaired "
    "as \"mortifying\" and said she had avoided lunch with her former peers all week.\n"
    "We reviewed the interpersonal inventory together: the losses in the transition are the easy "
    "lunchtime friendships and a sense of competence; the gains she could name were autonomy and "
    "a bigger say in how the team works.\n\n"
    "Communication analysis of Sunday's phone call with her mother: Zoë asked for reassurance "
    "indirectly (\"I suppose you think I can't do it\"), her mother gave advice, and both ended "
    "the call annoyed. We role-played a direct request for support instead.")


def _sessions() -> tuple[Session, ...]:
    times = planned_session_times("2026-05-04", "09:30", 16)
    out = []
    for n, at in enumerate(times, start=1):
        status = "cancelled" if n == 6 else "no_show" if n == 10 else "attended"
        out.append(Session(
            id=f"s{n}", number=n, scheduled_at=at, duration_minutes=50, status=status,
            focus_problem_area="role_transition" if n > 3 else None,
            notes=SESSION_4_NOTES if n == 4 else f"Session {n} notes." if status == "attended" else "",
            homework_assigned="Tell Marisol one thing that went well at work, without asking for advice."
            if n == 4 else "",
            homework_review="Kept the mood diary on five of seven days." if n == 4 else "",
            interventions=("psychoeducation", "sick_role") if n == 1 else ("communication_analysis",),
            suicidal_ideation="none" if status == "attended" else None, mood=4 + n // 4))
    return tuple(out)


def _measures() -> tuple[MeasureAdministration, ...]:
    out = []
    day = {n: s.scheduled_at[:10] for n, s in ((s.number, s) for s in _sessions())}
    for n, items in PHQ9.items():
        out.append(MeasureAdministration(id=f"p{n}", instrument="phq9", administered_on=day[n],
                                         items=items, session_number=n))
    for n, items in GAD7.items():
        out.append(MeasureAdministration(id=f"g{n}", instrument="gad7", administered_on=day[n],
                                         items=items, session_number=n))
    return tuple(out)


INVENTORY = (
    Relationship(id="r1", name="Marisol Ñúñez", relationship="Mother", closeness=1,
                 contact="Weekly phone calls", positives="Warm, practical help",
                 negatives="Criticises career change", expectations="More reassurance",
                 desired_changes="Talk without arguing", problem_area="role_dispute",
                 dispute_stage="renegotiation", position=0),
    Relationship(id="r2", name="Łukasz Żółć", relationship="Partner", closeness=1,
                 contact="Lives together", positives="Supportive, funny", negatives="Works late",
                 problem_area="role_transition", position=1),
    Relationship(id="r3", name="Дмитрий Соколов", relationship="Colleague", closeness=2,
                 contact="Daily at work", positives="Mentor", problem_area="role_transition",
                 position=2),
    Relationship(id="r4", name="Grandad Seán", relationship="Grandfather", closeness=2,
                 problem_area="grief", deceased=True, notes="Died in January 2026", position=3),
    Relationship(id="r5", name="Priya", relationship="Old school friend", closeness=3,
                 contact="Rarely now", problem_area="interpersonal_deficits", position=4),
)

GOALS = (
    Goal(id="g1", description="Settle into the new team lead role without dread",
         problem_area="role_transition",
         ratings=(GoalRating("2026-05-18", 2), GoalRating("2026-07-06", 5), GoalRating("2026-08-17", 8))),
    Goal(id="g2", description="Ask Mum for support directly, without a fight", problem_area="role_dispute",
         ratings=(GoalRating("2026-05-18", 3), GoalRating("2026-08-17", 7)), position=1),
)

EPISODE = Episode(
    id="e1", protocol="ipt-16", start_date="2026-05-04", end_date="2026-08-17",
    diagnosis="Major depressive disorder, single episode, moderate",
    chief_complaint="Low mood since promotion",
    primary_problem_area="role_transition", secondary_problem_area="role_dispute",
    formulation="Zoë's depression began with her promotion.\nThe loss of peer friendships and "
                "conflict with her mother keep it going.",
    formulation_agreed_on="2026-05-18",
    discharge=Discharge(date="2026-08-17", reason="completed",
                        summary="Zoë attended 14 of 16 sessions and her PHQ-9 fell from 18 to 4.",
                        warning_signs="Withdrawing from friends\nSleeping past 10am",
                        recommendations="Monthly maintenance sessions for six months."),
    inventory=INVENTORY, goals=GOALS, sessions=_sessions(), measures=_measures())


def with_session(episode: Episode, number: int, **changes) -> Episode:
    sessions = tuple(dataclasses.replace(s, **changes) if s.number == number else s for s in episode.sessions)
    return dataclasses.replace(episode, sessions=sessions)
