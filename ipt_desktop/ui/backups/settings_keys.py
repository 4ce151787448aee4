"""Backup preferences read through UiSettings (the Preferences dialog writes them).

UiSettings gains typed accessors for these keys in its own time; until then the raw QSettings
keys under ``backups/`` that preferences_dialog.py already writes are read here, in one place.
Services never read settings: the folder and counts are passed to them as arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipt_desktop.services.retention import RetentionPolicy

DEFAULTS: dict[str, Any] = {"backup_folder": "", "keep_daily": 12, "keep_weekly": 10, "keep_monthly": 9,
                            "cloud_warning_dismissed": False}


def _value(settings: Any, key: str) -> Any:
    getter = getattr(settings, key, None)
    if callable(getter):
        return getter()
    value = settings.qsettings.value(f"backups/{key}")
    default = DEFAULTS[key]
    if value in (None, ""):
        return default
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true", "yes")
    try:
        return type(default)(value)
    except (TypeError, ValueError):
        return default  # a hand-edited ini must not stop backups


def backup_folder(settings: Any) -> Path | None:
    """The configured folder, or None for the default (data_dir/backups)."""
    value = str(_value(settings, "backup_folder") or "").strip()
    return Path(value).expanduser() if value else None


def retention_policy(settings: Any) -> RetentionPolicy:
    counts = [max(0, int(_value(settings, key))) for key in ("keep_daily", "keep_weekly", "keep_monthly")]
    return RetentionPolicy(*counts)


def cloud_warning_dismissed(settings: Any) -> bool:
    return bool(_value(settings, "cloud_warning_dismissed"))


def dismiss_cloud_warning(settings: Any) -> None:
    setter = getattr(settings, "set_cloud_warning_dismissed", None)
    if callable(setter):
        setter(True)
    else:
        settings.qsettings.setValue("backups/cloud_warning_dismissed", True)
        settings.qsettings.sync()
