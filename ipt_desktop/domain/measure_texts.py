"""Item wording of the public-domain / free-to-reproduce scales, kept apart from the scoring
rules so measures.py stays readable.

PHQ-9 and GAD-7: developed by Drs. Spitzer, Williams, Kroenke and colleagues with an educational
grant from Pfizer Inc.; no permission required to reproduce, translate, display or distribute.
HAM-D-17 (Hamilton 1960) and GDS-15 (Sheikh & Yesavage 1986) are in the public domain.
"""

from __future__ import annotations

PHQ9_ITEMS: tuple[str, ...] = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)

GAD7_ITEMS: tuple[str, ...] = (
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
)

# (short item name, anchors indexed by score)
_HAMD17: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Depressed mood", ("Absent", "Indicated only on questioning", "Spontaneously reported verbally",
                        "Communicated non-verbally (expression, posture, voice, weeping)",
                        "Virtually only these feeling states reported")),
    ("Feelings of guilt", ("Absent", "Self-reproach, feels they have let people down",
                           "Ideas of guilt or rumination over past errors",
                           "Present illness is a punishment; delusions of guilt",
                           "Accusatory voices or threatening visual hallucinations")),
    ("Suicide", ("Absent", "Feels life is not worth living",
                 "Wishes they were dead or thoughts of possible death to self",
                 "Ideas or gestures of suicide", "Attempts at suicide")),
    ("Insomnia: early", ("No difficulty falling asleep",
                         "Occasional difficulty falling asleep (more than half an hour)",
                         "Difficulty falling asleep every night")),
    ("Insomnia: middle", ("No difficulty", "Restless and disturbed during the night",
                          "Waking during the night (getting out of bed, except to void)")),
    ("Insomnia: late", ("No difficulty", "Waking in early hours but goes back to sleep",
                        "Unable to fall asleep again after getting out of bed")),
    ("Work and activities", ("No difficulty",
                             "Thoughts and feelings of incapacity, fatigue or weakness",
                             "Loss of interest in activity, hobbies or work",
                             "Less time spent in activities or lower productivity",
                             "Stopped working because of present illness")),
    ("Retardation", ("Normal speech and thought", "Slight retardation at interview",
                     "Obvious retardation at interview", "Interview difficult", "Complete stupor")),
    ("Agitation", ("None", "Fidgetiness", "Playing with hands, hair, etc.",
                   "Moving about, can't sit still",
                   "Hand wringing, nail biting, hair pulling, biting of lips")),
    ("Anxiety: psychic", ("No difficulty", "Subjective tension and irritability",
                          "Worrying about minor matters",
                          "Apprehensive attitude apparent in face or speech",
                          "Fears expressed without questioning")),
    ("Anxiety: somatic", ("Absent", "Mild", "Moderate", "Severe", "Incapacitating")),
    ("Somatic symptoms: gastrointestinal", ("None", "Loss of appetite but eating without urging",
                                            "Difficulty eating without urging; needs medication")),
    ("General somatic symptoms", ("None", "Heaviness in limbs, back or head; aches; loss of energy",
                                  "Any clear-cut symptom")),
    ("Genital symptoms", ("Absent", "Mild", "Severe")),
    ("Hypochondriasis", ("Not present", "Self-absorption (bodily)", "Preoccupation with health",
                         "Frequent complaints, requests for help", "Hypochondriacal delusions")),
    ("Loss of weight", ("No weight loss", "Probable weight loss associated with present illness",
                        "Definite weight loss (according to the client)")),
    ("Insight", ("Acknowledges being depressed and ill",
                 "Acknowledges illness but attributes cause to food, climate, overwork, etc.",
                 "Denies being ill at all")),
)
HAMD17_ITEMS: tuple[str, ...] = tuple(name for name, _ in _HAMD17)
HAMD17_OPTIONS: tuple[tuple[str, ...], ...] = tuple(anchors for _, anchors in _HAMD17)

# (question, the answer that scores 1 = indicates depression)
_GDS15: tuple[tuple[str, str], ...] = (
    ("Are you basically satisfied with your life?", "No"),
    ("Have you dropped many of your activities and interests?", "Yes"),
    ("Do you feel that your life is empty?", "Yes"),
    ("Do you often get bored?", "Yes"),
    ("Are you in good spirits most of the time?", "No"),
    ("Are you afraid that something bad is going to happen to you?", "Yes"),
    ("Do you feel happy most of the time?", "No"),
    ("Do you often feel helpless?", "Yes"),
    ("Do you prefer to stay at home, rather than going out and doing new things?", "Yes"),
    ("Do you feel you have more problems with memory than most?", "Yes"),
    ("Do you think it is wonderful to be alive now?", "No"),
    ("Do you feel pretty worthless the way you are now?", "Yes"),
    ("Do you feel full of energy?", "No"),
    ("Do you feel that your situation is hopeless?", "Yes"),
    ("Do you think that most people are better off than you are?", "Yes"),
)
GDS15_ITEMS: tuple[str, ...] = tuple(q for q, _ in _GDS15)
# GDS-15 items are stored already scored (1 = the depressive answer), so the option label at
# index 0 is the non-depressive answer and at index 1 the depressive one.
GDS15_DEPRESSIVE_ANSWERS: tuple[str, ...] = tuple(a for _, a in _GDS15)
GDS15_OPTIONS: tuple[tuple[str, ...], ...] = tuple(
    ("No", "Yes") if a == "Yes" else ("Yes", "No") for a in GDS15_DEPRESSIVE_ANSWERS)
