"""José Muñoz Delgado: brief IPT (8 sessions) for grief; his late wife is in the inventory."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.services.demo_data._helpers import (
    at, day, document, items_for, measure, person, planned, session, week_of,
)

CLIENT_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000d005"
GRIEF = "grief"

NOTES = {
    1: ("José's wife Pilar died of pancreatic cancer seven months ago after a short illness. Since then he "
        "has kept the house 'exactly as she left it', rarely goes out and has lost interest in bowls. "
        "PHQ-9 19. He had not cried since the funeral. Explained that depression after a loss can be "
        "treated and that grieving is work we will do together; agreed the sick role for now."),
    2: ("Inventory and the story of Pilar's illness, from the diagnosis in March to her death at home. He "
        "felt he had to be strong for their children, Nuria and Andrés, and 'did not have time' to grieve. "
        "Formulation agreed: complicated grief; goals to talk about Pilar and to return to bowls."),
    3: ("Middle phase. Brought photographs of their wedding and their trip to Asturias. Talked about the "
        "good and the difficult sides of the marriage, including her temper and his long hours. He cried "
        "for the first time in session and said it was a relief. Homework: look at one album with Nuria."),
    4: ("Looked at the album with Nuria; they both cried and then laughed at old stories. He has started "
        "to wonder about going back to bowls but feels guilty enjoying himself. PHQ-9 14. Explored the "
        "guilt and what Pilar would have said; he smiled and said 'she would tell me to stop moping'."),
}
INTERVENTIONS = {
    1: ("psychoeducation", "sick_role"), 2: ("interpersonal_inventory", "formulation"),
    3: ("encouragement_of_affect", "exploratory_questioning"),
    4: ("homework_review", "encouragement_of_affect", "clarification"),
}


def build(today: _dt.date) -> dict:
    start = day(today, 4, days=-3)
    sessions = [session(n, at(week_of(start, n), "14:30"), notes=NOTES[n], interventions=INTERVENTIONS[n],
                        focus=GRIEF if n >= 2 else None, mood=(2, 3, 3, 4)[n - 1],
                        homework={3: "Look through one photo album with Nuria",
                                  4: "Phone Vicente about the bowls club"}.get(n, ""),
                        review={4: "Did it; both cried, then laughed at stories"}.get(n, ""))
                for n in range(1, 5)]
    sessions += planned(5, 8, start, "14:30")
    measures = [measure("phq9", week_of(start, 1), items_for("phq9", 19), 1),
                measure("phq9", week_of(start, 4), items_for("phq9", 14), 4)]
    inventory = [
        person("Pilar", "wife", 1, contact="married 31 years; died seven months ago",
               positives="Warm, funny, organised family life", negatives="Quick temper; he worked long hours",
               expectations="He feels he should have noticed her illness sooner",
               desired_changes="Be able to talk about her", area=GRIEF, deceased=True,
               notes="Died at home; José was her main carer in the last weeks."),
        person("Nuria", "daughter", 1, contact="visits on Sundays", positives="Close; looks like her mother",
               negatives="He hides his sadness from her", desired_changes="Share memories of Pilar", area=GRIEF),
        person("Andrés", "son", 2, contact="phone calls; lives in Bilbao",
               positives="Practical help with the estate", negatives="They never talk about feelings"),
        person("Vicente", "friend from the bowls club", 2, contact="hasn't seen him since the funeral",
               positives="Friends for 20 years", desired_changes="Go back to Thursday bowls"),
        person("Conchita", "Pilar's sister", 2, contact="phone monthly",
               positives="Shares the loss", negatives="Conversations end in tears"),
        person("Mr Patel", "neighbour", 3, contact="says hello most days", positives="Brought food after the death"),
    ]
    goals = [
        {"problem_area": GRIEF, "description": "Talk about Pilar with my children without changing the subject",
         "ratings": [{"date": week_of(start, 2), "value": 1}, {"date": week_of(start, 4), "value": 4}]},
        {"problem_area": GRIEF, "description": "Go back to Thursday bowls",
         "ratings": [{"date": week_of(start, 2), "value": 0}, {"date": week_of(start, 4), "value": 2}]},
    ]
    episode = {
        "id": "0d3e5a10-1c2b-4f6a-9e01-00000000e005", "protocol": "ipt-b-8", "start_date": start,
        "end_date": None, "diagnosis": "Major depressive disorder, single episode, moderate (F32.1)",
        "chief_complaint": "Low mood and withdrawal since his wife died seven months ago.",
        "primary_problem_area": GRIEF, "secondary_problem_area": None,
        "formulation": ("José's depression followed the death of his wife Pilar. He postponed his own grief to "
                        "support his children and to manage her affairs, and has withdrawn from friends and "
                        "activities. Brief IPT will help him mourn Pilar, including the difficult parts of "
                        "the marriage, and reconnect with the people and activities he has dropped."),
        "formulation_agreed_on": week_of(start, 2), "discharge": None,
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": CLIENT_ID, "first_name": "José", "last_name": "Muñoz Delgado", "preferred_name": "Pepe",
        "date_of_birth": f"{today.year - 58}-07-19", "pronouns": "he/him", "phone": "07700 900562",
        "email": "jose.md@example.net", "emergency_contact": "Nuria Muñoz (daughter), 07700 900563",
        "referral_source": "Bereavement service", "notes": "", "status": "active",
    }
    return document(client, [episode])
