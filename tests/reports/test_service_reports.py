"""services.reports.render_report on a real encrypted practice: lookup, errors, page size, audit."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import text

from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.exchange import store_client_record
from ipt_desktop.services.practice import get_profile, update_profile
from ipt_desktop.services.reports import NotDischargedError, render_report

from .fixtures import CLIENT, EPISODE
from .helpers import reader, text_of


@pytest.fixture
def stored(practice):
    store_client_record(practice, record=ClientRecord(CLIENT, (EPISODE,)))
    return practice


def print_events(practice) -> list[tuple]:
    with practice.reading() as session:
        return [tuple(row) for row in session.execute(text(
            "SELECT action, entity, entity_id, client_id FROM audit_event WHERE action = 'print' ORDER BY id"))]


def test_session_note_from_the_store_is_audited(stored):
    pdf = render_report(stored, kind="session", client_id=CLIENT.id, session_number=4,
                        generated_on="2026-11-25")
    body = text_of(pdf)
    assert "Session 4 of 16" in body and "Zoë Ñúñez-O'Brien" in body
    assert "Test Practice" in body and "Generated 25 Nov 2026" in body
    assert print_events(stored) == [("print", "pdf_session", EPISODE.id, CLIENT.id)]


def test_every_kind_renders_from_the_latest_episode(stored):
    for kind in ("progress", "discharge", "inventory"):
        assert "Page 1 of" in text_of(render_report(stored, kind=kind, client_id=CLIENT.id))
    assert [e[1] for e in print_events(stored)] == ["pdf_progress", "pdf_discharge", "pdf_inventory"]


def test_page_size_comes_from_the_practice_profile(stored):
    update_profile(stored, profile=dataclasses.replace(get_profile(stored), page_size="Letter"))
    box = reader(render_report(stored, kind="progress", client_id=CLIENT.id)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_missing_session_is_not_found_and_not_audited(stored):
    with pytest.raises(NotFoundError, match="Session 17 does not exist") as caught:
        render_report(stored, kind="session", client_id=CLIENT.id, session_number=17)
    assert caught.value.exit_code == 2
    assert print_events(stored) == []


def test_session_note_needs_a_number(stored):
    with pytest.raises(ValidationFailed) as caught:
        render_report(stored, kind="session", client_id=CLIENT.id)
    assert caught.value.first.path == "session_number"


def test_discharge_summary_of_a_client_not_discharged(practice):
    active = dataclasses.replace(EPISODE, discharge=None, end_date=None)
    store_client_record(practice, record=ClientRecord(dataclasses.replace(CLIENT, status="active"), (active,)))
    with pytest.raises(NotDischargedError, match="has not been discharged") as caught:
        render_report(practice, kind="discharge", client_id=CLIENT.id)
    assert caught.value.exit_code == 2


def test_unknown_client_episode_and_kind(stored):
    with pytest.raises(NotFoundError):
        render_report(stored, kind="progress", client_id="nobody")
    with pytest.raises(NotFoundError, match="Episode e-missing"):
        render_report(stored, kind="progress", client_id=CLIENT.id, episode_id="e-missing")
    with pytest.raises(ValidationFailed) as caught:
        render_report(stored, kind="letter", client_id=CLIENT.id)
    assert caught.value.first.path == "kind"
    assert print_events(stored) == []


def test_inputs_then_render_then_record_for_the_gui(stored):
    from ipt_desktop.reports import render
    from ipt_desktop.services.reports import record_printed, report_inputs

    inputs = report_inputs(stored, kind="inventory", client_id=CLIENT.id, generated_on="2026-11-25")
    assert inputs.episode.id == EPISODE.id and inputs.practice.practice_name == "Test Practice"
    assert print_events(stored) == []  # reading inputs is not a disclosure yet
    assert "Łukasz Żółć" in text_of(render("inventory", inputs))
    record_printed(stored, kind="inventory", client_id=CLIENT.id, episode_id=inputs.episode.id)
    assert print_events(stored) == [("print", "pdf_inventory", EPISODE.id, CLIENT.id)]
