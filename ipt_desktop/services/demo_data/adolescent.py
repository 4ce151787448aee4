"""Michał Wróbel: IPT-A (12 sessions), a 15-year-old after a move of school; PHQ-A scores."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.services.demo_data._helpers import (
    at, day, document, items_for, measure, person, planned, session, week_of,
)

CLIENT_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000d003"
RT = "role_transition"
ID = "interpersonal_deficits"

NOTES = {
    1: ("Michał came with his mother Agnieszka. Since the family moved in the summer he has stopped "
        "going out, sleeps late and has been missing the first lesson most days. He said school is "
        "'pointless' and that he has no friends there. Explained depression to both of them in plain terms "
        "and agreed a limited sick role: school attendance stays the expectation, but homework load is "
        "reduced for a few weeks by arrangement with his tutor. PHQ-A 17; item 9 scored 0."),
    2: ("Seen alone for most of the session, then with his mother for ten minutes. Closeness circle: "
        "his old friend Kacper is still in the inner circle though they only message now. Nobody at the "
        "new school yet. Father works away during the week; Michał misses the Saturday matches they used to "
        "watch. Agnieszka agreed to stop asking about school the moment he gets home."),
    3: ("Talked through the 'old life and new life'. He was animated describing the old football team and "
        "went quiet about the new school. Linked the low mood to the loss of friends and team. He wants to "
        "'not be the new kid who sits alone at lunch'."),
    4: ("Agreed the formulation: a role transition (new town, new school) with difficulty starting new "
        "friendships. PHQ-A 14. Goals: talk to one person at school each day; find a club. He chose "
        "Oskar, who sits next to him in physics."),
    5: ("Middle phase. He asked Oskar about a game and they talked for most of lunch. Communication "
        "analysis of a moment where he was asked to join a group and said no; he realised he was afraid of "
        "not knowing the rules. Role-played saying yes and asking a question. Mother joined for the last "
        "ten minutes; the morning arguments have eased."),
    6: ("Went to the after-school football trial and was offered a place. Still finds lunchtimes hard. "
        "PHQ-A 11. Explored feelings about his father being away; he is angry but has not said so. Next "
        "session: plan how he might tell his dad that he misses the Saturdays."),
}
INTERVENTIONS = {
    1: ("psychoeducation", "sick_role"), 2: ("interpersonal_inventory",),
    3: ("interpersonal_inventory", "encouragement_of_affect"), 4: ("formulation",),
    5: ("homework_review", "communication_analysis", "role_play"),
    6: ("homework_review", "encouragement_of_affect"),
}


def build(today: _dt.date) -> dict:
    start = day(today, 6, days=-1)
    sessions = [session(n, at(week_of(start, n), "16:15"), notes=NOTES[n], interventions=INTERVENTIONS[n],
                        focus=RT if n >= 4 else None, duration=45, mood=(3, 3, 4, 4, 5, 6)[n - 1],
                        homework={4: "Say something to Oskar each day this week",
                                  5: "Go to the football trial on Thursday"}.get(n, ""),
                        review={5: "Talked with Oskar at lunch on three days",
                                6: "Went to the trial; offered a place"}.get(n, ""))
                for n in range(1, 7)]
    sessions += planned(7, 12, start, "16:15", duration=45)
    measures = [measure("phqa", week_of(start, n), items_for("phqa", total), n)
                for n, total in ((1, 17), (4, 14), (6, 11))]
    inventory = [
        person("Agnieszka", "mother", 1, contact="lives with", positives="Supportive; drives him everywhere",
               negatives="Arguments about getting up for school", expectations="That he 'tries harder'",
               desired_changes="Fewer morning arguments"),
        person("Kacper", "best friend (old town)", 1, contact="messages most days; visits at half-term",
               positives="Known each other since primary school", negatives="Far away now",
               area=RT, notes="Michał worries Kacper will replace him."),
        person("Paweł", "father", 2, contact="weekends; works away Monday-Friday",
               positives="Football together", negatives="Rarely there in the week",
               desired_changes="Tell him he misses the Saturday matches", area=RT),
        person("Zuzanna", "sister (9)", 2, contact="lives with", positives="Makes him laugh",
               negatives="Annoying sometimes"),
        person("Oskar", "classmate", 3, contact="physics and lunch", positives="Likes the same games",
               desired_changes="Become a real friend", area=ID),
        person("Ms Adebayo", "form tutor", 3, contact="daily registration",
               positives="Arranged reduced homework; checks in kindly"),
    ]
    goals = [
        {"problem_area": ID, "description": "Talk to at least one person at school every day",
         "ratings": [{"date": week_of(start, 4), "value": 2}, {"date": week_of(start, 6), "value": 5}]},
        {"problem_area": RT, "description": "Join a team or club at the new school",
         "ratings": [{"date": week_of(start, 4), "value": 1}, {"date": week_of(start, 6), "value": 7}]},
    ]
    episode = {
        "id": "0d3e5a10-1c2b-4f6a-9e01-00000000e003", "protocol": "ipt-a-12", "start_date": start,
        "end_date": None, "diagnosis": "Depressive episode, moderate (F32.1)",
        "chief_complaint": "Withdrawn and missing school since the family moved.",
        "primary_problem_area": RT, "secondary_problem_area": ID,
        "formulation": ("Michał's low mood started after the family moved and he changed school, losing his "
                        "friends and his football team (role transition). He finds it hard to start new "
                        "friendships (interpersonal deficits). We will work on the loss of the old life, "
                        "practise starting conversations, and help him and his parents talk more openly."),
        "formulation_agreed_on": week_of(start, 4), "discharge": None,
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": CLIENT_ID, "first_name": "Michał", "last_name": "Wróbel", "preferred_name": "Michał",
        "date_of_birth": f"{today.year - 15}-05-09", "pronouns": "he/him", "phone": None, "email": None,
        "emergency_contact": "Agnieszka Wróbel (mother), 07700 900341",
        "referral_source": "School nurse", "notes": "Parent consent on file. Mother joins part of some sessions.",
        "status": "active",
    }
    return document(client, [episode])
