"""Idle auto-lock: lock the practice after N minutes without keyboard, mouse or touch input.

Idle time is measured on the WALL CLOCK (an injected callable, ``time.time`` by default), not by
counting timer ticks: a laptop that slept past the limit has had no ticks, yet must be locked
on wake. Three things check the clock — a QTimer every ~15 s, the application becoming active
again, and the first input event itself: that event is swallowed and the practice locked, so
the click that wakes the screen never lands on a chart that should already be hidden.

The main window installs it with one line (it keeps itself alive as a child of the window)::

    IdleLockGuard(main_window, ctx.settings, on_lock=main_window.lock)

Ctrl+L (lock now) is the main window's own action; this guard only adds the idle part.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from ipt_desktop.ui.settings import UiSettings

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 15_000
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


class IdleLockGuard(QObject):
    """Calls ``on_lock()`` once the therapist has been idle for ``settings.auto_lock_minutes()``.

    ``is_locked`` defaults to ``parent.is_locked`` when the parent has one (MainWindow does):
    while locked nothing is triggered and input only counts as activity. ``clock`` returns
    seconds (wall-clock); tests pass a fake to jump forward without sleeping.
    """

    lock_triggered = Signal()  # after on_lock() was called because of idleness

    def __init__(self, parent: QObject, settings: UiSettings, *, on_lock: Callable[[], object],
                 clock: Callable[[], float] = time.time, is_locked: Callable[[], bool] | None = None,
                 check_interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._settings = settings
        self._on_lock = on_lock
        self._clock = clock
        self._is_locked = is_locked or getattr(parent, "is_locked", None) or (lambda: False)
        self._busy = False  # on_lock may open a modal question; its event loop must not re-enter
        self.last_activity = clock()

        self.timer = QTimer(self)
        self.timer.setInterval(check_interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._on_app_state)
        settings.changed.connect(self._on_setting_changed)
        unlocked = getattr(parent, "unlocked", None)
        if unlocked is not None and hasattr(unlocked, "connect"):
            unlocked.connect(self.note_activity)

    # -- state -----------------------------------------------------------------------------------
    def limit_seconds(self) -> int:
        """0 means never lock."""
        return self._settings.auto_lock_minutes() * 60

    def idle_seconds(self) -> float:
        return max(0.0, self._clock() - self.last_activity)

    def expired(self) -> bool:
        limit = self.limit_seconds()
        return limit > 0 and self.idle_seconds() >= limit

    def note_activity(self) -> None:
        self.last_activity = self._clock()

    # -- triggers --------------------------------------------------------------------------------
    def check(self) -> bool:
        """Lock now if the limit has passed; True when on_lock was called."""
        if self._busy or self._is_locked() or not self.expired():
            return False
        self._busy = True
        try:
            log.info("locking after %d idle minute(s)", self._settings.auto_lock_minutes())
            self._on_lock()
        except Exception:  # noqa: BLE001 - a failing lock must not kill the event loop
            log.exception("the idle lock failed")
        finally:
            self._busy = False
            # Whatever happened (locked, or the therapist chose to stay), start a new period.
            self.note_activity()
        self.lock_triggered.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            if not self._busy and not self._is_locked() and self.expired():
                # The first touch after a long absence (or a sleep) locks instead of acting.
                QTimer.singleShot(0, self.check)
                return True
            self.note_activity()
        return False

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def _on_setting_changed(self, key: str) -> None:
        if key.startswith("security/"):
            # Changing the limit is itself activity: do not lock the moment it is lowered.
            self.note_activity()

    def stop(self) -> None:
        """Stop watching (window closing)."""
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
