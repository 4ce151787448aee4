"""Søren Lindqvist: IPT-16, middle phase, a marital role dispute at impasse."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.services.demo_data._helpers import (
    at, day, document, items_for, measure, person, planned, session, week_of,
)

CLIENT_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000d002"
RD = "role_dispute"

NOTES = {
    1: ("Søren was referred after two months of low mood, poor concentration and irritability. He links it "
        "to 'constant rows' with his wife Annelie about his hours and her wish to move nearer her parents. "
        "Psychoeducation about depression and the sick role; he was relieved to hear it has a name. PHQ-9 16."),
    2: ("Interpersonal inventory. Annelie is closest and the source of most distress; they have stopped "
        "discussing the move and now argue about small things instead. His brother Henrik is a confidant. "
        "Work friendships are superficial. He describes withdrawing to his shed when arguments start."),
    3: ("Shared the formulation: a role dispute with Annelie about where the family lives and how much he "
        "works, now at impasse — the real disagreement is no longer spoken and both have withdrawn. He "
        "agreed and added that he fears that if they talk about it they will separate."),
    4: ("Middle phase. Clarified the expectations on each side: he hears her wish to move as criticism of "
        "the life he provides; she (as he reports it) feels alone with the children during the week. PHQ-9 "
        "15. Homework: notice what happens just before he goes to the shed."),
    5: ("He noticed he leaves when her voice rises, and that she follows to finish the point, which ends in "
        "shouting. Communication analysis of Sunday's argument about the school run. Discussed how silence "
        "is being read by Annelie as not caring."),
    6: ("Did not attend; left a message that a work deadline had overrun. Rebooked for next week."),
    7: ("Explored the missed session: he had felt dread about talking about the move. Encouraged affect: "
        "sadness about how distant they have become, and anger that his work is not valued. Role-played "
        "opening the subject of the move calmly, with a time limit agreed in advance."),
    8: ("He tried a 20-minute talk on Saturday; it stayed calm for ten minutes then stalled. Still at "
        "impasse, but both said they want to keep trying. PHQ-9 13. Discussed inviting Annelie to a joint "
        "session; he will ask her."),
}
INTERVENTIONS = {
    1: ("psychoeducation", "sick_role"), 2: ("interpersonal_inventory",),
    3: ("formulation", "interpersonal_inventory"), 4: ("clarification", "exploratory_questioning"),
    5: ("homework_review", "communication_analysis"), 6: (),
    7: ("encouragement_of_affect", "role_play"), 8: ("homework_review", "decision_analysis"),
}
MOODS = {1: 3, 2: 3, 3: 4, 4: 4, 5: 4, 7: 5, 8: 5}


def build(today: _dt.date) -> dict:
    start = day(today, 8)
    sessions = []
    for n in range(1, 9):
        status = "no_show" if n == 6 else "attended"
        sessions.append(session(
            n, at(week_of(start, n), "18:00"), status=status, notes=NOTES[n], interventions=INTERVENTIONS[n],
            focus=RD if n >= 4 and status == "attended" else None, mood=MOODS.get(n),
            homework={4: "Notice what happens just before going to the shed",
                      7: "Propose a 20-minute talk about the move, with an agreed end time",
                      8: "Ask Annelie whether she would come to a joint session"}.get(n, ""),
            review={5: "Noticed: leaves when her voice rises", 8: "Talk lasted 10 calm minutes"}.get(n, "")))
    sessions += planned(9, 16, start, "18:00")
    measures = [measure("phq9", week_of(start, n), items_for("phq9", total), n)
                for n, total in ((1, 16), (4, 15), (8, 13))]
    inventory = [
        person("Annelie", "wife", 1, contact="lives with; married 14 years",
               positives="Loyal, funny, a devoted mother", negatives="Arguments most evenings; no real talk",
               expectations="He expects recognition for providing; she wants more help and to move nearer "
                            "her parents", desired_changes="Talk about the move without shouting",
               area=RD, stage="impasse", notes="Dispute about working hours and relocation."),
        person("Freja", "daughter (11)", 1, contact="lives with", positives="Close; they cycle together",
               negatives="Has started asking why they argue"),
        person("Emil", "son (8)", 1, contact="lives with", positives="Affectionate"),
        person("Henrik", "brother", 2, contact="phone every week or two",
               positives="Listens without judging", negatives="Lives four hours away",
               desired_changes="Tell him how bad things have been"),
        person("Birgitta", "mother-in-law", 3, contact="monthly visits",
               positives="Helps with the children", negatives="He feels she takes Annelie's side",
               area=RD),
        person("Jonas", "colleague", 3, contact="daily at work", positives="Easy company at lunch",
               negatives="Only talk about work"),
        person("Malik", "old friend", 3, contact="rarely since the children were born",
               positives="Shared history", desired_changes="Meet for a run again"),
    ]
    goals = [
        {"problem_area": RD, "description": "Have one calm conversation with Annelie about moving",
         "ratings": [{"date": week_of(start, 3), "value": 1}, {"date": week_of(start, 8), "value": 3}]},
        {"problem_area": RD, "description": "Stay in the room when an argument starts",
         "ratings": [{"date": week_of(start, 3), "value": 2}, {"date": week_of(start, 8), "value": 4}]},
        {"problem_area": None, "description": "See Malik or Henrik once a month",
         "ratings": [{"date": week_of(start, 3), "value": 2}]},
    ]
    episode = {
        "id": "0d3e5a10-1c2b-4f6a-9e01-00000000e002", "protocol": "ipt-16", "start_date": start,
        "end_date": None, "diagnosis": "Major depressive disorder, recurrent, moderate (F33.1)",
        "chief_complaint": "Low mood and irritability with frequent arguments at home.",
        "primary_problem_area": RD, "secondary_problem_area": None,
        "formulation": ("Søren's current depression is linked to a role dispute with his wife about his "
                        "working hours and her wish to move closer to her family. The dispute has reached "
                        "an impasse: the core disagreement is avoided and both have withdrawn. Treatment "
                        "will help him understand both sets of expectations, communicate more directly, "
                        "and move the dispute back into renegotiation."),
        "formulation_agreed_on": week_of(start, 3), "discharge": None,
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": CLIENT_ID, "first_name": "Søren", "last_name": "Lindqvist", "preferred_name": None,
        "date_of_birth": f"{today.year - 41}-02-23", "pronouns": "he/him", "phone": "07700 900231",
        "email": None, "emergency_contact": "Henrik Lindqvist (brother), 07700 900232",
        "referral_source": "Self-referral", "notes": "Evening appointments only (works shifts).",
        "status": "active",
    }
    return document(client, [episode])
