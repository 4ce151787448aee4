"""File > Check database…: the full integrity checks from the window, in plain sentences, run in a
worker while the window stays usable. Real encrypted practice, real widgets offscreen."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtGui import QAction

from ipt_desktop.services import integrity
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.ui.main_window import MainWindow

WAIT_MS = 30_000


@pytest.fixture
def window(qtbot, ctx) -> MainWindow:
    create_client(ctx.practice, first_name="Ilse", last_name="Fictional")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _action(window) -> QAction:
    return window.findChild(QAction, "checkDatabaseAction")


def test_an_intact_practice_is_reported_intact(window, ctx, qtbot):
    action = _action(window)
    assert action in window.menus["file"].actions()
    with qtbot.waitSignal(window.database_check.finished, timeout=WAIT_MS) as done:
        action.trigger()
    assert done.args == [True]
    kind, title, text = ctx.interaction.messages[-1]
    assert kind == "inform" and title == "Check database"
    assert "The practice file is intact." in text


def test_an_altered_audit_trail_is_reported_and_nothing_changes(window, ctx, qtbot):
    conn = ctx.practice.db.raw_connection()
    try:
        conn.execute("UPDATE audit_event SET action = 'delete' WHERE id = 1")  # someone edits the trail
    finally:
        conn.close()
    with qtbot.waitSignal(window.database_check.finished, timeout=WAIT_MS) as done:
        _action(window).trigger()
    assert done.args == [False]
    kind, _title, text = ctx.interaction.messages[-1]
    assert kind == "warn"
    assert "Problems were found" in text and "Backups" in text
    assert window.client_list.model.rowCount() == 1  # the check changed nothing


def test_the_check_runs_off_the_gui_thread_and_the_window_says_so(window, ctx, qtbot, monkeypatch):
    threads: list[threading.Thread] = []
    real = integrity.check_practice

    def check_and_note(practice):
        threads.append(threading.current_thread())
        return real(practice)

    monkeypatch.setattr(integrity, "check_practice", check_and_note)
    action = _action(window)
    action.trigger()
    assert window.database_check.is_running()
    assert window.statusBar().currentMessage() == "Checking the practice file\u2026"
    assert not action.isEnabled()  # one check at a time
    create_client(ctx.practice, first_name="Piet", last_name="Fictional")  # the window keeps saving
    with qtbot.waitSignal(window.database_check.finished, timeout=WAIT_MS):
        pass
    assert threads and threads[0] is not threading.main_thread()
    assert action.isEnabled() and window.statusBar().currentMessage() == ""
    assert len(list_clients(ctx.practice)) == 2


def test_locking_during_a_check_waits_for_it_and_tells_the_result_after_the_unlock(window, ctx, qtbot,
                                                                                  passphrase):
    _action(window).trigger()
    practice = ctx.practice
    assert window.lock()
    assert practice.closed  # close waited for the check holding the file
    qtbot.wait(50)  # the worker's result arrives while locked
    assert ctx.interaction.messages == []  # nothing over the unlock dialog
    window.unlock_dialog.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(window.database_check.finished, timeout=WAIT_MS) as done:
        window.unlock_dialog.unlock_button.click()
    assert done.args == [True]
    assert ctx.interaction.messages[-1][0] == "inform"


def test_quitting_during_a_check_waits_for_it_without_a_message(window, ctx):
    _action(window).trigger()
    practice = ctx.practice
    assert window.close()
    assert practice.closed and not window.database_check.is_running()
    assert ctx.interaction.messages == []


def test_an_unexpected_error_goes_to_the_log_and_the_window_says_one_sentence(window, ctx, qtbot,
                                                                              monkeypatch, caplog):
    def broken(_practice):
        raise RuntimeError("simulated bug in the check")

    monkeypatch.setattr(integrity, "check_practice", broken)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(window.database_check.finished,
                                                          timeout=WAIT_MS) as done:
        _action(window).trigger()
    assert done.args == [False]
    kind, _title, text = ctx.interaction.messages[-1]
    assert kind == "warn" and text == "The check could not be completed. Details are in the log file."
    assert any(r.exc_info for r in caplog.records)
    assert _action(window).isEnabled()
