"""Draft discharge text (summary, warning signs, recommendations) for the therapist to edit.

Sentences, not lists: the drafts go into a letter-like discharge summary. Dates are written
as "5 January 2026" with our own month names so the machine's locale never changes the text.
"""

from __future__ import annotations

from ipt_desktop.domain.episode_stats import (
    age_on, attendance, first_attended_date, last_attended_date,
)
from ipt_desktop.domain.measures import INSTRUMENTS, severity
from ipt_desktop.domain.problem_areas import PROBLEM_AREAS
from ipt_desktop.domain.progress import InstrumentProgress, episode_progress, goal_progress, main_instrument
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import Client, Episode
from ipt_desktop.domain.risk import administration_risk_reasons

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

# One sentence per problem area: what tends to bring symptoms back in that area.
_AREA_WARNINGS = {
    "grief": "anniversaries, holidays and other reminders of the loss may bring a return of "
             "low mood, and are worth planning for in advance",
    "role_dispute": "a flare-up of the dispute, or falling back into avoiding or escalating "
                    "arguments instead of negotiating, may signal a relapse",
    "role_transition": "further changes of role (at work, at home or in health) may bring "
                       "the old sense of loss and uncertainty back",
    "interpersonal_deficits": "withdrawing from people, cancelling plans or feeling "
                              "increasingly isolated may be the first sign of relapse",
}


# Conventional "caseness" cut-offs: a repeat score at or above these suggests a return of
# clinically significant symptoms (PHQ-9/PHQ-A/GAD-7 >= 10, HAM-D-17 >= 14 moderate,
# GDS-15 >= 5, EPDS >= 10 possible depression).
RELAPSE_CUTOFFS = {"phq9": 10, "phqa": 10, "gad7": 10, "hamd17": 14, "gds15": 5, "epds": 10}


def long_date(iso: str | None) -> str:
    """"2026-01-05" -> "5 January 2026" (locale-independent); "" for None."""
    if not iso:
        return ""
    year, month, day = iso[:10].split("-")
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _areas(episode: Episode) -> list[str]:
    keys = [k for k in (episode.primary_problem_area, episode.secondary_problem_area) if k]
    return list(dict.fromkeys(keys))  # keep order, drop a duplicate secondary


def _area_text(key: str) -> str:
    return PROBLEM_AREAS.get(key, key).lower()


def _instrument_sentence(progress: InstrumentProgress) -> str:
    spec = INSTRUMENTS[progress.instrument]
    base_band = severity(spec.key, progress.baseline_total).label.lower()
    if progress.status == "Baseline only":
        return (f"The {spec.short_name} was completed once, scoring {progress.baseline_total} "
                f"({base_band}) on {long_date(progress.baseline.administered_on)}.")
    last_band = severity(spec.key, progress.latest_total).label.lower()
    change = progress.change_points
    if progress.change_percent is None:
        moved = "no change from a baseline of 0" if change == 0 else f"a change of {change:+d} points"
    else:
        moved = f"a change of {change:+d} points ({progress.change_percent:+.0f}%)"
    outcome = {
        "Remission": "which meets the threshold for remission",
        "Response": "which is a treatment response (at least 50% below baseline) but not yet remission",
        "No response": "which does not yet meet the threshold for a treatment response",
    }[progress.status]
    return (f"The {spec.short_name} went from {progress.baseline_total} ({base_band}) on "
            f"{long_date(progress.baseline.administered_on)} to {progress.latest_total} "
            f"({last_band}) on {long_date(progress.latest.administered_on)}, {moved}, {outcome}.")


def _summary(client: Client, episode: Episode, today: str) -> str:
    protocol = PROTOCOLS.get(episode.protocol)
    therapy = f"{protocol.name} ({protocol.short_name})" if protocol else "interpersonal psychotherapy"
    age = age_on(client.date_of_birth, today)
    who = client.full_name + (f", aged {age}," if age is not None else "")
    counts = attendance(episode)
    first, last = first_attended_date(episode), last_attended_date(episode)
    sentences = []
    if counts.attended == 0:
        sentences.append(f"{who} was offered {therapy} from {long_date(episode.start_date)} "
                         f"but attended no sessions.")
    else:
        span = (f"on {long_date(first)}" if first == last
                else f"between {long_date(first)} and {long_date(last)}")
        sentences.append(f"{who} attended {counts.attended} of {counts.planned} planned sessions "
                         f"of {therapy} {span}.")
        missed = []
        if counts.cancelled:
            missed.append(f"{_plural(counts.cancelled, 'session')} "
                          f"{'was' if counts.cancelled == 1 else 'were'} cancelled")
        if counts.no_show:
            missed.append(f"{_plural(counts.no_show, 'session')} "
                          f"{'was' if counts.no_show == 1 else 'were'} missed without notice")
        if missed:
            text = " and ".join(missed)
            sentences.append(text[0].upper() + text[1:] + ".")
    if episode.diagnosis.strip():
        sentences.append(f"The working diagnosis was {episode.diagnosis.strip()}.")
    areas = _areas(episode)
    if len(areas) == 2:
        sentences.append(f"The agreed focus was {_area_text(areas[0])}, with "
                         f"{_area_text(areas[1])} as a secondary problem area.")
    elif areas:
        sentences.append(f"The agreed focus was {_area_text(areas[0])}.")
    else:
        sentences.append("No problem-area focus was recorded.")
    progress = episode_progress(episode)
    main = main_instrument(episode)
    for key in sorted(progress, key=lambda k: k != main):  # headline instrument first
        sentences.append(_instrument_sentence(progress[key]))
    for goal in episode.goals:
        first_rating, latest_rating = goal_progress(goal)
        if first_rating is None:
            sentences.append(f"The goal \u201c{goal.description}\u201d was not rated.")
        elif first_rating is latest_rating:
            sentences.append(f"The goal \u201c{goal.description}\u201d was rated {first_rating.value} "
                             f"out of 10 on {long_date(first_rating.date)}.")
        else:
            sentences.append(f"The goal \u201c{goal.description}\u201d moved from {first_rating.value} "
                             f"to {latest_rating.value} out of 10 between {long_date(first_rating.date)} "
                             f"and {long_date(latest_rating.date)}.")
    return " ".join(sentences)


def _warning_signs(episode: Episode) -> str:
    main = INSTRUMENTS.get(main_instrument(episode))
    sentences = ["Early warning signs to watch for include low mood, poor sleep or loss of "
                 "interest lasting more than two weeks, and pulling away from the people who "
                 "matter most."]
    if main is not None and main.key in RELAPSE_CUTOFFS:
        sentences.append(f"A {main.short_name} score of {RELAPSE_CUTOFFS[main.key]} or more on a "
                         f"repeat check would also be a sign to seek help early.")
    for key in _areas(episode):
        if key in _AREA_WARNINGS:
            text = _AREA_WARNINGS[key]
            sentences.append(f"Because therapy focused on {_area_text(key)}, {text}.")
    if any(administration_risk_reasons(a) for a in episode.measures) or any(
            s.suicidal_ideation in ("passive", "active") for s in episode.sessions):
        sentences.append("Any return of thoughts of being better off dead or of self-harm "
                         "should prompt contact with the GP or crisis services straight away.")
    return " ".join(sentences)


def _recommendations(episode: Episode) -> str:
    progress = episode_progress(episode).get(main_instrument(episode))
    sentences = ["Keep practising the interpersonal skills worked on in therapy, such as saying "
                 "clearly what is needed and staying in regular contact with supportive people."]
    if progress is None or progress.status == "Baseline only":
        sentences.append("Repeat the main rating scale at review, as progress could not be "
                         "measured during treatment.")
    elif progress.status == "Remission":
        sentences.append("Monthly IPT maintenance sessions for the coming months are recommended "
                         "to protect the recovery, with the rating scale repeated at each one.")
    elif progress.status == "Response":
        sentences.append("Symptoms have improved but not fully remitted, so continued treatment "
                         "or monthly maintenance sessions, with a review of progress in one month, "
                         "are recommended.")
    else:
        sentences.append("As symptoms have not yet responded, a review of the treatment plan with "
                         "the GP is recommended, including whether medication or another "
                         "evidence-based treatment should be considered.")
    sentences.append("If the warning signs last more than two weeks, contact the GP or the "
                     "therapist to arrange an earlier appointment.")
    return " ".join(sentences)


def draft_discharge_narrative(client: Client, episode: Episode, today: str) -> dict[str, str]:
    """Draft ``{"summary", "warning_signs", "recommendations"}`` sentences from the record.

    ``today`` ("YYYY-MM-DD") is used for the client's age. The therapist edits the drafts
    before they are stored; nothing here is saved automatically.
    """
    return {
        "summary": _summary(client, episode, today),
        "warning_signs": _warning_signs(episode),
        "recommendations": _recommendations(episode),
    }
