"""Idle auto-lock on the wall clock: a simulated clock jump (a laptop that slept) locks, input
resets the idle time, 0 means never, and on the real main window the lock clears the chart and
closes the practice (key dropped)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from ipt_desktop.ui.idle_lock import IdleLockGuard
from ipt_desktop.ui.settings import UiSettings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def jump(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def settings(tmp_path, qapp) -> UiSettings:
    s = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    s.set_auto_lock_minutes(10)
    return s


@pytest.fixture
def window(qtbot):
    w = QWidget()
    w.edit = QLineEdit(w)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_guard(window, settings, clock, locks: list, interval_ms: int = 60_000) -> IdleLockGuard:
    # A long timer interval: the tests call check() or wait on the timer explicitly.
    return IdleLockGuard(window, settings, on_lock=lambda: locks.append(clock()), clock=clock,
                         check_interval_ms=interval_ms)


def test_wall_clock_jump_past_the_limit_locks_on_the_next_timer_tick(qtbot, window, settings, clock):
    locks: list[float] = []
    guard = make_guard(window, settings, clock, locks, interval_ms=20)
    clock.jump(9 * 60 + 59)  # just under 10 minutes: nothing yet
    assert not guard.check()
    clock.jump(2 * 3600)  # the laptop slept for two hours; no timer ran meanwhile
    with qtbot.waitSignal(guard.lock_triggered, timeout=5000):
        pass  # the running QTimer notices the jump by itself
    assert len(locks) == 1


def test_activity_resets_the_idle_time(qtbot, window, settings, clock):
    locks: list[float] = []
    guard = make_guard(window, settings, clock, locks)
    clock.jump(8 * 60)
    qtbot.keyClicks(window.edit, "a")  # real key events through the application's event filter
    clock.jump(8 * 60)  # 16 minutes since start, 8 since the key press
    assert not guard.check()
    qtbot.mouseClick(window.edit, Qt.MouseButton.LeftButton)
    clock.jump(9 * 60)
    assert not guard.check() and locks == []
    clock.jump(61)
    assert guard.check() and len(locks) == 1


def test_zero_minutes_means_never(qtbot, window, settings, clock):
    settings.set_auto_lock_minutes(0)
    locks: list[float] = []
    guard = make_guard(window, settings, clock, locks)
    clock.jump(30 * 24 * 3600)
    assert not guard.check()
    qtbot.keyClicks(window.edit, "x")
    assert locks == [] and window.edit.text() == "x"


def test_first_input_after_a_sleep_locks_instead_of_acting(qtbot, window, settings, clock):
    locks: list[float] = []
    guard = make_guard(window, settings, clock, locks)
    clock.jump(3600)
    with qtbot.waitSignal(guard.lock_triggered, timeout=5000):
        qtbot.keyClicks(window.edit, "z")
    assert len(locks) == 1
    assert window.edit.text() == ""  # the key that woke the screen did not type into the chart


def test_becoming_active_again_checks_the_clock(qtbot, qapp, window, settings, clock):
    locks: list[float] = []
    guard = make_guard(window, settings, clock, locks)
    clock.jump(11 * 60)
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert len(locks) == 1
    assert guard.idle_seconds() == 0


def test_nothing_triggers_while_already_locked(window, settings, clock):
    locks: list[float] = []
    guard = IdleLockGuard(window, settings, on_lock=lambda: locks.append(1), clock=clock,
                          is_locked=lambda: True, check_interval_ms=60_000)
    clock.jump(3600)
    assert not guard.check() and locks == []


def test_lowering_the_limit_counts_as_activity(window, settings, clock):
    locks: list[float] = []
    guard = make_guard(window, settings, clock, locks)
    clock.jump(20 * 60)
    settings.set_auto_lock_minutes(5)
    assert not guard.check()
    clock.jump(5 * 60)
    assert guard.check()


@pytest.fixture
def demo_ctx(qapp, practice, settings):
    from ipt_desktop.services.demo import add_demo_clients
    from ipt_desktop.ui.context import AppContext
    from ipt_desktop.ui.interaction import ScriptedInteraction

    add_demo_clients(practice)
    return AppContext(practice=practice, settings=settings, interaction=ScriptedInteraction())


def test_idle_lock_on_the_real_main_window_clears_widgets_and_closes_the_practice(qtbot, demo_ctx, clock):
    from ipt_desktop.ui.main_window import MainWindow

    demo_ctx.settings.set_auto_lock_minutes(10)
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_client_id() is not None
    practice = demo_ctx.practice
    guard = IdleLockGuard(window, demo_ctx.settings, on_lock=window.lock, clock=clock, check_interval_ms=20)
    clock.jump(10 * 60 + 1)
    qtbot.waitUntil(window.is_locked, timeout=5000)
    assert practice.closed and practice.db.key.wiped
    assert window.current_client_id() is None
    assert window.client_list.proxy.rowCount() == 0
    assert not window.isVisible()
    if window.unlock_dialog is not None:
        qtbot.addWidget(window.unlock_dialog)
    clock.jump(3600)
    assert not guard.check()  # already locked: no second lock
