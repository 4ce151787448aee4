"""Which backups to keep: Anki's thinning rule (daily, then weekly, then monthly), pure Python.

Walk the backups newest first. Everything from the last 24 hours is kept (so an afternoon's
automatic backups are all there if a morning's work needs undoing). After that a backup is kept
when its day is older than the day of every backup kept so far and a daily slot is left; failing
that, when its ISO week is older than every kept week and a weekly slot is left; failing that,
when its month is older than every kept month and a monthly slot is left. The newest backup is
always kept, whatever the counts. Defaults: 12 daily, 10 weekly, 9 monthly — a year of history
in about 31 files.

The rule only looks at the dates it is given; services/backups.py feeds it file names that match
our own pattern in the backup folder, so nothing else can ever be selected for deletion.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

RECENT = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    daily: int = 12
    weekly: int = 10
    monthly: int = 9

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more")


def _week(moment: datetime) -> tuple[int, int]:
    iso = moment.isocalendar()
    return iso[0], iso[1]


def _month(moment: datetime) -> tuple[int, int]:
    return moment.year, moment.month


def backups_to_keep(backups: Iterable[tuple[Hashable, datetime]], *, now: datetime,
                    policy: RetentionPolicy = RetentionPolicy()) -> set[Hashable]:
    """The ids (any hashable, e.g. a Path) of the backups the policy keeps.

    ``backups`` are (id, local time the backup was taken). Ties on time keep input order stable.
    """
    ordered = sorted(backups, key=lambda item: item[1], reverse=True)
    keep: set[Hashable] = set()
    left = {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    last_day = last_week = last_month = None  # nothing kept yet: every unit counts as older
    for index, (ident, moment) in enumerate(ordered):
        day, week, month = moment.date(), _week(moment), _month(moment)
        stage = None
        if now - moment < RECENT:
            stage = "recent"
        elif left["daily"] and (last_day is None or day < last_day):
            stage = "daily"
        elif left["weekly"] and (last_week is None or week < last_week):
            stage = "weekly"
        elif left["monthly"] and (last_month is None or month < last_month):
            stage = "monthly"
        if stage is None and index > 0:
            continue
        keep.add(ident)  # index 0 is kept whatever the counts: never delete the newest
        if stage in left:
            left[stage] -= 1
        last_day, last_week, last_month = day, week, month
    return keep
