"""Import/export in the exchange format: round trip, every validation rule, atomicity."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.clients import get_client_record, list_clients
from ipt_desktop.services.errors import ClientExistsError, NotFoundError
from ipt_desktop.services.exchange import export_client, import_client

# A copy of the shared sample (a fictional IPT-A adolescent), kept in the repo so CI always runs
# the round trip rather than skipping it.
SAMPLE = Path(__file__).resolve().parent / "samples" / "client-example.json"


@pytest.fixture
def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def assert_contains(original, exported, path="$"):
    """Every field of ``original`` is in ``exported`` with the same value (ids added on export)."""
    if isinstance(original, dict):
        assert isinstance(exported, dict), path
        for key, value in original.items():
            assert key in exported, f"{path}.{key} missing from the export"
            assert_contains(value, exported[key], f"{path}.{key}")
    elif isinstance(original, list):
        assert isinstance(exported, list) and len(exported) == len(original), path
        for i, (a, b) in enumerate(zip(original, exported)):
            assert_contains(a, b, f"{path}[{i}]")
    else:
        assert type(original) is type(exported) and original == exported, \
            f"{path}: {original!r} != {exported!r}"


@pytest.fixture(scope="module")
def shared_practice(tmp_path_factory):
    """One practice for the many rule cases: each must leave it empty, which they also assert."""
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    opened = create_practice(tmp_path_factory.mktemp("rules"), passphrase="module passphrase",
                             profile=PracticeProfile())
    yield opened
    opened.close()


def errors_of(practice, data, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        import_client(practice, data=data, **kwargs)
    return {e.path: e.message for e in caught.value.errors}


def test_sample_round_trips_every_field(practice, reopen, sample):
    client_id, changes = import_client(practice, data=sample)
    assert client_id == sample["client"]["id"] and changes.touches("all")
    exported = export_client(reopen(), client_id=client_id)
    assert_contains(sample, exported)
    # Ids the sample lacked were generated and are exported; a second round trip is exact.
    episode = exported["episodes"][0]
    assert all(s["id"] for s in episode["sessions"]) and all(m["id"] for m in episode["measures"])
    assert all(p["id"] for p in episode["inventory"]) and all(g["id"] for g in episode["goals"])


def test_export_reimport_is_identical_including_ids(practice, sample):
    client_id, _ = import_client(practice, data=sample)
    first = export_client(practice, client_id=client_id)
    import_client(practice, data=first, replace=True)
    assert export_client(practice, client_id=client_id) == first


def test_export_writes_every_field_and_stable_order(practice, sample):
    data = copy.deepcopy(sample)
    ep = data["episodes"][0]
    ep["sessions"].reverse()
    ep["measures"].reverse()
    client_id, _ = import_client(practice, data=data)
    exported = export_client(practice, client_id=client_id)
    ep_out = exported["episodes"][0]
    assert [s["number"] for s in ep_out["sessions"]] == list(range(1, 13))
    assert [m["administered_on"] for m in ep_out["measures"]] == ["2026-09-07", "2026-10-12"]
    assert [p["name"] for p in ep_out["inventory"]] == ["Ngozi", "Chidi", "Jonas"]
    assert list(exported["client"]) == ["id", "first_name", "last_name", "preferred_name", "date_of_birth",
                                        "pronouns", "phone", "email", "emergency_contact", "referral_source",
                                        "notes", "status"]
    assert ep_out["discharge"] is None and ep_out["end_date"] is None  # nulls are written, not dropped
    assert set(ep_out["sessions"][6]) >= {"suicidal_ideation", "mood", "focus_problem_area"}


def test_minimal_file_gets_defaults_and_generated_ids(practice):
    data = {"format": "ipt-desktop/client", "format_version": 1,
            "client": {"first_name": "Åsa", "last_name": "Ñúñez"},
            "episodes": [{"protocol": "ipt-b-8", "start_date": "2026-01-05",
                          "sessions": [{"number": 1, "scheduled_at": "2026-01-05T10:00"}]}]}
    client_id, _ = import_client(practice, data=data)
    record = get_client_record(practice, client_id=client_id)
    assert record.client.status == "active" and record.client.notes == ""
    assert record.episodes[0].sessions[0].duration_minutes == 50
    assert record.episodes[0].sessions[0].status == "scheduled"


def test_measures_are_scored_on_import(practice, sample):
    import_client(practice, data=sample)
    row = list_clients(practice)[0]
    assert (row.latest_instrument, row.latest_total, row.latest_risk) == ("phqa", 6, False)
    data = copy.deepcopy(sample)
    data["episodes"][0]["measures"][1]["items"][8] = 2  # PHQ-A item 9
    import_client(practice, data=data, replace=True)
    row = list_clients(practice)[0]
    assert (row.latest_total, row.latest_risk) == (8, True)


def test_existing_client_refused_unless_replace(practice, reopen, sample):
    import_client(practice, data=sample)
    changed = copy.deepcopy(sample)
    changed["client"]["notes"] = "Replaced"
    with pytest.raises(ClientExistsError) as caught:
        import_client(practice, data=changed)
    assert caught.value.client_id == sample["client"]["id"]
    assert get_client_record(practice, client_id=sample["client"]["id"]).client.notes == ""
    import_client(practice, data=changed, replace=True)
    record = get_client_record(reopen(), client_id=sample["client"]["id"])
    assert record.client.notes == "Replaced" and len(record.episodes) == 1


def test_ids_of_another_client_are_refused_without_changes(practice, sample):
    first = export_client(practice, client_id=import_client(practice, data=sample)[0])
    clone = copy.deepcopy(first)
    clone["client"]["id"] = "another-client"
    assert "episodes" in errors_of(practice, clone)
    assert len(list_clients(practice)) == 1


# -- every validation rule -----------------------------------------------------------------

def broken(sample, mutate):
    data = copy.deepcopy(sample)
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, path, expected", [
    (lambda d: d.update(format="something-else"), "format", "ipt-desktop/client"),
    (lambda d: d.update(format_version=2), "format_version", "newer"),
    (lambda d: d.update(format_version="1"), "format_version", "expected 1"),
    (lambda d: d.update(extra=True), "extra", "unknown field"),
    (lambda d: d["client"].update(nickname="S"), "client.nickname", "unknown field"),
    (lambda d: d["episodes"][0]["sessions"][0].update(colour="red"), "episodes[0].sessions[0].colour",
     "unknown field"),
    (lambda d: d["client"].pop("first_name"), "client.first_name", "required"),
    (lambda d: d["client"].update(last_name="  "), "client.last_name", "must not be empty"),
    (lambda d: d["client"].update(first_name=7), "client.first_name", "expected text"),
    (lambda d: d["client"].update(notes=None), "client.notes", "expected text, got null"),
    (lambda d: d["client"].update(date_of_birth="14/03/2011"), "client.date_of_birth", "YYYY-MM-DD"),
    (lambda d: d["client"].update(date_of_birth="2011-02-30"), "client.date_of_birth", "YYYY-MM-DD"),
    (lambda d: d["client"].update(status="inactive"), "client.status", "'active'"),
    (lambda d: d.update(episodes={}), "episodes", "expected a list"),
    (lambda d: d["episodes"][0].update(protocol="ipt-20"), "episodes[0].protocol", "'ipt-16'"),
    (lambda d: d["episodes"][0].update(start_date="2026-9-7"), "episodes[0].start_date", "YYYY-MM-DD"),
    (lambda d: d["episodes"][0].update(end_date="2026-09-01"), "episodes[0].end_date", "before start_date"),
    (lambda d: d["episodes"][0].update(primary_problem_area="loneliness"),
     "episodes[0].primary_problem_area", "'grief'"),
    (lambda d: d["episodes"][0].update(formulation_agreed_on="soon"), "episodes[0].formulation_agreed_on",
     "YYYY-MM-DD"),
    (lambda d: d["episodes"][0].update(discharge={"date": "2026-09-01", "reason": "completed"}),
     "episodes[0].discharge.date", "before the episode's start_date"),
    (lambda d: d["episodes"][0].update(discharge={"date": "2026-12-01", "reason": "bored"}),
     "episodes[0].discharge.reason", "'completed'"),
    (lambda d: d["episodes"][0].update(discharge="yes"), "episodes[0].discharge", "expected an object"),
    (lambda d: d["episodes"][0]["inventory"][0].update(closeness=4), "episodes[0].inventory[0].closeness",
     "from 1 to 3"),
    (lambda d: d["episodes"][0]["inventory"][1].update(closeness=0), "episodes[0].inventory[1].closeness",
     "from 1 to 3"),
    (lambda d: d["episodes"][0]["inventory"][0].update(dispute_stage="war"),
     "episodes[0].inventory[0].dispute_stage", "'impasse'"),
    (lambda d: d["episodes"][0]["inventory"][0].update(deceased="no"), "episodes[0].inventory[0].deceased",
     "true or false"),
    (lambda d: d["episodes"][0]["goals"][0]["ratings"][1].update(value=11),
     "episodes[0].goals[0].ratings[1].value", "from 0 to 10"),
    (lambda d: d["episodes"][0]["goals"][0]["ratings"][0].update(date="yesterday"),
     "episodes[0].goals[0].ratings[0].date", "YYYY-MM-DD"),
    (lambda d: d["episodes"][0]["sessions"][2].update(mood=11), "episodes[0].sessions[2].mood", "from 0 to 10"),
    (lambda d: d["episodes"][0]["sessions"][2].update(mood=-1), "episodes[0].sessions[2].mood", "from 0 to 10"),
    (lambda d: d["episodes"][0]["sessions"][2].update(mood=5.5), "episodes[0].sessions[2].mood", "whole number"),
    (lambda d: d["episodes"][0]["sessions"][2].update(number=2), "episodes[0].sessions[2].number",
     "more than once"),
    (lambda d: d["episodes"][0]["sessions"][11].update(number=13), "episodes[0].sessions[11].number",
     "sessions 1 to 12"),
    (lambda d: d["episodes"][0]["sessions"][0].update(scheduled_at="2026-09-07 16:30"),
     "episodes[0].sessions[0].scheduled_at", "YYYY-MM-DDTHH:MM"),
    (lambda d: d["episodes"][0]["sessions"][0].update(scheduled_at="2026-09-07T16:30:00"),
     "episodes[0].sessions[0].scheduled_at", "YYYY-MM-DDTHH:MM"),
    (lambda d: d["episodes"][0]["sessions"][0].update(status="done"), "episodes[0].sessions[0].status",
     "'attended'"),
    (lambda d: d["episodes"][0]["sessions"][0].update(suicidal_ideation="some"),
     "episodes[0].sessions[0].suicidal_ideation", "'passive'"),
    (lambda d: d["episodes"][0]["sessions"][0]["interventions"].append("hypnosis"),
     "episodes[0].sessions[0].interventions[3]", "'role_play'"),
    (lambda d: d["episodes"][0]["measures"][1].update(session_number=14),
     "episodes[0].measures[1].session_number", "no session 14"),
    (lambda d: d["episodes"][0]["measures"][0].update(instrument="bdi2"), "episodes[0].measures[0].instrument",
     "'phq9'"),
    (lambda d: d["episodes"][0]["measures"][0]["items"].pop(), "episodes[0].measures[0].items", "has 9 items"),
    (lambda d: d["episodes"][0]["measures"][0]["items"].__setitem__(3, 4), "episodes[0].measures[0].items[3]",
     "from 0 to 3"),
    (lambda d: d["episodes"][0]["measures"][0].update(administered_on=None),
     "episodes[0].measures[0].administered_on", "YYYY-MM-DD"),
    (lambda d: d["episodes"][0]["inventory"][1].update(id=d["client"]["id"]), "episodes[0].inventory[1].id",
     "used twice"),
])
def test_each_rule_names_the_path(shared_practice, sample, mutate, path, expected):
    errors = errors_of(shared_practice, broken(sample, mutate))
    assert path in errors, errors
    assert expected in errors[path]
    assert list_clients(shared_practice) == []  # nothing written


def test_measure_pointing_at_a_session_is_checked_against_that_episode(practice, sample):
    data = broken(sample, lambda d: d["episodes"][0]["sessions"].pop())  # drop session 12
    data["episodes"][0]["measures"][0]["session_number"] = 12
    assert "no session 12" in errors_of(practice, data)["episodes[0].measures[0].session_number"]


def test_all_problems_are_reported_together(practice, sample):
    def several(d):
        d["client"]["status"] = "gone"
        d["episodes"][0]["sessions"][3]["mood"] = 42
        d["episodes"][0]["measures"][1]["items"][3] = 9
        d["episodes"][0]["inventory"][2]["closeness"] = 5
    assert set(errors_of(practice, broken(sample, several))) == {
        "client.status", "episodes[0].sessions[3].mood", "episodes[0].measures[1].items[3]",
        "episodes[0].inventory[2].closeness"}


def test_not_an_object(practice):
    assert "expected an object" in errors_of(practice, ["not", "a", "client"])[""]


def test_one_bad_item_changes_nothing_on_disk(practice, reopen, sample):
    import_client(practice, data=sample)
    before = export_client(practice, client_id=sample["client"]["id"])
    bad = copy.deepcopy(before)
    bad["client"]["notes"] = "This change must not land"
    bad["episodes"][0]["sessions"][0]["notes"] = "Nor this"
    bad["episodes"][0]["measures"][1]["items"][3] = 7
    with pytest.raises(ValidationFailed):
        import_client(practice, data=bad, replace=True)
    fresh = reopen()
    assert export_client(fresh, client_id=sample["client"]["id"]) == before
    assert len(list_clients(fresh)) == 1


def test_export_unknown_client(practice):
    with pytest.raises(NotFoundError):
        export_client(practice, client_id="nobody")


def test_export_is_audited(practice, sample):
    client_id, _ = import_client(practice, data=sample)
    export_client(practice, client_id=client_id)
    with practice.db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT action, entity, client_id FROM audit_event ORDER BY id DESC LIMIT 1").fetchall()
    assert rows == [("export", "client", client_id)]
