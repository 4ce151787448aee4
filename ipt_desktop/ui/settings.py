"""The one typed wrapper around QSettings (cf. Frescobaldi's preferences pages).

Only window and UI state lives here — geometry, splitter sizes, the last client and tab, the
client-list filter. Clinical data and the practice profile belong in the database so backups
carry them. No other module touches QSettings; tests pass an ini-file QSettings in a temp dir.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from ipt_desktop.services.retention import RetentionPolicy

# Keys are namespaced by screen so a later preferences page cannot collide with window state.
_GEOMETRY = "main_window/geometry"
_WINDOW_STATE = "main_window/state"
_SPLITTER = "main_window/splitter"
_SPLITTERS = "splitters/"  # + a key per splitter inside a tab
_LAST_CLIENT = "main_window/last_client"
_LAST_TAB = "main_window/last_tab"
_FILTER = "client_list/filter"
_LIST_HEADER = "client_list/header"
_AUTO_LOCK = "security/auto_lock_minutes"
DEFAULT_AUTO_LOCK_MINUTES = 10
# Backup housekeeping (per machine: where this computer writes its backups). The keys keep the
# "backups/" names the first Preferences page wrote, so existing ini files still apply.
_BACKUP_FOLDER = "backups/backup_folder"
_KEEP = {"daily": "backups/keep_daily", "weekly": "backups/keep_weekly", "monthly": "backups/keep_monthly"}
_CLOUD_DISMISSED = "backups/cloud_warning_dismissed"
# One source of truth for the retention numbers (12 daily / 10 weekly / 9 monthly).
DEFAULT_RETENTION = RetentionPolicy()

FILTERS = ("active", "discharged", "all")


class UiSettings(QObject):
    """Typed getters/setters; ``changed(key)`` fires after any write."""

    changed = Signal(str)

    def __init__(self, qsettings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The default QSettings() uses the organisation/application names set in ui.app.
        self._qs = qsettings if qsettings is not None else QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    def sync(self) -> None:
        self._qs.sync()

    # -- raw helpers ---------------------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, (bytes, bytearray)) and value:
            return QByteArray(bytes(value))
        return None

    def _str(self, key: str) -> str | None:
        value = self._qs.value(key)
        return str(value) if value not in (None, "") else None

    def _int(self, key: str, default: int) -> int:
        value = self._qs.value(key)
        try:
            return int(value) if value is not None else default
        except (TypeError, ValueError):
            # A hand-edited or corrupt ini must not stop the app starting.
            return default

    def _set(self, key: str, value: object) -> None:
        if value is None:
            self._qs.remove(key)
        else:
            self._qs.setValue(key, value)
        self.changed.emit(key)

    # -- main window ---------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._set(_GEOMETRY, geometry)

    def window_state(self) -> QByteArray | None:
        return self._bytes(_WINDOW_STATE)

    def set_window_state(self, state: QByteArray) -> None:
        self._set(_WINDOW_STATE, state)

    def splitter_sizes(self) -> list[int] | None:
        value = self._qs.value(_SPLITTER)
        if value is None:
            return None
        if isinstance(value, str):
            value = value.split(",")
        try:
            sizes = [int(v) for v in value]
        except (TypeError, ValueError):
            return None
        return sizes if len(sizes) >= 2 and all(s >= 0 for s in sizes) else None

    def set_splitter_sizes(self, sizes: list[int]) -> None:
        # Stored as a comma string: ini QSettings round-trips lists of ints as strings anyway.
        self._set(_SPLITTER, ",".join(str(int(s)) for s in sizes))

    def splitter_state(self, key: str) -> QByteArray | None:
        """A splitter's QSplitter.saveState() stored under ``key`` (e.g. "inventory/horizontal")."""
        return self._bytes(_SPLITTERS + key)

    def set_splitter_state(self, key: str, state: QByteArray) -> None:
        self._set(_SPLITTERS + key, state)

    def last_client(self) -> str | None:
        return self._str(_LAST_CLIENT)

    def set_last_client(self, client_id: str | None) -> None:
        self._set(_LAST_CLIENT, client_id)

    def last_tab(self) -> str:
        """The key of the chart tab last shown ("overview", "timeline", ...)."""
        return self._str(_LAST_TAB) or "overview"

    def set_last_tab(self, key: str) -> None:
        self._set(_LAST_TAB, str(key))

    # -- client list ---------------------------------------------------------------------------
    def client_filter(self) -> str:
        value = self._str(_FILTER)
        return value if value in FILTERS else "active"

    def set_client_filter(self, value: str) -> None:
        if value not in FILTERS:
            raise ValueError(f"unknown client filter {value!r}; expected one of {', '.join(FILTERS)}")
        self._set(_FILTER, value)

    def client_list_header(self) -> QByteArray | None:
        """Column widths, order and sort of the client table (QHeaderView.saveState)."""
        return self._bytes(_LIST_HEADER)

    def set_client_list_header(self, state: QByteArray) -> None:
        self._set(_LIST_HEADER, state)

    # -- security (used by the data-safety idle lock) -----------------------------------------
    def auto_lock_minutes(self) -> int:
        """0 = never. Defaults to 10 minutes (the data-safety issue): long enough not to lock mid-note,
        short enough that a laptop left in a consulting room locks before the next client sits down."""
        return max(0, self._int(_AUTO_LOCK, DEFAULT_AUTO_LOCK_MINUTES))

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self._set(_AUTO_LOCK, max(0, int(minutes)))

    # -- backups (read by ui.backups; services get the folder and policy as arguments) ----------
    def backup_folder(self) -> Path | None:
        """The chosen backup folder, or None for the default (data_dir/backups)."""
        value = (self._str(_BACKUP_FOLDER) or "").strip()
        return Path(value).expanduser() if value else None

    def set_backup_folder(self, folder: Path | str | None) -> None:
        value = str(folder).strip() if folder else ""
        self._set(_BACKUP_FOLDER, value or None)

    def keep_daily(self) -> int:
        return max(0, self._int(_KEEP["daily"], DEFAULT_RETENTION.daily))

    def set_keep_daily(self, count: int) -> None:
        self._set(_KEEP["daily"], max(0, int(count)))

    def keep_weekly(self) -> int:
        return max(0, self._int(_KEEP["weekly"], DEFAULT_RETENTION.weekly))

    def set_keep_weekly(self, count: int) -> None:
        self._set(_KEEP["weekly"], max(0, int(count)))

    def keep_monthly(self) -> int:
        return max(0, self._int(_KEEP["monthly"], DEFAULT_RETENTION.monthly))

    def set_keep_monthly(self, count: int) -> None:
        self._set(_KEEP["monthly"], max(0, int(count)))

    def retention_policy(self) -> RetentionPolicy:
        """How many automatic backups to keep, as services.backups expects it."""
        return RetentionPolicy(daily=self.keep_daily(), weekly=self.keep_weekly(), monthly=self.keep_monthly())

    def cloud_warning_dismissed(self) -> bool:
        return str(self._qs.value(_CLOUD_DISMISSED, "false")).lower() in ("1", "true", "yes")

    def set_cloud_warning_dismissed(self, dismissed: bool = True) -> None:
        self._set(_CLOUD_DISMISSED, bool(dismissed))
        self._qs.sync()  # shown once means once, even if the app is killed later


def remember_splitter(splitter, settings: UiSettings | None, key: str) -> None:
    """Restore ``splitter``'s sizes from ``settings`` and store them whenever the user drags it.

    Only a drag (``splitterMoved``) is stored, so a layout pass never overwrites a saved choice.
    ``settings`` may be None (widgets built without a full context in tests).
    """
    if settings is None or not hasattr(settings, "splitter_state"):
        return
    state = settings.splitter_state(key)
    if state is not None:
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: settings.set_splitter_state(key, splitter.saveState()))
