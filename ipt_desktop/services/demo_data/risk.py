"""Chloé Dubois-Nakamura: IPT-16, initial phase; latest PHQ-9 has item 9 > 0 (risk flag)."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.services.demo_data._helpers import (
    at, day, document, items_for, measure, person, planned, session, week_of,
)

CLIENT_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000d006"
ID = "interpersonal_deficits"

NOTES = {
    1: ("Chloé, 27, works remotely as a translator and describes years of loneliness that deepened into "
        "depression over the winter. She has few close relationships and finds it hard to keep friendships "
        "going. PHQ-9 17 with item 9 scored 0; denied thoughts of death. Psychoeducation about depression "
        "and IPT; she liked the idea that mood and relationships affect each other."),
    2: ("Mood lower this week after a friend cancelled a planned visit. On the PHQ-9 she scored item 9 as "
        "'several days'; on asking, she described passive thoughts that 'it would be easier not to wake "
        "up', with no plan or intent and strong reasons to live (her sister, her cat). Completed a safety "
        "plan together, including her sister Aiko and the crisis line. Began the inventory: five people, "
        "most contact online."),
}


def build(today: _dt.date) -> dict:
    start = day(today, 2, days=-2)
    sessions = [
        session(1, at(week_of(start, 1), "12:00"), notes=NOTES[1], interventions=("psychoeducation", "sick_role"),
                mood=3),
        session(2, at(week_of(start, 2), "12:00"), notes=NOTES[2],
                interventions=("interpersonal_inventory", "clarification"), ideation="passive", mood=2,
                risk_notes=("Passive death wish, no plan or intent, no history of self-harm. Safety plan "
                            "written and copy given; sister Aiko aware. Review at every session."),
                homework="Keep the safety plan card in your wallet; message Aiko once this week"),
    ]
    sessions += planned(3, 16, start, "12:00")
    measures = [measure("phq9", week_of(start, 1), items_for("phq9", 17, {9: 0}), 1),
                measure("phq9", week_of(start, 2), items_for("phq9", 19, {9: 1}), 2),
                measure("gad7", week_of(start, 1), items_for("gad7", 11), 1)]
    inventory = [
        person("Aiko", "sister", 1, contact="video call most weekends; lives in Lyon",
               positives="Protective; knows her history", negatives="Can be bossy",
               desired_changes="Tell her when things are bad", notes="Knows about the safety plan."),
        person("Léa", "school friend", 2, contact="messages monthly",
               positives="Long history", negatives="Cancelled the visit; Chloé felt rejected", area=ID),
        person("Daniel", "online gaming friend", 2, contact="plays together twice a week",
               positives="Easy company", negatives="Never met in person", area=ID),
        person("Yusuf", "neighbour", 3, contact="chats on the stairs",
               positives="Friendly; fed the cat when she was away", desired_changes="Accept his invitation to coffee",
               area=ID),
        person("Mme Girard", "former teacher", 3, contact="card at New Year",
               positives="Encouraged her translation career"),
    ]
    goals = [
        {"problem_area": ID, "description": "Meet one person face to face every week",
         "ratings": [{"date": week_of(start, 2), "value": 1}]},
    ]
    episode = {
        "id": "0d3e5a10-1c2b-4f6a-9e01-00000000e006", "protocol": "ipt-16", "start_date": start,
        "end_date": None, "diagnosis": "Major depressive disorder, single episode, moderate (F32.1)",
        "chief_complaint": "Long-standing loneliness and low mood that worsened over the winter.",
        "primary_problem_area": ID, "secondary_problem_area": None, "formulation": "",
        "formulation_agreed_on": None, "discharge": None,
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": CLIENT_ID, "first_name": "Chloé", "last_name": "Dubois-Nakamura", "preferred_name": None,
        "date_of_birth": f"{today.year - 27}-01-30", "pronouns": "she/her", "phone": "07700 900674",
        "email": "chloe.dn@example.com", "emergency_contact": "Aiko Nakamura (sister), +33 6 00 00 00 00",
        "referral_source": "University counselling service (alumni)", "notes": "Online sessions by video.",
        "status": "active",
    }
    return document(client, [episode])
