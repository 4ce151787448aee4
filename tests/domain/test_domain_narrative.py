"""The discharge draft states the facts of the episode in sentences."""

from __future__ import annotations

import dataclasses

from ipt_desktop.domain.narrative import draft_discharge_narrative, long_date
from ipt_desktop.domain.records import Session


def test_summary_contains_the_facts(client, episode):
    text = draft_discharge_narrative(client, episode, "2026-03-20")
    summary = text["summary"]
    assert "Morgan Example, aged 37," in summary
    assert "attended 8 of 16 planned sessions" in summary
    assert "between 5 January 2026 and 9 March 2026" in summary
    assert "1 session was cancelled and 1 session was missed without notice." in summary
    assert "The agreed focus was role transitions, with role disputes as a secondary" in summary
    assert ("The PHQ-9 went from 18 (moderately severe) on 5 January 2026 to 8 (mild) on "
            "9 March 2026, a change of -10 points (-56%), which is a treatment response") in summary
    assert "\u201cJoin a local choir\u201d moved from 2 to 7 out of 10" in summary
    assert "\n" not in summary and not summary.lstrip().startswith(("-", "*", "\u2022"))


def test_warning_signs_and_recommendations_follow_the_record(client, episode):
    text = draft_discharge_narrative(client, episode, "2026-03-20")
    assert "role transitions" in text["warning_signs"]
    assert "PHQ-9 score of 10 or more" in text["warning_signs"]
    # Item 9 was scored at baseline: the draft reminds about crisis contact.
    assert "better off dead" in text["warning_signs"]
    assert "not fully remitted" in text["recommendations"]
    assert all(value.endswith(".") for value in text.values())


def test_remission_and_empty_episode(client, episode, make_phq9):
    remitted = dataclasses.replace(episode, measures=episode.measures + (
        make_phq9(3, "2026-03-16", 11),))
    text = draft_discharge_narrative(client, remitted, "2026-03-20")
    assert "meets the threshold for remission" in text["summary"]
    assert "maintenance sessions" in text["recommendations"]
    empty = dataclasses.replace(episode, sessions=(Session("s1", 1, "2026-01-05T09:00"),),
                                measures=(), goals=(), primary_problem_area=None,
                                secondary_problem_area=None, diagnosis="")
    nameless = dataclasses.replace(client, date_of_birth=None)
    text = draft_discharge_narrative(nameless, empty, "2026-03-20")
    assert text["summary"].startswith("Morgan Example was offered Interpersonal Psychotherapy (IPT) "
                                      "from 5 January 2026 but attended no sessions.")
    assert "No problem-area focus was recorded." in text["summary"]
    assert "better off dead" not in text["warning_signs"]


def test_long_date_is_locale_free():
    assert long_date("2026-12-01") == "1 December 2026"
    assert long_date(None) == ""
