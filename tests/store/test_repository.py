"""Records in, the same records out: every field, the client list, cascades, atomic writes."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import event
from store_factory import full_record, new_id

from ipt_desktop.domain.records import (
    Client,
    Discharge,
    GoalRating,
    MeasureAdministration,
    PracticeProfile,
    Relationship,
)
from ipt_desktop.store import repository as repo
from ipt_desktop.store.errors import RecordNotFoundError


def _insert(db, record, scores=None):
    with repo.transaction(db) as s:
        repo.insert_client(s, record.client)
        for e in record.episodes:
            repo.insert_episode(s, record.client.id, e, scores=scores)


def test_full_record_round_trip_every_field(db):
    record = full_record()
    _insert(db, record)
    assert repo.load_client_record(db, record.client.id) == record


def test_round_trip_via_replace_and_reopen(db):
    record = full_record()
    with repo.transaction(db) as s:
        repo.replace_client_record(s, record)
    with repo.transaction(db) as s:  # replacing again is allowed and keeps it identical
        repo.replace_client_record(s, record)
    assert repo.load_client_record(db, record.client.id) == record


def test_load_client_record_has_no_n_plus_one(db):
    record = full_record()
    _insert(db, record)
    statements: list[str] = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        repo.load_client_record(db, record.client.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    selects = [x for x in statements if x.lstrip().upper().startswith("SELECT")]
    # client, episodes, inventory, goals, ratings, sessions, measures
    assert len(selects) == 7, selects


def test_missing_client_is_none(db):
    assert repo.load_client_record(db, new_id()) is None


def test_client_summaries(db):
    a = full_record(first_name="Ada", last_name="Brook")
    b = full_record(first_name="Cy", last_name="Appleby")
    b = dataclasses.replace(b, client=dataclasses.replace(b.client, status="active"), episodes=())
    ep = a.episodes[1]
    scores = {ep.measures[0].id: (17, True), ep.measures[1].id: (7, False)}
    _insert(db, a, scores)
    _insert(db, b)
    rows = repo.list_client_summaries(db, "all", now="2025-01-14T00:00")
    assert [r.last_name for r in rows] == ["Appleby", "Brook"]
    brook = rows[1]
    assert brook.protocol == "ipt-16" and brook.episode_id == ep.id
    assert brook.sessions_attended == 2
    # ipt-16's main instrument is phq9: it headlines even though gad7 is later
    assert (brook.latest_instrument, brook.latest_total, brook.latest_risk) == ("phq9", 17, True)
    assert brook.next_session_at == "2025-01-20T09:30"
    assert rows[0].protocol is None and rows[0].sessions_attended == 0 and rows[0].next_session_at is None
    assert [r.last_name for r in repo.list_client_summaries(db, "active")] == ["Appleby"]
    assert [r.last_name for r in repo.list_client_summaries(db, "discharged")] == ["Brook"]


def test_delete_client_cascades_to_everything(db):
    record = full_record()
    other = full_record(first_name="Keep")
    _insert(db, record)
    _insert(db, other)
    with repo.transaction(db) as s:
        repo.delete_client(s, record.client.id)
    assert repo.load_client_record(db, record.client.id) is None
    assert repo.load_client_record(db, other.client.id) == other
    remaining = {"episode": 2, "relationship": 2, "goal": 2, "goal_rating": 2, "session": 4,
                 "measure_administration": 2}  # exactly what `other` has
    with db.engine.connect() as conn:
        for table, expected in remaining.items():
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == expected, table


def test_failed_transaction_writes_nothing(db):
    record = full_record()
    with pytest.raises(RuntimeError):
        with repo.transaction(db) as s:
            repo.insert_client(s, record.client)
            raise RuntimeError("boom")
    assert repo.get_client(db, record.client.id) is None


def test_update_of_unknown_or_foreign_row_raises(db):
    record = full_record()
    _insert(db, record)
    ghost = Client(id=new_id(), first_name="No", last_name="Body")
    with pytest.raises(RecordNotFoundError):
        with repo.transaction(db) as s:
            repo.update_client(s, ghost)
    rel = record.episodes[1].inventory[0]
    with pytest.raises(RecordNotFoundError):  # right id, wrong episode
        with repo.transaction(db) as s:
            repo.update_relationship(s, record.episodes[0].id, rel)


def test_episode_level_writes(db):
    record = full_record()
    _insert(db, record)
    ep = record.episodes[1]
    with repo.transaction(db) as s:
        repo.update_episode(s, dataclasses.replace(ep, diagnosis="F32.0", end_date="2025-04-01"))
        repo.set_discharge(s, ep.id, Discharge(date="2025-04-01", reason="referred", summary="sum"))
        repo.set_client_status(s, record.client.id, "discharged")
        repo.update_client(s, dataclasses.replace(record.client, phone=None, notes="changed"))
    got = repo.load_episode(db, ep.id)
    assert got.diagnosis == "F32.0" and got.end_date == "2025-04-01"
    assert got.discharge == Discharge(date="2025-04-01", reason="referred", summary="sum")
    assert got.sessions == ep.sessions  # children untouched
    client = repo.get_client(db, record.client.id)
    assert client.phone is None and client.notes == "changed"
    with repo.transaction(db) as s:
        repo.delete_episode(s, ep.id)
    assert repo.load_episode(db, ep.id) is None
    assert len(repo.load_client_record(db, record.client.id).episodes) == 1


def test_inventory_goal_session_measure_writes(db):
    record = full_record()
    _insert(db, record)
    ep = record.episodes[1]
    new_rel = Relationship(id=new_id(), name="Tova", relationship="sister", closeness=2, position=2)
    m = MeasureAdministration(id=new_id(), instrument="phq9", administered_on="2025-02-03",
                              items=(0,) * 9, session_number=4)
    with repo.transaction(db) as s:
        repo.insert_relationship(s, ep.id, new_rel)
        repo.reorder_relationships(s, ep.id, [new_rel.id, ep.inventory[0].id, ep.inventory[1].id])
        repo.delete_relationship(s, ep.id, ep.inventory[0].id)
        repo.add_goal_rating(s, ep.id, ep.goals[0].id, GoalRating("2025-02-03", 8))  # replaces same date
        repo.add_goal_rating(s, ep.id, ep.goals[1].id, GoalRating("2025-02-10", 1))
        repo.update_goal(s, ep.id, dataclasses.replace(ep.goals[1], description="see two friends"))
        repo.reschedule_sessions(s, ep.id, {3: "2025-01-21T10:00", 4: "2025-01-28T10:00"})
        repo.update_session(s, ep.id, dataclasses.replace(ep.sessions[2], status="attended", mood=7,
                                                          scheduled_at="2025-01-21T10:00",
                                                          interventions=("role_play",)))
        repo.insert_measure(s, ep.id, m, total=0, risk=False)
        repo.delete_measure(s, ep.id, ep.measures[1].id)
    got = repo.load_episode(db, ep.id)
    assert [(r.name, r.position) for r in got.inventory] == [("Tova", 0), ("Gran", 1)]
    assert got.goals[0].ratings == (GoalRating("2025-01-06", 2), GoalRating("2025-02-03", 8))
    assert got.goals[1].description == "see two friends"
    assert got.goals[1].ratings == (GoalRating("2025-02-10", 1),)
    assert [x.scheduled_at for x in got.sessions] == ["2025-01-06T09:30", "2025-01-13T09:30",
                                                      "2025-01-21T10:00", "2025-01-28T10:00"]
    assert got.sessions[2].interventions == ("role_play",) and got.sessions[2].mood == 7
    assert got.measures == (ep.measures[0], m)
    with repo.transaction(db) as s:
        repo.delete_goal(s, ep.id, ep.goals[0].id)
    got = repo.load_episode(db, ep.id)
    assert [(g.description, g.position) for g in got.goals] == [("see two friends", 0)]


def test_bulk_planned_sessions_and_duplicate_number_refused(db):
    record = full_record()
    _insert(db, record)
    ep = record.episodes[0]
    from ipt_desktop.domain.records import Session

    planned = [Session(id=new_id(), number=n, scheduled_at=f"2024-03-{n:02d}T08:00") for n in range(1, 9)]
    with repo.transaction(db) as s:
        repo.insert_sessions(s, ep.id, planned)
    assert repo.load_episode(db, ep.id).sessions == tuple(planned)
    with pytest.raises(Exception):
        with repo.transaction(db) as s:
            repo.insert_sessions(s, ep.id, [Session(id=new_id(), number=3, scheduled_at="2024-04-01T08:00")])
    assert len(repo.load_episode(db, ep.id).sessions) == 8


def test_profile_get_set(db):
    assert repo.get_profile(db) == PracticeProfile()
    profile = PracticeProfile(therapist_name="Dr Rowan Fictus", credentials="DClinPsy",
                              practice_name="Harbour Rooms", address="1 Quay St", phone="555-0199",
                              licence_number="PSY-000", page_size="Letter")
    with repo.transaction(db) as s:
        repo.set_profile(s, profile)
    with repo.transaction(db) as s:
        repo.set_profile(s, profile)  # second set updates the single row
    assert repo.get_profile(db) == profile
