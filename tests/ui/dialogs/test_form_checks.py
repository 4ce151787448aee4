"""Pure checks behind the forms: typed dates, client fields, the episode plan sentence."""

from __future__ import annotations

import datetime as _dt

import pytest

from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.ui.dialogs.client_checks import check_client_fields
from ipt_desktop.ui.dialogs.episode_plan import next_weekday, plan_sentence, protocol_description
from ipt_desktop.ui.widgets.optional_date import parse_typed_date

TODAY = _dt.date(2026, 11, 25)


@pytest.mark.parametrize("text, expected", [
    ("1985-02-14", _dt.date(1985, 2, 14)),
    ("1985-2-4", _dt.date(1985, 2, 4)),
    ("14 Feb 1985", _dt.date(1985, 2, 14)),
    ("14 february 1985", _dt.date(1985, 2, 14)),
    ("14-Feb-1985", _dt.date(1985, 2, 14)),
    ("  7 Sep 2026 ", _dt.date(2026, 9, 7)),
])
def test_typed_dates_that_are_dates(text, expected):
    assert parse_typed_date(text) == expected


@pytest.mark.parametrize("text", ["", "1985-02-30", "31 Apr 1990", "02/03/1985", "14 Flob 1985",
                                  "yesterday", "1985-13-01"])
def test_typed_text_that_is_not_a_date(text):
    assert parse_typed_date(text) is None


def _check(**overrides):
    fields = dict(first_name="Robin", last_name="Example", date_of_birth="1990-05-01",
                  date_of_birth_problem=None, email="", phone="", today=TODAY)
    fields.update(overrides)
    return {e.path: e.message for e in check_client_fields(**fields)}


def test_a_complete_client_passes():
    assert _check(email="robin@example.org", phone="+44 (0)20 7946-0958") == {}


def test_every_problem_is_reported_against_its_field_at_once():
    errors = _check(first_name=" ", last_name="", date_of_birth="2027-01-01",
                    email="robin.example.org", phone="call me")
    assert set(errors) == {"first_name", "last_name", "date_of_birth", "email", "phone"}
    assert "future" in errors["date_of_birth"]


def test_absurdly_old_date_of_birth_is_rejected_but_a_centenarian_is_not():
    assert "older than 120" in _check(date_of_birth="1890-01-01")["date_of_birth"]
    assert _check(date_of_birth="1920-06-01") == {}


def test_a_phone_number_needs_digits():
    assert "5 digits" in _check(phone="+44")["phone"]


def test_protocol_description_names_the_phases():
    assert protocol_description(PROTOCOLS["ipt-16"]) == \
        "IPT \u2014 16 sessions: initial 1-3, middle 4-14, termination 15-16"


def test_plan_sentence_gives_first_and_last_dates():
    assert plan_sentence(16, "2026-09-07", "09:00", 7) == \
        "16 sessions will be planned weekly from 7 Sep 2026 to 21 Dec 2026, at 09:00."
    assert "every 2 weeks" in plan_sentence(8, "2026-09-07", "09:00", 14)


def test_next_weekday_skips_the_weekend():
    assert next_weekday(_dt.date(2026, 9, 4)) == _dt.date(2026, 9, 7)  # Friday -> Monday
    assert next_weekday(_dt.date(2026, 9, 7)) == _dt.date(2026, 9, 8)
