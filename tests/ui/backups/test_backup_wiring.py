"""Backups wired into the main window: File > Backups…, the toolbar button, automatic backups in
the configured folder, the backup on quit (and what happens when it fails), lock/unlock, and the
once-only cloud-folder warning. Real encrypted practice, real widgets offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.services import backups
from ipt_desktop.ui.backups.dialog import BackupsDialog
from ipt_desktop.ui.main_window import MainWindow

WAIT_MS = 30_000


@pytest.fixture
def window(open_window, add_client):
    add_client("Orla")
    return open_window()


def _folder(ctx):
    return ctx.settings.backup_folder()


def test_file_menu_and_toolbar_open_the_backups_dialog(window, tmp_path):
    action = window.backups.action
    assert action in window.menus["file"].actions() and action in window.toolbar.actions()
    assert not action.icon().isNull() and action.iconText() == "Backups"
    action.trigger()
    dialog = window.active_dialog
    assert isinstance(dialog, BackupsDialog) and dialog.isVisible()
    assert str(_folder(window.ctx)) in dialog.folder_label.text()  # the configured folder
    window.resize(1280, 800)
    dialog.close()
    Path("/tmp/shots").mkdir(exist_ok=True)
    window.grab().save("/tmp/shots/main-window-backups-button.png")


def test_a_restore_from_the_dialog_reloads_the_list_and_the_chart(window, ctx, qtbot, add_client):
    dialog = window.backups.open_dialog()
    info = dialog.backup_now()
    assert info.path.parent == _folder(ctx)  # the folder from the preferences
    piet = add_client("Piet")
    assert window.client_list.model.rowCount() == 2
    window.select_client(piet)
    assert window.current_client_id() == piet
    dialog.table.selectRow(0)
    assert dialog.restore_selected()
    # Piet is not in the backup: the list shows Orla only and the chart no longer shows Piet.
    assert window.client_list.model.rowCount() == 1
    assert window.current_client_id() is None and window.chart.record is None
    assert "restored" in window.statusBar().currentMessage().lower()


def test_automatic_backup_after_a_change_goes_to_the_configured_folder(window, ctx, qtbot, add_client):
    scheduler = window.backups.scheduler
    assert scheduler.parent() is window
    scheduler.interval_ms = 0  # the 30-minute wait, made instant for the test
    with qtbot.waitSignal(scheduler.backed_up, timeout=WAIT_MS) as done:
        add_client("Piet")
    info = done.args[0]
    assert info.reason == "auto" and info.path.parent == _folder(ctx) and info.clients == 2
    assert "Backed up automatically" in window.statusBar().currentMessage()


def test_the_scheduler_keeps_thirty_minutes_between_automatic_backups(window):
    assert window.backups.scheduler.interval_ms == 30 * 60 * 1000


def test_quitting_after_a_change_takes_a_backup_before_the_practice_closes(window, ctx, add_client):
    from PySide6.QtGui import QGuiApplication

    add_client("Piet")
    practice = ctx.practice
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    window.close()
    assert practice.closed
    found = backups.list_backups(practice, folder=_folder(ctx))
    assert [b.reason for b in found] == ["quit"]
    assert "Backing up before closing\u2026" in said  # why the window did not close at once
    assert QGuiApplication.overrideCursor() is None  # the wait cursor is gone again


def test_quitting_without_a_change_writes_no_backup(window, ctx):
    window.backups.scheduler.dirty = False  # the fixture's client was added before the window
    window.close()
    assert backups.list_backups(ctx.practice, folder=_folder(ctx)) == []


def test_a_failed_backup_on_quit_asks_and_can_stay_or_quit_anyway(window, ctx, tmp_path, add_client):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    ctx.settings.set_backup_folder(blocker)
    add_client("Piet")
    ctx.interaction.confirm_answers = [False]  # "Go back"
    assert not window.close()
    assert window.isVisible() and not ctx.practice.closed
    kind, title, text = ctx.interaction.messages[-1]
    assert kind == "confirm" and title == "Not backed up" and "Not backed up:" in text
    assert "Quit anyway?" in text
    ctx.interaction.confirm_answers = [True]  # "Quit anyway": a missing backup never traps the app
    assert window.close()
    assert ctx.practice.closed


def test_after_lock_and_unlock_backups_use_the_reopened_practice(window, ctx, qtbot, passphrase, add_client):
    add_client("Piet")
    old = ctx.practice
    with qtbot.waitSignal(window.locked):
        window.lock()
    assert window.backups.scheduler.backup_now("auto") is None  # locked: nothing to copy, no error
    scheduler = window.backups.scheduler
    assert scheduler.dirty  # the change before the lock is still owed
    scheduler.interval_ms = 0  # the 30 minutes have passed while locked
    made = []
    scheduler.backed_up.connect(made.append)
    dialog = window.unlock_dialog
    dialog.passphrase_edit.setText(passphrase)
    with qtbot.waitSignals([window.unlocked, scheduler.backed_up], timeout=WAIT_MS):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert ctx.practice is not old and old.closed
    assert made[0].clients == 2 and made[0].path.parent == _folder(ctx)


def test_the_cloud_warning_is_shown_once_after_the_practice_opens(qtbot, ctx, tmp_path):
    ctx.settings.set_backup_folder(tmp_path / "Dropbox" / "ipt")
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: any(m[1] == "Folder synced to the cloud" for m in ctx.interaction.messages),
                    timeout=WAIT_MS)
    assert "Dropbox" in ctx.interaction.messages[-1][2]
    count = len(ctx.interaction.messages)
    first.backups._warn_about_cloud()  # the next start-up or unlock: silent, it was shown once
    assert len(ctx.interaction.messages) == count
    first.close()
