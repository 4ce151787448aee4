"""The open-time file check runs after the main window is usable (issue 7), and still protects:
damage found in the background locks the window, the unlock dialog says why, and unlocking
offers the newest verified backup, as at start-up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ipt_desktop.services import backups
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.practice import open_practice_with_key, unlock_key
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.main_window import MainWindow

WAIT_MS = 30_000


def _damage_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 4096] = b"\x00" * 4096
    path.write_bytes(bytes(data))


def _window(qtbot, practice, ui_settings, interaction) -> MainWindow:
    ctx = AppContext(practice=practice, settings=ui_settings, interaction=interaction)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open_deferred(data_dir, passphrase):
    return open_practice_with_key(data_dir, key=unlock_key(data_dir, passphrase), check_now=False)


def test_a_good_file_is_checked_in_the_background_and_the_window_stays(
        qtbot, practice, passphrase, ui_settings, interaction):
    create_client(practice, first_name="Maren", last_name="Fictional")
    practice.close()
    window = _window(qtbot, _open_deferred(practice.data_dir, passphrase), ui_settings, interaction)
    assert window.client_list.model.rowCount() == 1  # usable before the check has run
    window.file_check.start()
    qtbot.waitUntil(lambda: window.file_check.problems is not None, timeout=WAIT_MS)
    assert window.file_check.problems == []
    assert not window.is_locked() and interaction.messages == []
    window.close()


def test_damage_found_in_the_background_locks_and_unlocking_restores_the_verified_backup(
        qtbot, practice, passphrase, ui_settings, interaction, tmp_path):
    folder = tmp_path / "backups"
    ui_settings.set_backup_folder(folder)
    create_client(practice, first_name="Orla", last_name="Fictional")
    backups.create_backup(practice, folder=folder)
    for i in range(40):  # after the backup, and enough pages to damage one the open never reads
        create_client(practice, first_name=f"Later{i}", last_name="Padding" * 20, notes="x" * 2000)
    practice.close()
    _damage_middle(practice.db_path)
    window = _window(qtbot, _open_deferred(practice.data_dir, passphrase), ui_settings, interaction)
    with qtbot.waitSignal(window.locked, timeout=WAIT_MS):
        window.file_check.start()
    assert window.file_check.problems
    assert window.is_locked() and not window.isVisible()
    dialog = window.unlock_dialog
    assert dialog.error_kind == "damaged" and dialog.check_now
    assert "damage" in dialog.message_label.text() and "backup" in dialog.message_label.text()
    assert dialog.height() >= dialog.sizeHint().height()  # grew for the message: nothing squeezed
    interaction.confirm_answers = [True]  # "Restore the newest verified backup"
    dialog.interaction = interaction  # scripted answers instead of message boxes over the dialog
    dialog.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert window.isVisible()
    assert [c.first_name for c in list_clients(window.ctx.practice)] == ["Orla"]
    assert len(list((practice.data_dir / "replaced").iterdir())) == 1  # the damaged file kept aside
    # The restored file was checked before it opened; the restarted background check agrees.
    qtbot.waitUntil(lambda: not window.file_check.is_running(), timeout=WAIT_MS)
    assert window.file_check.problems == []
    window.close()


def test_closing_while_the_check_runs_cancels_it_cleanly(
        qtbot, practice, passphrase, ui_settings, interaction):
    for i in range(40):
        create_client(practice, first_name=f"Client{i}", last_name="Fictional", notes="x" * 2000)
    practice.close()
    window = _window(qtbot, _open_deferred(practice.data_dir, passphrase), ui_settings, interaction)
    window.file_check.start()
    window.close()
    assert not window.file_check.is_running() or window.file_check.wait(WAIT_MS)
    qtbot.wait(50)  # let a queued "done" arrive after the close: it must not lock or warn
    assert not window.is_locked() and interaction.messages == []


def _window_with_a_backup(qtbot, practice, passphrase, ui_settings, interaction, tmp_path):
    ui_settings.set_backup_folder(tmp_path / "backups")
    create_client(practice, first_name="Orla", last_name="Fictional")
    practice.close()
    window = _window(qtbot, _open_deferred(practice.data_dir, passphrase), ui_settings, interaction)
    dialog = window.backups.open_dialog()
    dialog.backup_now()
    create_client(window.ctx.practice, first_name="Piet", last_name="Fictional")  # not in the backup
    dialog.refresh()
    dialog.table.selectRow(0)
    return window, dialog


def test_a_restore_drops_the_verdict_of_a_check_still_reading_the_replaced_file(
        qtbot, practice, passphrase, ui_settings, interaction, tmp_path):
    window, dialog = _window_with_a_backup(qtbot, practice, passphrase, ui_settings, interaction, tmp_path)
    window.file_check.start()  # its verdict is queued for the event loop, which the restore precedes
    assert window.file_check.is_running()
    assert dialog.restore_selected()
    assert not window.file_check.is_running() and window.file_check.problems is None
    qtbot.wait(100)  # a verdict still in the event queue must not arrive now
    assert window.file_check.problems is None and not window.is_locked()
    assert [c.first_name for c in list_clients(window.ctx.practice)] == ["Orla"]
    window.close()


def test_a_restore_that_fails_restarts_the_check_of_the_unchanged_file(
        qtbot, practice, passphrase, ui_settings, interaction, tmp_path):
    window, dialog = _window_with_a_backup(qtbot, practice, passphrase, ui_settings, interaction, tmp_path)
    backup = dialog.selected_backup().path

    def confirm_while_a_sync_program_truncates_the_backup(*_args, **_kwargs):
        backup.write_bytes(backup.read_bytes()[:4096 * 3])
        return True

    interaction.confirm = confirm_while_a_sync_program_truncates_the_backup
    window.file_check.start()
    assert not dialog.restore_selected()
    assert any(kind == "warn" and title == "Not restored" for kind, title, _ in interaction.messages)
    qtbot.waitUntil(lambda: window.file_check.problems is not None, timeout=WAIT_MS)
    assert window.file_check.problems == []  # the practice file was checked after all
    assert sorted(c.first_name for c in list_clients(window.ctx.practice)) == ["Orla", "Piet"]
    window.close()
