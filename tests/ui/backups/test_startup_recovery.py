"""Start-up on a damaged practice file: the unlock dialog offers the newest VERIFIED backup from the
configured folder, restores it when accepted (the damaged file is kept aside) and opens the
practice with its data. Declining, a newer-version file and a wrong passphrase change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.paths import PracticeLock
from ipt_desktop.services import backups
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.practice import create_practice
from ipt_desktop.services.security import list_audit
from ipt_desktop.ui.interaction import ScriptedInteraction
from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog

PASS = "a quiet harbour at dawn"
WAIT_MS = 30_000


def _practice_with_backup(data_dir: Path, folder: Path | None, passphrase: str | None = PASS) -> Path:
    practice = create_practice(data_dir, passphrase=passphrase, profile=PracticeProfile())
    create_client(practice, first_name="Orla", last_name="Fictional")
    backups.create_backup(practice, folder=folder)
    create_client(practice, first_name="Piet", last_name="Fictional")  # after the backup: lost
    db_path = Path(practice.db_path)
    practice.close()
    return db_path


def _damage(db_path: Path) -> bytes:
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):
        data[offset] ^= 0xFF
    db_path.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def lock(data_dir):
    held = PracticeLock(data_dir)
    yield held
    held.release()


def _dialog(qtbot, data_dir, lock, scripted, settings, encrypted=True) -> UnlockDialog:
    dialog = UnlockDialog(data_dir, lock=lock, interaction=scripted, settings=settings, encrypted=encrypted)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_damaged_practice_is_restored_from_the_newest_verified_backup_and_opens(
        qtbot, data_dir, tmp_path, lock, ui_settings):
    folder = tmp_path / "elsewhere"
    ui_settings.set_backup_folder(folder)  # the folder from the preferences is where it looks
    db_path = _practice_with_backup(data_dir, folder)
    damaged = _damage(db_path)
    scripted = ScriptedInteraction(confirm_answers=[True])
    dialog = _dialog(qtbot, data_dir, lock, scripted, ui_settings)
    dialog.passphrase_edit.setText(PASS)
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    practice = opened.args[0]
    try:
        assert [c.first_name for c in list_clients(practice)] == ["Orla"]
        assert list_audit(practice, limit=1)[0].action == "restore"
    finally:
        practice.close()
    kinds = [m[0] for m in scripted.messages]
    assert kinds == ["confirm", "inform"]
    assert "failed its check" in scripted.messages[0][2] and "1 clients" in scripted.messages[0][2]
    assert "kept, not deleted" in scripted.messages[0][2]
    kept = list((data_dir / "replaced").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept aside


def test_declining_keeps_the_damaged_file_and_the_message(qtbot, data_dir, lock, ui_settings):
    db_path = _practice_with_backup(data_dir, None)
    damaged = _damage(db_path)
    scripted = ScriptedInteraction(confirm_answers=[False])
    dialog = _dialog(qtbot, data_dir, lock, scripted, ui_settings)
    dialog.passphrase_edit.setText(PASS)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_kind is not None, timeout=WAIT_MS)
    assert dialog.error_kind == "damaged" and dialog.isVisible()
    assert db_path.read_bytes() == damaged and not (data_dir / "replaced").exists()
    assert [m[0] for m in scripted.messages] == ["confirm"]
    # Offered once per dialog: trying again shows the message without asking again.
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert dialog.error_kind == "damaged" and len(scripted.messages) == 1


def test_a_wrong_passphrase_offers_no_backup(qtbot, data_dir, lock, ui_settings):
    _practice_with_backup(data_dir, None)
    scripted = ScriptedInteraction()
    dialog = _dialog(qtbot, data_dir, lock, scripted, ui_settings)
    dialog.passphrase_edit.setText("not the passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_kind is not None, timeout=WAIT_MS)
    assert dialog.error_kind == "passphrase" and scripted.messages == []


def test_a_newer_version_file_offers_no_backup(qtbot, data_dir, lock, ui_settings):
    db_path = _practice_with_backup(data_dir, None, passphrase=None)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    scripted = ScriptedInteraction()
    dialog = _dialog(qtbot, data_dir, lock, scripted, ui_settings, encrypted=False)
    qtbot.waitUntil(lambda: dialog.error_kind is not None, timeout=WAIT_MS)
    assert dialog.error_kind == "newer" and scripted.messages == []
