"""Progress report and discharge summary: attendance, scores, change, status, risk, narrative."""

from __future__ import annotations

import dataclasses

import pytest

from ipt_desktop.domain.records import MeasureAdministration

from .fixtures import EPISODE
from .helpers import make_inputs, pdf_for, text_of


def test_progress_report_summarises_the_episode():
    text = text_of(pdf_for("progress"))
    for fact in ("Progress report", "IPT — Interpersonal Psychotherapy", "Start date", "4 May 2026",
                 "14 of 16", "1 cancelled, 1 no-show", "Treatment ended 17 Aug 2026",
                 "Role transitions", "Role disputes", "Low mood since promotion",
                 "Zoë's depression began with her promotion.\nThe loss of peer friendships"):
        assert fact in text, fact


def test_progress_report_current_phase_mid_course():
    # Still in treatment: no discharge, session 7 onwards not yet held.
    sessions = tuple(dataclasses.replace(s, status="scheduled") if s.number >= 7 else s
                     for s in EPISODE.sessions)
    episode = dataclasses.replace(EPISODE, sessions=sessions, end_date=None, discharge=None,
                                  measures=tuple(m for m in EPISODE.measures if m.session_number in (1, 4)))
    text = text_of(pdf_for("progress", episode=episode, generated_on="2026-06-17"))
    assert "Middle (sessions 4-14)" in text
    assert "5 of 16" in text and "1 cancelled, 0 no-show" in text
    # PHQ-9 18 -> 14: -4 points, -22%, No response; GAD-7 only once: Baseline only.
    assert "−4 points" in text and "−22%" in text and "No response" in text
    assert "Baseline only" in text


def test_progress_report_goals_scores_and_status():
    text = text_of(pdf_for("progress"))
    assert "Settle into the new team lead role" in text and "without dread" in text
    assert "2/10" in text and "8/10" in text and "+6" in text and "+4" in text
    assert "18 Moderately severe" in text and "4 Minimal" in text
    assert "−14 points" in text and "−78%" in text and "Remission" in text
    assert "12 Moderate" in text and "8 Mild" in text and "−33%" in text and "No response" in text
    # The charts: one per instrument, band labels from the instrument's severity bands.
    assert "Patient Health Questionnaire-9 (PHQ-9)" in text
    assert "Generalized Anxiety Disorder-7 (GAD-7)" in text
    assert "Severe (20–27)" in text and "Minimal (0–4)" in text
    assert "No current risk flag" in text


def test_progress_report_shows_a_current_risk_flag():
    flagged = MeasureAdministration(id="p17", instrument="phq9", administered_on="2026-08-20",
                                    items=(1, 1, 1, 1, 1, 1, 1, 1, 2), session_number=None)
    episode = dataclasses.replace(EPISODE, measures=EPISODE.measures + (flagged,))
    text = text_of(pdf_for("progress", episode=episode))
    assert "Current risk flag" in text
    assert "PHQ-9 item 9 scored 2 on 20 Aug 2026." in text
    assert "No current risk flag" not in text


def test_discharge_summary_states_the_outcome():
    text = text_of(pdf_for("discharge"))
    for fact in ("Discharge summary", "4 May 2026 to 17 Aug 2026", "14 of 16 planned",
                 "1 cancelled, 1 no-show", "Completed treatment", "Discharge date", "17 Aug 2026",
                 "Role transitions (primary); Role disputes (secondary)",
                 "Baseline", "Final", "18 Moderately severe", "4 Minimal", "−14 points", "−78%",
                 "Remission", "No response",
                 "Zoë attended 14 of 16 sessions and her PHQ-9 fell from 18 to 4.",
                 "Withdrawing from friends\nSleeping past 10am",
                 "Monthly maintenance sessions for six months.", "Therapist signature"):
        assert fact in text, fact


def test_discharge_summary_with_empty_narrative_says_not_recorded():
    discharge = dataclasses.replace(EPISODE.discharge, summary="", warning_signs="", recommendations="")
    text = text_of(pdf_for("discharge", episode=dataclasses.replace(EPISODE, discharge=discharge)))
    assert text.count("Not recorded") == 3


def test_discharge_summary_needs_a_discharge():
    with pytest.raises(ValueError, match="no discharge"):
        make_inputs("discharge", episode=dataclasses.replace(EPISODE, discharge=None))


def test_response_status_is_printed():
    # PHQ-9 18 -> 9: exactly 50% lower is a response, but 9 is above remission (4).
    measures = tuple(m if m.id != "p16" else dataclasses.replace(m, items=(1, 1, 1, 1, 1, 1, 1, 1, 1))
                     for m in EPISODE.measures)
    text = text_of(pdf_for("discharge", episode=dataclasses.replace(EPISODE, measures=measures)))
    assert "Response" in text and "−9 points" in text and "−50%" in text and "9 Mild" in text


def test_a_table_cell_longer_than_a_page_still_prints_in_full():
    essay = " ".join(f"word{i}" for i in range(3000)) + " FINAL-GOAL-WORD"
    goals = (dataclasses.replace(EPISODE.goals[0], description=essay),) + EPISODE.goals[1:]
    episode = dataclasses.replace(EPISODE, goals=goals, diagnosis="Diagnosis " * 600 + "END-DIAGNOSIS")
    text = text_of(pdf_for("progress", episode=episode))
    assert "FINAL-GOAL-WORD" in text and "END-DIAGNOSIS" in text and "word2999" in text
