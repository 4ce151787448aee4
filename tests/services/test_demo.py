"""The demo practice: six fictional clients covering every protocol and phase."""

from __future__ import annotations

import datetime as dt

from ipt_desktop.domain.episode_stats import current_phase
from ipt_desktop.domain.progress import instrument_progress
from ipt_desktop.domain.risk import episode_risk
from ipt_desktop.services.clients import get_client_record, list_clients
from ipt_desktop.services.demo import DEMO_CLIENT_IDS, add_demo_clients, demo_documents
from ipt_desktop.services.exchange_schema import parse_client_document


def records(practice):
    return {r.client.first_name: r for r in
            (get_client_record(practice, client_id=row.id) for row in list_clients(practice))}


def test_demo_covers_every_protocol_phase_and_case(practice):
    today = dt.date.today()
    changes = add_demo_clients(practice)
    assert changes.client_ids == set(DEMO_CLIENT_IDS) and len(DEMO_CLIENT_IDS) >= 6
    recs = records(practice)
    episodes = [r.episodes[-1] for r in recs.values()]
    assert {e.protocol for e in episodes} == {"ipt-16", "ipt-a-12", "ipt-ll-16", "ipt-b-8"}
    open_phases = {current_phase(e, today).key for e in episodes if e.discharge is None}
    assert open_phases == {"initial", "middle", "termination"}

    discharged = [r for r in recs.values() if r.client.status == "discharged"]
    assert len(discharged) == 1
    ep = discharged[0].episodes[0]
    phq9 = instrument_progress([m for m in ep.measures if m.instrument == "phq9"])
    assert sum(s.status == "attended" for s in ep.sessions) == 16
    assert phq9.baseline_total >= 17 and phq9.latest_total <= 4 and phq9.status == "Remission"
    assert ep.discharge and ep.discharge.summary and ep.discharge.warning_signs and ep.discharge.recommendations

    people = [p for e in episodes for p in e.inventory]
    assert any(p.deceased for p in people)
    assert any(p.dispute_stage == "impasse" for p in people)
    assert all(5 <= len(e.inventory) <= 10 for e in episodes)
    assert all(e.goals and any(g.ratings for g in e.goals) for e in episodes)
    instruments = {m.instrument for e in episodes for m in e.measures}
    assert {"phq9", "phqa", "gds15", "hamd17"} <= instruments

    flagged = [r.client.first_name for r in recs.values() if episode_risk(r.episodes[-1]).flagged]
    assert len(flagged) == 1
    rows = {row.first_name: row for row in list_clients(practice)}
    assert rows[flagged[0]].latest_risk and sum(row.latest_risk for row in rows.values()) == 1

    names = "".join(r.client.full_name for r in recs.values())
    assert all(ch in names for ch in "éñøł")
    notes = [s.notes for e in episodes for s in e.sessions if s.status == "attended"]
    assert all(n.count(". ") >= 1 for n in notes), "every attended session has a real note"


def test_demo_is_current_and_idempotent(practice):
    add_demo_clients(practice)
    again = add_demo_clients(practice)
    assert again.client_ids == frozenset()
    assert len(list_clients(practice)) == len(DEMO_CLIENT_IDS)
    today = dt.date.today().isoformat()
    rows = [r for r in list_clients(practice) if r.status == "active"]
    assert all(r.next_session_at and r.next_session_at[:10] >= today for r in rows)


def test_demo_documents_validate_for_other_dates():
    # Dates are relative to "today": they must stay valid whatever day the demo is built.
    for today in (dt.date(2024, 2, 29), dt.date(2030, 12, 31), dt.date(2027, 3, 28)):
        for document in demo_documents(today):
            parse_client_document(document)
