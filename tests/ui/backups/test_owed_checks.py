"""The backup on quit is written with its check owed; the window pays that check in its backup
worker once its own file check has passed: sealed when sound, set aside (and the therapist told,
and a new backup made) when not. Real encrypted practice, real widgets offscreen, real files."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.services import backup_seals, backups
from ipt_desktop.services.backup_owed import FAILED_SUFFIX
from ipt_desktop.ui.backups.model import CHECK

WAIT_MS = 30_000


@pytest.fixture
def folder(ctx, tmp_path):
    path = tmp_path / "chosen-backups"  # where open_window points the settings
    return path


def _owed_backup(ctx, folder, when=datetime(2026, 11, 30, 18, 0)):
    return backups.create_backup(ctx.practice, reason="quit", check=False, folder=folder, now=when).path


def _flip_byte(path) -> None:
    data = bytearray(path.read_bytes())
    data[3 * 4096 + 200] ^= 0xFF
    path.write_bytes(bytes(data))


def test_quitting_writes_the_backup_without_waiting_for_its_check(open_window, ctx, add_client, folder):
    window = open_window()
    add_client("Piet")
    practice = ctx.practice
    window.close()
    assert practice.closed
    [quit_backup] = backups.list_backups(practice, folder=folder)
    assert quit_backup.reason == "quit" and quit_backup.check_state == "owed"
    assert not backup_seals.is_sealed(quit_backup.path)


def test_after_the_file_check_passes_an_owed_backup_is_checked_and_sealed(open_window, ctx, qtbot, add_client,
                                                                           folder):
    add_client("Orla")
    owed = _owed_backup(ctx, folder)
    window = open_window()
    writer = window.backups.scheduler.writer
    with qtbot.waitSignal(writer.owed_checked, timeout=WAIT_MS) as checked:
        window.file_check.start()
    result = checked.args[0]
    assert result.passed and result.path == owed
    assert backup_seals.is_sealed(owed) and not backup_seals.is_owed(owed)
    qtbot.waitUntil(lambda: not writer.is_running(), timeout=WAIT_MS)
    assert ctx.interaction.messages == []  # nothing to tell when it passed


def test_a_damaged_owed_backup_is_set_aside_the_therapist_told_and_a_new_backup_made(
        open_window, ctx, qtbot, add_client, folder):
    add_client("Orla")
    owed = _owed_backup(ctx, folder)
    _flip_byte(owed)
    window = open_window()
    scheduler = window.backups.scheduler
    results = []
    scheduler.writer.owed_checked.connect(results.append)
    with qtbot.waitSignals([scheduler.writer.owed_checked, scheduler.backed_up], timeout=WAIT_MS):
        window.file_check.start()
    assert results[0].set_aside == owed.with_name(owed.name + FAILED_SUFFIX)
    kind, title, text = ctx.interaction.messages[-1]
    assert (kind, title) == ("warn", "A backup failed its check")
    assert "damaged" in text and owed.name + FAILED_SUFFIX in text and "A new backup is being made" in text
    listed = backups.list_backups(ctx.practice, folder=folder)
    assert [b.reason for b in listed] == ["auto"] and listed[0].check_state == "sealed"
    assert owed.with_name(owed.name + FAILED_SUFFIX).exists()  # kept for whoever investigates


def test_locking_during_an_owed_check_lets_it_end_first(open_window, ctx, qtbot, add_client, folder):
    add_client("Orla")
    owed = [_owed_backup(ctx, folder, datetime(2026, 11, day, 18, 0)) for day in (28, 29, 30)]
    window = open_window()
    writer = window.backups.scheduler.writer
    assert writer.check_owed()
    with qtbot.waitSignal(window.locked, timeout=WAIT_MS):
        window.lock()
    assert not writer.is_running()  # the lock waited for the one being checked, started no other
    sealed = [p for p in owed if backup_seals.is_sealed(p)]
    assert len(sealed) == 1 and sealed[0] == owed[-1]  # newest first
    assert all(backup_seals.is_owed(p) for p in owed[:-1])


def test_the_backups_dialog_says_which_backups_are_checked_and_which_pending(open_window, ctx, qtbot,
                                                                              add_client, folder, tmp_path):
    add_client("Orla")
    checked = backups.create_backup(ctx.practice, reason="auto", folder=folder,
                                    now=datetime(2026, 11, 30, 9, 0)).path
    owed = _owed_backup(ctx, folder)
    window = open_window()
    dialog = window.backups.open_dialog()
    qtbot.waitExposed(dialog)
    model = dialog.table.model()
    tip = Qt.ItemDataRole.ToolTipRole
    states = {model.data(model.index(row, 0), tip):
              (model.data(model.index(row, CHECK)), model.data(model.index(row, CHECK), tip))
              for row in range(model.rowCount())}
    assert states[str(owed)][0] == "Pending" and "next start" in states[str(owed)][1]
    assert states[str(checked)][0] == "OK" and "full check" in states[str(checked)][1]
    dialog.grab().save(str(tmp_path / "backups-dialog.png"))
    dialog.reject()


def test_an_owed_check_that_cannot_read_its_file_leaves_it_owed_and_goes_on(
        open_window, ctx, qtbot, add_client, folder, monkeypatch):
    from ipt_desktop.services import backup_owed

    add_client("Orla")
    older, newer = (_owed_backup(ctx, folder, datetime(2026, 11, day, 18, 0)) for day in (29, 30))
    real = backup_owed.check_owed_backup

    def unreadable_newest(practice, path):
        if path == newer:
            raise OSError(5, "Input/output error")  # a failing disk sector, say
        return real(practice, path)

    monkeypatch.setattr(backup_owed, "check_owed_backup", unreadable_newest)
    window = open_window()
    writer = window.backups.scheduler.writer
    results = []
    writer.owed_checked.connect(results.append)
    window.file_check.start()
    qtbot.waitUntil(lambda: len(results) == 2 and not writer.is_running(), timeout=WAIT_MS)
    assert [(r.path, r.passed, r.skipped) for r in results] == [(newer, False, True), (older, True, False)]
    assert backup_seals.is_owed(newer) and newer.exists()  # tried again at the next start
    assert backup_seals.is_sealed(older) and ctx.interaction.messages == []


def test_an_open_backups_dialog_shows_an_owed_check_as_it_ends(open_window, ctx, qtbot, add_client, folder):
    add_client("Orla")
    owed = _owed_backup(ctx, folder)
    window = open_window()
    dialog = window.backups.open_dialog()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(0)
    model = dialog.table.model()
    assert model.data(model.index(0, CHECK)) == "Pending"
    with qtbot.waitSignal(window.backups.scheduler.writer.owed_checked, timeout=WAIT_MS):
        window.file_check.start()
    assert model.data(model.index(0, CHECK)) == "OK"
    assert "after this start" in model.data(model.index(0, CHECK), Qt.ItemDataRole.ToolTipRole)
    assert dialog.selected_backup().path == owed  # the row was updated, not the list reset
    dialog.reject()
