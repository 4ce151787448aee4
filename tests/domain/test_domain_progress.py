"""Baseline, change, response and remission, including the exact-50% edge."""

from __future__ import annotations

import pytest

from ipt_desktop.domain.progress import (
    episode_progress, goal_progress, instrument_progress, item_changes, main_instrument,
)
from ipt_desktop.domain.records import Episode, Goal, GoalRating, MeasureAdministration


def adm(total: int, on: str, key: str = "phq9", number: int | None = None,
        ident: str = "") -> MeasureAdministration:
    count, high = {"phq9": (9, 3), "gad7": (7, 3), "gds15": (15, 1), "hamd17": (17, 2)}[key]
    items = []
    for _ in range(count):
        take = min(high, total)
        items.append(take)
        total -= take
    return MeasureAdministration(id=ident or f"{key}-{on}", instrument=key, administered_on=on,
                                 items=tuple(items), session_number=number)


def test_baseline_is_first_by_date_not_by_entry_order():
    later = adm(10, "2026-02-01")
    first = adm(20, "2026-01-05")
    progress = instrument_progress([later, first])
    assert progress.baseline is first and progress.latest is later
    assert (progress.baseline_total, progress.latest_total) == (20, 10)
    assert progress.change_points == -10 and progress.change_percent == -50.0


@pytest.mark.parametrize("baseline,latest,status,response,remission", [
    (20, 10, "Response", True, False),       # exactly 50% lower counts
    (20, 11, "No response", False, False),   # 45% lower does not
    (21, 10, "Response", True, False),       # >50%
    (21, 11, "No response", False, False),   # 47.6%
    (8, 4, "Remission", True, True),         # both: remission wins
    (4, 4, "Remission", False, True),        # in remission without a 50% drop
    (20, 5, "Response", True, False),        # 5 is above PHQ-9 remission (<5)
    (0, 0, "Remission", False, True),        # baseline 0: no percent, no response
    (10, 15, "No response", False, False),   # worse
])
def test_status_edges(baseline, latest, status, response, remission):
    progress = instrument_progress([adm(baseline, "2026-01-01"), adm(latest, "2026-02-01")])
    assert (progress.status, progress.response, progress.remission) == (status, response, remission)
    if baseline == 0:
        assert progress.change_percent is None


def test_remission_thresholds_differ_per_instrument():
    hamd = instrument_progress([adm(20, "2026-01-01", "hamd17"), adm(7, "2026-03-01", "hamd17")])
    assert hamd.status == "Remission"
    hamd8 = instrument_progress([adm(20, "2026-01-01", "hamd17"), adm(8, "2026-03-01", "hamd17")])
    assert hamd8.status == "Response"
    gds = instrument_progress([adm(6, "2026-01-01", "gds15"), adm(5, "2026-03-01", "gds15")])
    assert gds.status == "No response"


def test_single_and_empty_and_mixed():
    only = instrument_progress([adm(12, "2026-01-01")])
    assert only.status == "Baseline only" and not only.remission and only.change_points == 0
    assert instrument_progress([]) is None
    with pytest.raises(ValueError):
        instrument_progress([adm(3, "2026-01-01"), adm(3, "2026-01-01", "gad7")])


def test_same_day_uses_session_number():
    a = adm(18, "2026-01-01", number=2, ident="a")
    b = adm(9, "2026-01-01", number=1, ident="b")
    assert instrument_progress([a, b]).baseline is b


def test_episode_progress_and_main_instrument():
    measures = (adm(10, "2026-01-02", "gad7"), adm(15, "2026-01-03", "phq9"),
                adm(5, "2026-02-01", "gad7"), adm(6, "2026-02-02", "phq9"),
                adm(3, "2026-03-01", "gad7"))
    episode = Episode(id="e", protocol="ipt-16", start_date="2026-01-01", measures=measures)
    progress = episode_progress(episode)
    assert list(progress) == ["gad7", "phq9"]
    assert progress["gad7"].latest_total == 3
    assert main_instrument(episode) == "phq9"  # protocol's main one wins even if used less
    late_life = Episode(id="e", protocol="ipt-ll-16", start_date="2026-01-01", measures=measures)
    assert main_instrument(late_life) == "gad7"  # GDS-15 unused: most used
    assert main_instrument(Episode(id="e", protocol="ipt-a-12", start_date="2026-01-01")) == "phqa"


def test_item_changes_and_goal_progress():
    before = MeasureAdministration("a", "gad7", "2026-01-01", (3, 2, 1, 0, 0, 0, 0))
    after = MeasureAdministration("b", "gad7", "2026-02-01", (1, 2, 0, 0, 0, 0, 1))
    assert item_changes(before, after)[:3] == [(1, 3, 1), (2, 2, 2), (3, 1, 0)]
    goal = Goal("g", "Call my sister weekly", ratings=(
        GoalRating("2026-02-01", 6), GoalRating("2026-01-01", 2), GoalRating("2026-03-01", 8)))
    first, latest = goal_progress(goal)
    assert (first.value, latest.value) == (2, 8)
    assert goal_progress(Goal("h", "x")) == (None, None)
