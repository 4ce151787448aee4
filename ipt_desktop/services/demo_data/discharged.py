"""Inés Ramírez Ortega: IPT-16 for a role transition, discharged in remission (PHQ-9 18 -> 3)."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.services.demo_data._helpers import (
    at, day, document, items_for, measure, person, session, week_of,
)

CLIENT_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000d001"
EPISODE_ID = "0d3e5a10-1c2b-4f6a-9e01-00000000e001"
RT = "role_transition"

NOTES = {
    1: ("Inés describes four months of low mood, early waking and tearfulness since moving for the "
        "team-lead post. She had not linked the mood to the move until today. Explained depression as a "
        "treatable illness and agreed she is 'in the sick role' for now: doing less at work is part of "
        "getting better, not a failure. PHQ-9 18 (moderately severe); item 9 scored 0."),
    2: ("Started the interpersonal inventory. Her partner Tomás is supportive but works nights; her "
        "closest friends are still in her home city and contact has dropped to the odd message. At work "
        "she feels she must appear competent and has confided in nobody. Mood 3/10."),
    3: ("Completed the inventory and shared the formulation: her depression started with the loss of the "
        "old role (valued colleague, close friendships, weekly football) and the new role has brought "
        "responsibility without support. Inés agreed, saying 'I moved my job but left my life behind.' "
        "We set goals around rebuilding connection and settling into the manager role."),
    4: ("Middle phase. Explored what she misses about the old role and allowed herself to feel the loss; "
        "she cried when talking about the Friday team lunches. Also named some positives of the new post "
        "(autonomy, better pay). PHQ-9 15. Homework: phone Lucía rather than text."),
    5: ("Called Lucía and talked for an hour; felt lighter afterwards. Communication analysis of a tense "
        "exchange with her manager Ørjan, where she agreed to a deadline she knew was unrealistic. She "
        "noticed she says yes to avoid looking inexperienced."),
    6: ("Role-played asking Ørjan to prioritise two projects. First attempt was apologetic; second was "
        "clear and calm. She plans to try it at Thursday's one-to-one. Mood 5/10."),
    7: ("The conversation with Ørjan went well: one deadline moved and he said he valued her raising it. "
        "She is surprised. Discussed joining a local five-a-side team; she found one that plays on "
        "Wednesdays but is anxious about turning up alone."),
    8: ("Went to football twice and has been invited for drinks afterwards. Sleep improving, waking at "
        "06:00 instead of 04:30. PHQ-9 10. Reviewed goal ratings: connection goal up to 5."),
    9: ("Worked on the relationship with Tomás: she has been hiding how low she felt so as not to burden "
        "him. Clarified her expectation that he would notice without being told. Homework: tell him one "
        "thing about her week each evening."),
    10: ("Tomás had said he felt shut out; the evening check-ins have helped both of them. Explored "
         "mixed feelings about the new city; she can now describe things she likes here (the market, the "
         "canal walk). Encouraged affect about what she still misses."),
    11: ("Decision analysis about whether to bid for a permanent contract in two years or plan a move "
         "back. She wants to keep the option open and stop living 'as if on a trip'. Signed up for a "
         "Spanish-language book group."),
    12: ("Raised the end of treatment explicitly: four sessions left. Inés felt a flash of worry, then "
         "said she feels ready. PHQ-9 6. Reviewed the formulation together; both goals rated 7."),
    13: ("Consolidated what helped: naming the loss, asking directly, showing up for new groups. Some sadness "
         "about ending here too, which we linked to her pattern of endings. Mood 7/10."),
    14: ("Discussed early warning signs: waking before 05:00, cancelling football, replying to friends "
         "only by text. Wrote them down together for the discharge plan."),
    15: ("Termination phase. Reviewed the course of treatment session by session. She gave herself credit "
         "for the conversation with Ørjan. Planned what she would do if the warning signs returned."),
    16: ("Final session. PHQ-9 3 (minimal), GAD-7 4. Both goals rated 8-9. Discussed feelings about "
         "ending; she is grateful and a little sad. Agreed a booster session may be requested within a "
         "year. Discharged in remission."),
}
INTERVENTIONS = {
    1: ("psychoeducation", "sick_role"), 2: ("interpersonal_inventory",),
    3: ("interpersonal_inventory", "formulation"), 4: ("encouragement_of_affect", "exploratory_questioning"),
    5: ("homework_review", "communication_analysis"), 6: ("role_play",),
    7: ("homework_review", "clarification"), 8: ("homework_review", "encouragement_of_affect"),
    9: ("clarification", "communication_analysis"), 10: ("homework_review", "encouragement_of_affect"),
    11: ("decision_analysis",), 12: ("termination_discussion", "exploratory_questioning"),
    13: ("termination_discussion", "encouragement_of_affect"), 14: ("maintenance_planning",),
    15: ("termination_discussion", "maintenance_planning"), 16: ("termination_discussion", "maintenance_planning"),
}
HOMEWORK = {4: "Phone Lucía instead of texting", 6: "Ask Ørjan to rank the two projects",
            7: "Go to Wednesday five-a-side once", 9: "Tell Tomás one thing about the day each evening",
            11: "Go to the book group's first meeting"}
REVIEW = {5: "Called Lucía; talked for an hour", 7: "Asked Ørjan; one deadline moved",
          8: "Went twice; invited for drinks", 10: "Done most evenings; Tomás appreciates it",
          12: "Went; will go again"}
MOODS = (2, 3, 3, 4, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8)
PHQ9 = {1: 18, 4: 15, 8: 10, 12: 6, 16: 3}


def build(today: _dt.date) -> dict:
    start = day(today, 22)
    sessions = []
    for n in range(1, 17):
        sessions.append(session(
            n, at(week_of(start, n), "10:00"), notes=NOTES[n], interventions=INTERVENTIONS[n],
            focus=None if n <= 3 else RT, homework=HOMEWORK.get(n, ""), review=REVIEW.get(n, ""),
            mood=MOODS[n - 1]))
    end = week_of(start, 16)
    measures = [measure("phq9", week_of(start, n), items_for("phq9", total), n) for n, total in PHQ9.items()]
    measures += [measure("gad7", week_of(start, 1), items_for("gad7", 12), 1),
                 measure("gad7", end, items_for("gad7", 4), 16)]
    inventory = [
        person("Tomás", "partner", 1, contact="lives with; works nights",
               positives="Kind, patient, made the move with her", negatives="Rarely see each other awake",
               expectations="She expected him to notice how low she was", desired_changes="Talk every evening",
               notes="Moved with her; settling well himself."),
        person("Lucía", "oldest friend", 1, contact="phone weekly (was daily in person)",
               positives="Knows her best; makes her laugh", negatives="Contact dwindled after the move",
               desired_changes="Weekly phone call", area=RT),
        person("Ørjan", "line manager", 2, contact="daily at work",
               positives="Fair, values initiative", negatives="Sets tight deadlines",
               expectations="She assumed he expected her never to push back",
               desired_changes="Raise workload problems early", area=RT),
        person("Carmen", "mother", 2, contact="video call on Sundays",
               positives="Warm and proud of her", negatives="Worries aloud; asks when she is moving back",
               desired_changes="Share good news as well as worries"),
        person("Maite", "new teammate", 3, contact="five-a-side on Wednesdays",
               positives="Welcoming; introduced her to the group", area=RT),
        person("Ben", "colleague", 3, contact="shared office", positives="Friendly, helpful with systems",
               negatives="She has kept him at arm's length"),
    ]
    goals = [
        {"problem_area": RT, "description": "Build a circle of people to see outside work",
         "ratings": [{"date": week_of(start, 3), "value": 2}, {"date": week_of(start, 8), "value": 5},
                     {"date": week_of(start, 12), "value": 7}, {"date": end, "value": 9}]},
        {"problem_area": RT, "description": "Ask for what I need in the manager role",
         "ratings": [{"date": week_of(start, 3), "value": 1}, {"date": week_of(start, 8), "value": 5},
                     {"date": week_of(start, 12), "value": 7}, {"date": end, "value": 8}]},
    ]
    episode = {
        "id": EPISODE_ID, "protocol": "ipt-16", "start_date": start, "end_date": end,
        "diagnosis": "Major depressive disorder, single episode, moderate (F32.1)",
        "chief_complaint": "Low mood, early waking and tearfulness since relocating for a promotion.",
        "primary_problem_area": RT, "secondary_problem_area": None,
        "formulation": ("Inés's depression began after she moved cities for a team-lead role. She lost a "
                        "close circle of friends and a familiar identity at work, and the new role brought "
                        "responsibility without support. Therapy will focus on mourning the old role, "
                        "recognising what the new one offers, and building the skills and relationships "
                        "the new role needs."),
        "formulation_agreed_on": week_of(start, 3),
        "discharge": {
            "date": end, "reason": "completed",
            "summary": ("Sixteen sessions of IPT focused on a role transition. PHQ-9 fell from 18 to 3 and "
                        "GAD-7 from 12 to 4 (remission). Inés rebuilt contact with old friends, joined two "
                        "local groups and learned to raise workload problems with her manager."),
            "warning_signs": "Waking before 05:00; cancelling football; replying to friends only by text.",
            "recommendations": ("Keep the Wednesday football and the book group. Re-contact the practice "
                                "for a booster session if two warning signs last more than two weeks. "
                                "GP informed of discharge."),
        },
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": CLIENT_ID, "first_name": "Inés", "last_name": "Ramírez Ortega", "preferred_name": None,
        "date_of_birth": f"{today.year - 34}-04-12",
        "pronouns": "she/her", "phone": "07700 900123", "email": "ines.example@example.org",
        "emergency_contact": "Tomás Ruiz (partner), 07700 900124", "referral_source": "GP",
        "notes": "Prefers morning appointments.", "status": "discharged",
    }
    return document(client, [episode])
