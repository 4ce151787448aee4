"""Marguerite Lefèvre: IPT-LL (16 sessions), termination phase; GDS-15 and HAM-D-17."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.services.demo_data._helpers import (
    at, day, document, items_for, measure, person, planned, session, week_of,
)

CLIENT_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000d004"
RT = "role_transition"
RD = "role_dispute"

NOTES = {
    1: ("Marguerite, 76, has cared for her husband Gérard since his Alzheimer's diagnosis eighteen months "
        "ago. She sleeps badly, has lost weight and says she has 'stopped being a person'. Explained "
        "late-life depression and that it is common in carers and treatable. HAM-D 20, GDS-15 11. No "
        "suicidal thoughts; she said 'Gérard needs me'."),
    2: ("Inventory. Gérard remains central but conversation has faded as his memory has. Son Étienne "
        "phones twice a week and pushes for residential care; daughter Claire lives abroad. She has "
        "dropped the choir and her bridge afternoons. Hearing is good; cognition screen unremarkable."),
    3: ("Formulation agreed: a role transition from wife and companion to carer, with the loss of the "
        "marriage as it was and of her own activities; plus a dispute with Étienne about Gérard's care. "
        "She was tearful and said it was the first time anyone had named what she has lost."),
    4: ("Middle phase. Mourning the old role: she described their walks and Sunday lunches. Encouraged "
        "affect; she allowed herself to feel sad without feeling disloyal to Gérard. Agreed to ask the "
        "day-centre about an extra afternoon."),
    5: ("Day-centre place for Gérard on Thursdays confirmed. She did not know what to do with the free "
        "time and spent it cleaning. Explored what she enjoyed before; she named the choir and gardening."),
    6: ("Went back to choir for the first time in a year; several members welcomed her warmly. GDS-15 9. "
        "Began work on the dispute with Étienne: clarified that she hears his suggestions about care homes "
        "as saying she is failing."),
    7: ("Communication analysis of a phone call with Étienne. He said 'you can't go on like this' and she "
        "hung up. Discussed what he may have meant (worry about her) and what she wants him to know "
        "(that she needs help, not a verdict). Role-played a reply."),
    8: ("She told Étienne she would like him to visit and see the day-to-day care before deciding "
        "anything. He came for the weekend and offered to handle the paperwork for a carers' assessment. "
        "She felt 'on the same side' for the first time in months."),
    9: ("Session moved to the afternoon because Gérard's hospital appointment was rearranged. She "
        "described the appointment as exhausting but noticed she had asked the nurse for help with the "
        "wheelchair, something she would not have done two months ago. Reviewed how asking for help "
        "felt: awkward, then a relief."),
    10: ("Carers' assessment booked. GDS-15 6. Sleep improving since the day centre began. Discussed the "
         "guilt she feels when she enjoys her own time; linked it to her idea of what a good wife does."),
    11: ("Decision analysis about respite care for a week in spring. She listed options with Étienne and "
         "Claire on a video call. No decision needed yet; she feels involved rather than overruled."),
    12: ("Raised the end of treatment: four sessions left. She was worried about losing support, so we "
         "reviewed the people now around her: choir, Étienne's visits, the carers' group. Mood 7/10."),
    13: ("Went to the carers' group for the first time and met two women in a similar position. Reviewed "
         "what has helped. Some sadness about ending, linked to the bigger ending she is living through "
         "with Gérard."),
    14: ("HAM-D 9, GDS-15 4. Discussed warning signs: stopping choir, not eating lunch, refusing help. "
         "Plan for the last two sessions: consolidate gains and write the relapse-prevention plan."),
}
INTERVENTIONS = {
    1: ("psychoeducation", "sick_role"), 2: ("interpersonal_inventory",), 3: ("formulation",),
    4: ("encouragement_of_affect",), 5: ("homework_review", "exploratory_questioning"),
    6: ("homework_review", "clarification"), 7: ("communication_analysis", "role_play"),
    8: ("homework_review", "encouragement_of_affect"), 9: ("clarification", "encouragement_of_affect"),
    10: ("clarification", "encouragement_of_affect"), 11: ("decision_analysis",),
    12: ("termination_discussion",), 13: ("termination_discussion", "homework_review"),
    14: ("maintenance_planning", "termination_discussion"),
}
MOODS = (2, 3, 3, 4, 4, 5, 5, 6, 5, 6, 6, 7, 7, 7)


def build(today: _dt.date) -> dict:
    start = day(today, 14, days=-2)
    sessions = []
    for n in range(1, 15):
        sessions.append(session(
            n, at(week_of(start, n), "15:00" if n == 9 else "11:00"), notes=NOTES[n], interventions=INTERVENTIONS[n],
            focus=None if n <= 3 else (RD if n in (6, 7, 8, 11) else RT), mood=MOODS[n - 1], duration=60,
            homework={4: "Ask the day centre about an extra afternoon", 5: "Do one thing just for you on Thursday",
                      7: "Invite Étienne to visit for a weekend", 12: "Go to the carers' group"}.get(n, ""),
            review={5: "Thursday place confirmed", 6: "Went back to choir", 8: "Étienne visited",
                    13: "Went; will go monthly"}.get(n, "")))
    sessions += planned(15, 16, start, "11:00", duration=60)
    gds = {1: 11, 6: 9, 10: 6, 14: 4}
    measures = [measure("gds15", week_of(start, n), items_for("gds15", total), n) for n, total in gds.items()]
    measures += [measure("hamd17", week_of(start, 1), items_for("hamd17", 20), 1),
                 measure("hamd17", week_of(start, 14), items_for("hamd17", 9), 14)]
    inventory = [
        person("Gérard", "husband", 1, contact="lives with; she is his main carer",
               positives="52 years married; still gentle and affectionate",
               negatives="Alzheimer's: no longer follows conversation", area=RT,
               expectations="She expects herself to manage alone", desired_changes="Accept help with his care"),
        person("Étienne", "son", 2, contact="phone twice a week; visits monthly",
               positives="Practical, cares about both parents", negatives="Pushes for a care home",
               expectations="He expects her to accept residential care", desired_changes="Decide together",
               area=RD, stage="renegotiation"),
        person("Claire", "daughter", 2, contact="video call weekly; lives in Montréal",
               positives="Emotionally close", negatives="Far away; feels guilty"),
        person("Odile", "friend from choir", 2, contact="choir on Tuesdays",
               positives="Known for 30 years", desired_changes="Coffee after choir", area=RT),
        person("Hélène", "neighbour", 3, contact="most days over the fence", positives="Helps with shopping"),
        person("Rashida", "carers' group member", 3, contact="monthly group",
               positives="Caring for her mother; understands", area=RT),
        person("Dr Ngata", "GP", 3, contact="every few months", positives="Listens; arranged the referral"),
    ]
    goals = [
        {"problem_area": RT, "description": "Keep one afternoon a week for myself",
         "ratings": [{"date": week_of(start, 3), "value": 1}, {"date": week_of(start, 6), "value": 4},
                     {"date": week_of(start, 10), "value": 6}, {"date": week_of(start, 14), "value": 8}]},
        {"problem_area": RD, "description": "Make care decisions together with Étienne",
         "ratings": [{"date": week_of(start, 3), "value": 2}, {"date": week_of(start, 8), "value": 6},
                     {"date": week_of(start, 14), "value": 7}]},
    ]
    episode = {
        "id": "0d3e5a10-1c2b-4f6a-9e01-00000000e004", "protocol": "ipt-ll-16", "start_date": start,
        "end_date": None, "diagnosis": "Depressive episode, moderate (F32.1)",
        "chief_complaint": "Low mood, poor sleep and weight loss while caring for her husband.",
        "primary_problem_area": RT, "secondary_problem_area": RD,
        "formulation": ("Marguerite's depression developed as she moved from being Gérard's wife and "
                        "companion to being his full-time carer. She has lost the marriage as it was, her "
                        "own activities and much of her social life, and disagrees with her son about "
                        "Gérard's care. IPT will help her mourn what has changed, rebuild support and "
                        "renegotiate care decisions with her family."),
        "formulation_agreed_on": week_of(start, 3), "discharge": None,
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": CLIENT_ID, "first_name": "Marguerite", "last_name": "Lefèvre", "preferred_name": None,
        "date_of_birth": f"{today.year - 76}-11-02", "pronouns": "she/her", "phone": "01632 960512",
        "email": None, "emergency_contact": "Étienne Lefèvre (son), 07700 900451",
        "referral_source": "GP (Dr Ngata)", "notes": "Hearing fine. Sessions of 60 minutes at her request.",
        "status": "active",
    }
    return document(client, [episode])
