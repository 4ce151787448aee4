"""Automatic backups are written in a worker thread while the window stays usable; locking, a
manual backup and a restore let a running one end (and be recorded) first; a failure is reported
and the changes stay owed. Real encrypted practice, real widgets offscreen, real backup files.
"""

from __future__ import annotations

import logging
import threading

import pytest

from ipt_desktop.services import backups
from ipt_desktop.services.clients import list_clients
from ipt_desktop.services.security import list_audit, verify_audit_chain
from ipt_desktop.ui.backups.dialog import BackupsDialog

WAIT_MS = 30_000


@pytest.fixture
def window(open_window):
    return open_window()


@pytest.fixture
def copy_threads(monkeypatch):
    """Which thread wrote each backup file (the real write_backup_file still does it)."""
    seen: list[threading.Thread] = []
    real = backups.write_backup_file

    def write_and_note(*args, **kwargs):
        seen.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, "write_backup_file", write_and_note)
    return seen


def _records(ctx) -> list[str | None]:
    return [e.entity_id for e in list_audit(ctx.practice) if e.action == "backup"]


def test_an_automatic_backup_is_written_off_the_gui_thread(window, ctx, qtbot, copy_threads, add_client):
    scheduler = window.backups.scheduler
    with qtbot.waitSignal(scheduler.started, timeout=WAIT_MS):
        add_client("Orla")
        scheduler.interval_ms = 0  # the 30 minutes have passed
        scheduler.backup_if_due()
    scheduler.interval_ms = 30 * 60 * 1000  # so the change below waits for the next half hour
    assert scheduler.is_running()
    assert window.statusBar().currentMessage() == "Backing up automatically\u2026"
    # The GUI thread is free: it saves another client while the copy is being written.
    add_client("Piet")
    with qtbot.waitSignal(scheduler.backed_up, timeout=WAIT_MS) as done:
        pass
    assert copy_threads and copy_threads[0] is not threading.main_thread()
    info = done.args[0]
    assert info.verified and info.clients in (1, 2) and info.path.parent == ctx.settings.backup_folder()
    assert "Backed up automatically" in window.statusBar().currentMessage()
    assert _records(ctx) == ["auto"] and verify_audit_chain(ctx.practice).ok
    assert not scheduler.is_running()
    assert scheduler.dirty  # Piet came after the copy began: owed to the next backup, not forgotten


def test_locking_while_a_backup_is_written_waits_and_records_it(window, ctx, qtbot, passphrase, add_client):
    scheduler = window.backups.scheduler
    add_client("Orla")
    made = []
    scheduler.backed_up.connect(made.append)
    assert scheduler.start_backup("auto")
    practice = ctx.practice
    assert window.lock()
    assert practice.closed and not scheduler.is_running()
    assert len(made) == 1 and made[0].clients == 1  # delivered before the key was zeroed
    assert backups.verify_backup(made[0].path, passphrase=passphrase).clients == 1
    window.unlock_dialog.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        window.unlock_dialog.unlock_button.click()
    assert _records(ctx) == ["auto"]  # recorded in the file before it was closed


def test_back_up_now_while_an_automatic_backup_runs_gives_two_checked_backups(window, ctx, passphrase,
                                                                             add_client):
    scheduler = window.backups.scheduler
    add_client("Orla")
    assert scheduler.start_backup("auto")
    dialog = window.backups.open_dialog()
    assert isinstance(dialog, BackupsDialog)
    manual = dialog.backup_now()
    assert manual is not None and not scheduler.is_running()
    found = backups.list_backups(ctx.practice, folder=ctx.settings.backup_folder())
    assert sorted(b.reason for b in found) == ["auto", "manual"]
    for backup in found:
        assert backups.verify_backup(backup.path, passphrase=passphrase).clients == 1
    assert _records(ctx) == ["manual", "auto"] and verify_audit_chain(ctx.practice).ok
    assert not scheduler.dirty  # the manual backup holds every change
    dialog.reject()


def test_quitting_while_a_backup_is_written_waits_for_it(window, ctx, add_client):
    scheduler = window.backups.scheduler
    add_client("Orla")
    assert scheduler.start_backup("auto")
    practice = ctx.practice
    assert window.close()
    assert practice.closed and not scheduler.is_running()
    found = backups.list_backups(practice, folder=ctx.settings.backup_folder())
    assert [b.reason for b in found] == ["auto"]  # it held every change: no second copy on quit


def test_an_unexpected_error_in_the_worker_is_reported_and_the_change_stays_owed(
        window, ctx, qtbot, monkeypatch, caplog, add_client):
    def broken(*_args, **_kwargs):
        raise RuntimeError("simulated bug in the copy")

    monkeypatch.setattr(backups, "write_backup_file", broken)
    scheduler = window.backups.scheduler
    add_client("Orla")
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(scheduler.failed, timeout=WAIT_MS) as failed:
        assert scheduler.start_backup("auto")
    assert failed.args[0] == "Not backed up: an unexpected error happened (details are in the log)."
    assert "simulated bug" not in window.statusBar().currentMessage()
    assert window.statusBar().currentMessage() == failed.args[0]
    assert any(r.exc_info for r in caplog.records)  # the traceback went to the log
    assert scheduler.dirty and not scheduler.is_running()
    assert len(list_clients(ctx.practice)) == 1
    monkeypatch.undo()
    assert scheduler.backup_on_quit()  # the quit backup still takes the owed change


def test_a_restore_while_an_automatic_backup_runs_lets_it_end_first(window, ctx, passphrase, add_client):
    scheduler = window.backups.scheduler
    add_client("Orla")
    dialog = window.backups.open_dialog()
    manual = dialog.backup_now()
    add_client("Piet")
    assert scheduler.start_backup("auto")  # of Orla and Piet, while the restore is chosen
    dialog.table.selectRow(0)
    assert dialog.selected_backup().path == manual.path
    assert dialog.restore_selected()
    assert not scheduler.is_running()
    assert [c.first_name for c in list_clients(ctx.practice)] == ["Orla"]
    found = {b.reason: b for b in backups.list_backups(ctx.practice, folder=ctx.settings.backup_folder())}
    assert set(found) == {"manual", "auto", "pre-restore"}
    # The automatic copy was finished from the file as it was, not from the one restored over it.
    assert backups.verify_backup(found["auto"].path, passphrase=passphrase).clients == 2
    dialog.reject()
