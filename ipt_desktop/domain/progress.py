"""Progress on rating scales over an episode: baseline, latest, change, response and remission.

Definitions (the usual ones in IPT trials):
- baseline = the episode's first administration of an instrument by date (ties: the earlier
  session number, then the order recorded);
- response = latest total at least 50% below baseline (latest <= baseline / 2, baseline > 0);
- remission = latest total at or below the instrument's ``remission_max``;
- when both hold the status is "Remission"; with a single administration "Baseline only".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ipt_desktop.domain.measures import INSTRUMENTS, get_instrument
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import Episode, Goal, GoalRating, MeasureAdministration

STATUS_REMISSION = "Remission"
STATUS_RESPONSE = "Response"
STATUS_NO_RESPONSE = "No response"
STATUS_BASELINE_ONLY = "Baseline only"


@dataclass(frozen=True, slots=True)
class InstrumentProgress:
    instrument: str  # key of INSTRUMENTS
    baseline: MeasureAdministration
    latest: MeasureAdministration
    baseline_total: int
    latest_total: int
    change_points: int  # latest - baseline; negative = fewer symptoms = better
    change_percent: float | None  # 100 * change / baseline; None when baseline is 0
    response: bool
    remission: bool
    status: str  # "Remission" | "Response" | "No response" | "Baseline only"


def _order_key(indexed: tuple[int, MeasureAdministration]):
    index, adm = indexed
    # Date first; a missing session number sorts after numbered ones on the same day;
    # finally the order given, so the result never depends on sort stability elsewhere.
    number = adm.session_number if adm.session_number is not None else 10**6
    return (adm.administered_on, number, index)


def chronological(administrations: Sequence[MeasureAdministration]) -> list[MeasureAdministration]:
    """Administrations sorted by date (then session number, then given order)."""
    return [adm for _, adm in sorted(enumerate(administrations), key=_order_key)]


def instrument_progress(administrations: Sequence[MeasureAdministration]) -> InstrumentProgress | None:
    """Progress for administrations of ONE instrument; None when there are none.

    ValueError when the administrations mix instruments (a caller bug worth surfacing).
    """
    if not administrations:
        return None
    keys = {adm.instrument for adm in administrations}
    if len(keys) != 1:
        raise ValueError(f"instrument_progress needs one instrument, got {', '.join(sorted(keys))}")
    instrument = get_instrument(keys.pop())
    ordered = chronological(administrations)
    baseline, latest = ordered[0], ordered[-1]
    baseline_total, latest_total = sum(baseline.items), sum(latest.items)
    change = latest_total - baseline_total
    percent = None if baseline_total == 0 else 100.0 * change / baseline_total
    if len(ordered) == 1:
        response = remission = False
        status = STATUS_BASELINE_ONLY
    else:
        # Integer comparison (2 * latest <= baseline) so exactly 50% counts without float error.
        response = baseline_total > 0 and 2 * latest_total <= baseline_total
        remission = latest_total <= instrument.remission_max
        status = (STATUS_REMISSION if remission else
                  STATUS_RESPONSE if response else STATUS_NO_RESPONSE)
    return InstrumentProgress(
        instrument=instrument.key, baseline=baseline, latest=latest,
        baseline_total=baseline_total, latest_total=latest_total, change_points=change,
        change_percent=percent, response=response, remission=remission, status=status)


def _by_instrument(episode: Episode) -> dict[str, list[MeasureAdministration]]:
    groups: dict[str, list[MeasureAdministration]] = {}
    for adm in chronological(episode.measures):
        if adm.instrument in INSTRUMENTS:  # unknown keys (newer data) are skipped, not fatal
            groups.setdefault(adm.instrument, []).append(adm)
    return groups


def episode_progress(episode: Episode) -> dict[str, InstrumentProgress]:
    """Progress per instrument used in the episode, in order of first use."""
    result: dict[str, InstrumentProgress] = {}
    for key, adms in _by_instrument(episode).items():
        progress = instrument_progress(adms)
        if progress is not None:
            result[key] = progress
    return result


def main_instrument(episode: Episode) -> str:
    """The instrument to headline: the protocol's main one if it was used, else the most used
    (ties: first used); the protocol's main instrument when nothing has been recorded yet."""
    protocol = PROTOCOLS.get(episode.protocol)
    groups = _by_instrument(episode)
    if protocol is not None and protocol.main_instrument in groups:
        return protocol.main_instrument
    if groups:
        counts = Counter({key: len(adms) for key, adms in groups.items()})
        best = max(counts.values())
        return next(key for key in groups if counts[key] == best)
    return protocol.main_instrument if protocol is not None else "phq9"


def item_changes(baseline: MeasureAdministration,
                 latest: MeasureAdministration) -> list[tuple[int, int, int]]:
    """``(item_number, before, after)`` per item (1-based), for the item-level view."""
    if baseline.instrument != latest.instrument:
        raise ValueError("item_changes needs two administrations of the same instrument")
    return [(n, before, after)
            for n, (before, after) in enumerate(zip(baseline.items, latest.items), start=1)]


def goal_progress(goal: Goal) -> tuple[GoalRating | None, GoalRating | None]:
    """The first and latest rating of a goal by date (both None when unrated)."""
    if not goal.ratings:
        return (None, None)
    ordered = [r for _, r in sorted(enumerate(goal.ratings), key=lambda ir: (ir[1].date, ir[0]))]
    return (ordered[0], ordered[-1])
