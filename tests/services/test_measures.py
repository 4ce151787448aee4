"""Recording rating scales: scored by the domain, stored with total and risk, validated per item."""

from __future__ import annotations

import pytest

from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.clients import get_client_record, list_clients
from ipt_desktop.services.measures import delete_measure, record_measure


def test_record_persists_and_scores(practice, reopen, client, episode):
    measure, changes = record_measure(practice, episode_id=episode.id, instrument="phq9",
                                      administered_on="2026-03-02", items=[2, 2, 2, 2, 2, 2, 2, 2, 1],
                                      session_number=1)
    assert changes.touches("measures") and changes.client_ids == {client.id}
    fresh = reopen()
    assert get_client_record(fresh, client_id=client.id).episodes[0].measures == (measure,)
    row = list_clients(fresh)[0]
    assert (row.latest_instrument, row.latest_total, row.latest_risk) == ("phq9", 17, True)


def test_latest_administration_drives_the_list(practice, client, episode):
    record_measure(practice, episode_id=episode.id, instrument="phq9", administered_on="2026-03-02",
                   items=[3, 3, 3, 3, 3, 3, 2, 1, 1])
    record_measure(practice, episode_id=episode.id, instrument="phq9", administered_on="2026-04-06",
                   items=[1, 1, 1, 1, 0, 0, 0, 0, 0])
    row = list_clients(practice)[0]
    assert (row.latest_total, row.latest_risk) == (4, False)


@pytest.mark.parametrize("kwargs, path", [
    ({"items": [1] * 8}, "items"),
    ({"items": [1, 1, 1, 4, 1, 1, 1, 1, 1]}, "items[3]"),
    ({"items": [1, 1, 1, -1, 1, 1, 1, 1, 1]}, "items[3]"),
    ({"instrument": "bdi2"}, "instrument"),
    ({"administered_on": "02/03/2026"}, "administered_on"),
    ({"session_number": 17}, "session_number"),
])
def test_invalid_administration_is_refused(practice, client, episode, kwargs, path):
    args = {"instrument": "phq9", "administered_on": "2026-03-02", "items": [1] * 9, **kwargs}
    with pytest.raises(ValidationFailed) as caught:
        record_measure(practice, episode_id=episode.id, **args)
    assert path in {e.path for e in caught.value.errors}
    assert get_client_record(practice, client_id=client.id).episodes[0].measures == ()


def test_item_ranges_follow_the_instrument(practice, episode):
    # HAM-D-17 item 4 (insomnia, early) is rated 0-2, item 1 0-4.
    items = [4, 0, 0, 2] + [0] * 13
    record_measure(practice, episode_id=episode.id, instrument="hamd17", administered_on="2026-03-02", items=items)
    with pytest.raises(ValidationFailed) as caught:
        record_measure(practice, episode_id=episode.id, instrument="hamd17", administered_on="2026-03-02",
                       items=[0, 0, 0, 3] + [0] * 13)
    assert caught.value.first.path == "items[3]"


def test_delete(practice, reopen, client, episode):
    measure, _ = record_measure(practice, episode_id=episode.id, instrument="gad7", administered_on="2026-03-02",
                                items=[1] * 7)
    delete_measure(practice, episode_id=episode.id, measure_id=measure.id)
    assert get_client_record(reopen(), client_id=client.id).episodes[0].measures == ()
