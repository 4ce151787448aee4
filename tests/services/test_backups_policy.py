"""The retention rule and the cloud-folder detection: pure functions, no files needed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ipt_desktop.services.cloud_sync import cloud_service_for, cloud_warning
from ipt_desktop.services.retention import RetentionPolicy, backups_to_keep

NOW = datetime(2026, 11, 25, 18, 0)


def daily(count: int, *, hour: int = 12) -> list[tuple[int, datetime]]:
    """One backup a day for ``count`` days before NOW (id = days ago)."""
    return [(n, (NOW - timedelta(days=n)).replace(hour=hour, minute=0)) for n in range(1, count + 1)]


def test_everything_from_the_last_24_hours_is_kept():
    recent = [(i, NOW - timedelta(minutes=30 * i)) for i in range(40)]
    assert backups_to_keep(recent, now=NOW) == set(range(40))


def test_twelve_daily_then_ten_weekly_then_nine_monthly():
    items = dict(daily(500))
    kept = sorted((items[n] for n in backups_to_keep(items.items(), now=NOW)), reverse=True)
    assert len(kept) == 12 + 10 + 9
    assert [(NOW.date() - k.date()).days for k in kept[:12]] == list(range(1, 13))
    # Older ones are each the newest of their ISO week (a Sunday) or of their month (its last
    # day): ten weeks in a row, and nine months in a row (Anki interleaves the two stages).
    older = kept[12:]
    assert all(k.weekday() == 6 or (k + timedelta(days=1)).day == 1 for k in older)
    sundays = [k for k in older if k.weekday() == 6][:10]
    assert len(sundays) == 10 and all((a - b).days == 7 for a, b in zip(sundays, sundays[1:]))
    month_ends = [k for k in older if (k + timedelta(days=1)).day == 1]
    assert len(month_ends) == 9 and all((a.replace(day=1) - b.replace(day=1)).days <= 31
                                        for a, b in zip(month_ends, month_ends[1:]))


def test_counts_are_configurable_and_the_newest_always_survives():
    assert backups_to_keep(daily(30), now=NOW, policy=RetentionPolicy(0, 0, 0)) == {1}
    assert backups_to_keep(daily(30), now=NOW, policy=RetentionPolicy(3, 0, 0)) == {1, 2, 3}
    with pytest.raises(ValueError):
        RetentionPolicy(daily=-1)


def test_only_the_newest_of_a_day_is_kept_once_the_day_is_old():
    items = [("morning", datetime(2026, 11, 1, 9, 0)), ("evening", datetime(2026, 11, 1, 19, 0))]
    assert backups_to_keep(items, now=NOW) == {"evening"}


@pytest.mark.parametrize(("path", "service"), [
    ("/home/ana/Dropbox/IPT", "Dropbox"),
    ("/home/ana/Dropbox (Personal)/IPT", "Dropbox"),
    ("C:/Users/Ana/OneDrive - Clinic Ltd/Backups", "OneDrive"),
    ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/ipt", "iCloud Drive"),
    ("/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.invalid/My Drive/ipt", "Google Drive"),
    ("G:/My Drive/ipt", "Google Drive"),
    ("/home/ana/.local/share/IPT Desktop", None),
    ("/home/ana/dropboxes-old", None),
])
def test_cloud_folders_are_recognised_by_path_components(path, service):
    assert cloud_service_for(Path(path)) == service


def test_cloud_warning_names_the_folder_and_the_service(tmp_path):
    assert cloud_warning(tmp_path / "data", tmp_path / "backups") is None
    text = cloud_warning(tmp_path / "data", tmp_path / "OneDrive" / "b")
    assert text and "backup folder" in text and "OneDrive" in text
