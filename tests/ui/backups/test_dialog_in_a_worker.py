"""The Backups dialog's buttons start the slow part in a worker and return: "Back up now" through the
window's BackupWriter (shared with the automatic backups), Verify and the check before a restore in
a worker of the dialog. While one runs the dialog says so and its buttons wait; closing or locking
lets it end first, with nothing asked; a failure is one sentence. Real encrypted practice, real
backup files, real widgets offscreen.
"""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.services import backup_restore, backups
from ipt_desktop.services.clients import list_clients
from ipt_desktop.services.security import list_audit, verify_audit_chain
from ipt_desktop.ui.backups.dialog import BackupsDialog

WAIT_MS = 30_000


@pytest.fixture
def window(open_window, add_client):
    add_client("Orla")
    return open_window()


@pytest.fixture
def dialog(window) -> BackupsDialog:
    opened = window.backups.open_dialog()
    assert isinstance(opened, BackupsDialog)
    return opened


def _threads_of(monkeypatch, module, name) -> list[threading.Thread]:
    """Which thread ran ``module.name`` each time (the real function still does the work)."""
    seen: list[threading.Thread] = []
    real = getattr(module, name)

    def run_and_note(*args, **kwargs):
        seen.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, run_and_note)
    return seen


def _action_buttons(dialog):
    return (dialog.backup_button, dialog.verify_button, dialog.restore_button, dialog.restore_file_button)


def _records(ctx) -> list[str | None]:
    return [e.entity_id for e in list_audit(ctx.practice) if e.action == "backup"]


def test_back_up_now_returns_at_once_and_the_window_keeps_working(dialog, window, ctx, qtbot, monkeypatch,
                                                                   add_client, tmp_path):
    copies = _threads_of(monkeypatch, backups, "write_backup_file")
    dialog.show()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.is_busy() and dialog.status.text() == "Backing up\u2026"
    assert not any(b.isEnabled() for b in _action_buttons(dialog))  # one backup at a time
    assert window.statusBar().currentMessage() == "Backing up\u2026"
    dialog.grab().save(str(tmp_path / "backing-up.png"))
    add_client("Piet")  # the GUI thread saves while the copy is written
    with qtbot.waitSignal(dialog.backed_up, timeout=WAIT_MS) as done:
        pass
    info = done.args[0]
    assert copies and copies[0] is not threading.main_thread()
    assert info.reason == "manual" and info.verified and info.clients in (1, 2)
    assert dialog.status.text().startswith("Backed up: ") and not dialog.is_busy()
    assert dialog.backup_button.isEnabled() and dialog.model.rowCount() == 1
    assert window.statusBar().currentMessage().startswith("Backed up at ")
    assert _records(ctx) == ["manual"] and verify_audit_chain(ctx.practice).ok
    assert window.backups.scheduler.dirty  # Piet came after the copy began: still owed


def test_a_manual_backup_counts_for_the_scheduler(dialog, window, qtbot, add_client):
    scheduler = window.backups.scheduler
    add_client("Piet")
    assert scheduler.dirty
    with qtbot.waitSignal(dialog.backed_up, timeout=WAIT_MS):
        dialog.backup_button.click()
    assert not scheduler.dirty and scheduler.last_error is None
    assert scheduler.backup_on_quit()
    assert [b.reason for b in backups.list_backups(window.ctx.practice, folder=window.ctx.settings.backup_folder())
            ] == ["manual"]  # nothing changed since: no second copy on quit


def test_back_up_now_that_fails_says_why_and_the_buttons_come_back(dialog, window, ctx, qtbot, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the backup folder should be")
    ctx.settings.set_backup_folder(blocker / "backups")
    with qtbot.waitSignal(window.backups.scheduler.failed, timeout=WAIT_MS):
        dialog.backup_button.click()
    kind, title, text = ctx.interaction.messages[-1]
    assert (kind, title) == ("warn", "Not backed up") and text.startswith("Not backed up")
    assert "Traceback" not in text and dialog.status.text() == text
    assert not dialog.is_busy() and dialog.backup_button.isEnabled()
    assert window.backups.scheduler.dirty  # what changed is still owed to a backup
    assert len(list_clients(ctx.practice)) == 1


def test_verify_runs_in_a_worker_and_reports_in_the_dialog(dialog, ctx, qtbot, monkeypatch):
    made = dialog.backup_now()
    checks = _threads_of(monkeypatch, backup_restore, "check_backup")
    dialog.table.selectRow(0)
    dialog.verify_button.click()
    assert dialog.is_busy() and dialog.status.text() == "Checking the backup\u2026"
    assert not dialog.verify_button.isEnabled() and not dialog.backup_button.isEnabled()
    dialog.table.selectRow(0)  # a selection change does not bring the buttons back early
    assert not dialog.verify_button.isEnabled()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as checked:
        pass
    assert checked.args[0].path == made.path
    assert checks and checks[0] is not threading.main_thread()
    assert dialog.status.text() == (f"The backup is intact: {made.clients} clients, {made.sessions} "
                                    f"sessions, schema {made.schema_revision}.")
    assert dialog.verify_button.isEnabled() and ctx.interaction.messages == []


def test_a_damaged_backup_found_by_verify_is_one_sentence(dialog, ctx, qtbot):
    made = dialog.backup_now()
    data = bytearray(made.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    made.path.write_bytes(bytes(data))
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as checked:
        dialog.verify_button.click()
    assert checked.args[0] is None
    kind, title, text = ctx.interaction.messages[-1]
    assert (kind, title) == ("warn", "This backup cannot be used") and "damaged" in text
    assert dialog.model.index(0, 3).data() == "Failed"


def test_an_unexpected_error_while_checking_goes_to_the_log_not_the_screen(dialog, ctx, qtbot, monkeypatch,
                                                                           caplog):
    dialog.backup_now()

    def broken(*_args, **_kwargs):
        raise RuntimeError("simulated bug in the check")

    monkeypatch.setattr(backup_restore, "check_backup", broken)
    dialog.table.selectRow(0)
    with caplog.at_level(logging.ERROR):
        dialog.verify_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    kind, _title, text = ctx.interaction.messages[-1]
    assert kind == "warn" and "unexpected error" in text and "simulated" not in text
    assert any(r.exc_info for r in caplog.records)
    assert dialog.verify_button.isEnabled()


def test_restore_by_button_checks_in_a_worker_then_asks_then_restores(dialog, window, ctx, qtbot, add_client):
    dialog.backup_now()
    add_client("Piet")
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS):
        dialog.restore_button.click()
        assert dialog.is_busy() and ctx.interaction.messages == []  # asked only once it proved intact
    assert [m[0] for m in ctx.interaction.messages] == ["confirm", "inform"]
    assert [c.first_name for c in list_clients(ctx.practice)] == ["Orla"]
    assert window.client_list.model.rowCount() == 1 and not dialog.is_busy()


def test_a_backup_under_another_passphrase_asks_and_is_checked_again(dialog, ctx, qtbot, tmp_path):
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.clients import create_client
    from ipt_desktop.services.practice import create_practice

    other = create_practice(tmp_path / "other", passphrase="the old one", profile=PracticeProfile())
    create_client(other, first_name="Olga", last_name="Fictional")
    foreign = backups.create_backup(other).path
    other.close()
    asked: list[str] = []
    dialog.ask_passphrase = lambda reason: asked.append(reason) or "the old one"
    ctx.interaction.files = [str(foreign)]
    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS):
        dialog.restore_file_button.click()
    assert len(asked) == 1 and "different passphrase" in asked[0]
    assert [c.first_name for c in list_clients(ctx.practice)] == ["Olga"]


def test_declining_the_passphrase_leaves_the_backup_marked_and_nothing_changed(dialog, ctx, qtbot, tmp_path):
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    other = create_practice(tmp_path / "other", passphrase="the old one", profile=PracticeProfile())
    foreign = backups.create_backup(other).path
    other.close()
    dialog.ask_passphrase = lambda _reason: None
    ctx.interaction.files = [str(foreign)]
    dialog.restore_file_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert "different passphrase" in dialog.status.text()
    assert [c.first_name for c in list_clients(ctx.practice)] == ["Orla"]
    assert dialog.restore_file_button.isEnabled()


def test_locking_while_verifying_closes_the_dialog_without_questions(dialog, window, ctx, qtbot, passphrase):
    dialog.backup_now()
    dialog.table.selectRow(0)
    dialog.restore_button.click()  # the check runs; its confirmation must not appear after the lock
    assert dialog.is_busy()
    practice = ctx.practice
    assert window.lock()
    assert practice.closed and not dialog.isVisible()
    qtbot.wait(50)  # the worker's queued signal, if it still came, would land here
    assert ctx.interaction.messages == []  # no "Restore backup?" over the unlock dialog
    window.unlock_dialog.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        window.unlock_dialog.unlock_button.click()
    assert [c.first_name for c in list_clients(ctx.practice)] == ["Orla"]


def test_locking_or_closing_while_backing_up_waits_and_records_it(dialog, window, ctx, qtbot, passphrase):
    dialog.backup_button.click()
    assert dialog.is_busy()
    dialog.close()  # ends the copy first: its outcome is recorded, the dialog does not crash later
    assert not window.backups.scheduler.is_running()
    qtbot.wait(50)
    assert _records(ctx) == ["manual"]
    second = window.backups.open_dialog()
    assert second.model.rowCount() == 1
    second.backup_button.click()
    practice = ctx.practice
    assert window.lock()
    assert practice.closed
    found = backups.list_backups(practice, folder=ctx.settings.backup_folder())
    assert [b.reason for b in found] == ["manual", "manual"]
    assert all(backups.verify_backup(b.path, passphrase=passphrase).clients == 1 for b in found)
    window.unlock_dialog.passphrase_edit.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        window.unlock_dialog.unlock_button.click()
    assert _records(ctx) == ["manual", "manual"]  # both recorded before the file was closed


def test_a_dialog_opened_on_its_own_has_its_own_writer(ctx, qtbot):
    from ipt_desktop.services.clients import create_client

    create_client(ctx.practice, first_name="Orla", last_name="Fictional")
    alone = BackupsDialog(ctx)
    qtbot.addWidget(alone)
    alone.backup_button.click()
    assert alone.is_busy()
    alone.reject()  # waits for its own writer: no thread outlives the dialog
    assert not alone.writer.is_running()
    assert [b.reason for b in backups.list_backups(ctx.practice)] == ["manual"]


def test_while_the_restore_runs_the_dialog_says_so(dialog, ctx, qtbot, monkeypatch, add_client):
    dialog.backup_now()
    add_client("Piet")
    said_during: list[str] = []
    real = backup_restore.restore_backup

    def restore_and_note(*args, **kwargs):
        said_during.append(dialog.status.text())
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_restore, "restore_backup", restore_and_note)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS):
        dialog.restore_button.click()
    assert said_during == ["Restoring\u2026 the current data is being backed up first."]
    assert dialog.status.text().startswith("Restored the backup from")
