"""Start-up: create a practice on first run, unlock it later, and a plain message for each failure.

Real encrypted practice files throughout; the key derivation runs in the dialogs' worker thread
and the tests wait on the dialogs' signals.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.paths import PracticeLock
from ipt_desktop.ui.startup import flow
from ipt_desktop.ui.startup.create_dialog import CreatePracticeDialog, demo_dir
from ipt_desktop.ui.startup.passphrase import strength
from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog

PASS = "a quiet harbour at dawn"
WAIT_MS = 30_000  # key derivation on a slow CI machine; the wait ends as soon as the signal comes


def _create_closed_practice(data_dir: Path, passphrase: str | None = PASS) -> None:
    from ipt_desktop.services.practice import create_practice

    create_practice(data_dir, passphrase=passphrase,
                    profile=PracticeProfile(therapist_name="Dr Test Example")).close()


def test_start_up_constants_match_the_services():
    from ipt_desktop.services.practice import DB_FILENAME
    from ipt_desktop.store.keys import SQLITE_HEADER

    assert flow.DB_FILENAME == DB_FILENAME
    assert flow.SQLITE_HEADER == SQLITE_HEADER


def test_the_first_dialog_paints_before_the_database_stack_is_imported():
    code = ("import sys; import ipt_desktop.ui.app, ipt_desktop.ui.startup.flow; "
            "heavy = [m for m in ('sqlmodel', 'sqlalchemy', 'alembic', 'sqlcipher3', 'reportlab') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_unlock_dialog_is_built_without_the_qt_namespace():
    # PySide6 builds the Qt namespace's ~100 enum types at its first use, ~20 ms of start-up
    # (ui.theme QT_NAMESPACE_NOTE); the unlock dialog leaves it until after its first paint.
    code = ("import sys, PySide6.QtCore as core; from PySide6.QtWidgets import QApplication; "
            "app = QApplication(sys.argv); import ipt_desktop.ui.app; "
            "from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog; "
            "d = UnlockDialog('/nonexistent/ipt-test', check_now=False); "
            "print('Qt' in vars(core))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr[-2000:]


def test_practice_file_state(tmp_path):
    assert flow.practice_file_state(tmp_path) == "missing"
    _create_closed_practice(tmp_path / "enc")
    assert flow.practice_file_state(tmp_path / "enc") == "encrypted"
    _create_closed_practice(tmp_path / "plain", passphrase=None)
    assert flow.practice_file_state(tmp_path / "plain") == "plain"


@pytest.mark.parametrize("text, expected", [
    ("", "weak"), ("short", "weak"), ("password", "weak"), ("aaaaaaaaaaaaaaaa", "weak"),
    ("Password1", "fair"), ("abcdefghijkl", "fair"),
    ("correct horse battery staple", "strong"), ("Tr0ub4dor&3x", "strong"),
])
def test_passphrase_strength_is_said_plainly(text, expected):
    assert strength(text) == expected


def test_create_dialog_validates_beside_each_field_and_creates_nothing(qtbot, data_dir):
    dialog = CreatePracticeDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "weak" in dialog.strength_label.text()
    qtbot.keyClicks(dialog.repeat, "shorter")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["therapist_name"].isVisible()
    assert "name" in dialog.errors["therapist_name"].text().lower()
    assert "8 characters" in dialog.errors["passphrase"].text()
    assert "do not match" in dialog.errors["repeat"].text()
    assert dialog.isVisible()
    assert not (data_dir / flow.DB_FILENAME).exists()
    # The warning about a forgotten passphrase is always on screen.
    assert "cannot" in dialog.warning_text.text() and "recover" in dialog.warning_text.text()


def test_create_dialog_creates_an_encrypted_practice(qtbot, data_dir):
    from ipt_desktop.services.practice import get_profile, open_practice

    dialog = CreatePracticeDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["therapist_name"], "Dr Ada Example")
    qtbot.keyClicks(dialog.fields["practice_name"], "Harbour IPT")
    dialog.fields["address"].setPlainText("2 Example Road\nExampletown")
    qtbot.keyClicks(dialog.passphrase, PASS)
    assert "strong" in dialog.strength_label.text()
    qtbot.keyClicks(dialog.repeat, PASS)
    with qtbot.waitSignal(dialog.created, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    practice, is_demo = blocker.args
    try:
        assert is_demo is False
        assert practice.encrypted
        assert dialog.practice_lock is not None and dialog.practice_lock.held
        assert not dialog.isVisible()
        assert dialog.passphrase.text() == ""  # not kept in the widget
    finally:
        practice.close()
        dialog.practice_lock.release()
    raw = (data_dir / flow.DB_FILENAME).read_bytes()
    assert not raw.startswith(flow.SQLITE_HEADER)
    assert b"Harbour IPT" not in raw and b"Ada Example" not in raw
    reopened = open_practice(data_dir, passphrase=PASS)
    try:
        profile = get_profile(reopened)
        assert profile.therapist_name == "Dr Ada Example"
        assert profile.address == "2 Example Road\nExampletown"
    finally:
        reopened.close()


def test_explore_with_demo_data_opens_a_separate_demo_practice(qtbot, data_dir):
    from ipt_desktop.services.clients import list_clients

    for attempt in ("create", "reopen"):
        dialog = CreatePracticeDialog(data_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(dialog.created, timeout=WAIT_MS) as blocker:
            qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        practice, is_demo = blocker.args
        try:
            assert is_demo is True, attempt
            assert practice.data_dir == demo_dir(data_dir)
            assert len(list_clients(practice)) >= 5
        finally:
            practice.close()
            dialog.practice_lock.release()
    assert not (data_dir / flow.DB_FILENAME).exists()  # the real practice is still to be created


def _unlock_dialog(qtbot, data_dir: Path, **kwargs) -> UnlockDialog:
    dialog = UnlockDialog(data_dir, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _attempt(qtbot, dialog: UnlockDialog, passphrase: str) -> None:
    dialog.passphrase_edit.setText(passphrase)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)


def test_wrong_passphrase_keeps_the_dialog_and_says_so_then_the_right_one_unlocks(qtbot, data_dir):
    _create_closed_practice(data_dir)
    lock = PracticeLock(data_dir)
    dialog = _unlock_dialog(qtbot, data_dir, lock=lock)
    _attempt(qtbot, dialog, "not the passphrase")
    assert dialog.isVisible()
    assert dialog.error_kind == "passphrase"
    assert "not correct" in dialog.message_label.text()
    assert dialog.message_label.textFormat() == Qt.TextFormat.PlainText  # never read as markup
    assert "color" in dialog.message_label.styleSheet()
    # The folder path can be selected and the field shows its lock (both set after the first
    # paint, see the test above).
    qtbot.waitUntil(lambda: not dialog._lock_action.icon().isNull())
    folder = [w for w in dialog.findChildren(type(dialog.message_label)) if w.text() == str(data_dir)]
    assert folder[0].textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    # The field is selected so typing replaces the wrong attempt.
    assert dialog.passphrase_edit.selectedText() == "not the passphrase"
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS) as blocker:
        dialog.passphrase_edit.setText(PASS)
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    practice = blocker.args[0]
    try:
        assert not practice.closed and practice.encrypted
        assert lock.held
        assert not dialog.isVisible()
        assert dialog.passphrase_edit.text() == ""
    finally:
        practice.close()
        lock.release()


def test_a_practice_open_elsewhere_gets_its_own_message(qtbot, data_dir):
    _create_closed_practice(data_dir)
    other = PracticeLock(data_dir)
    assert other.try_acquire()
    try:
        dialog = _unlock_dialog(qtbot, data_dir, lock=PracticeLock(data_dir))
        assert dialog.error_kind == "in_use"
        assert "already open" in dialog.message_label.text()
        _attempt(qtbot, dialog, PASS)
        assert dialog.error_kind == "in_use" and dialog.isVisible()
    finally:
        other.release()
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)  # "Try again"
    blocker.args[0].close()
    dialog.lock.release()


def test_a_damaged_file_gets_its_own_message(qtbot, data_dir, ui_settings):
    from ipt_desktop.ui.interaction import ScriptedInteraction

    (data_dir / flow.DB_FILENAME).write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    scripted = ScriptedInteraction()
    dialog = _unlock_dialog(qtbot, data_dir, interaction=scripted, settings=ui_settings)
    _attempt(qtbot, dialog, PASS)
    assert dialog.error_kind == "damaged"
    assert "could not be read" in dialog.message_label.text()
    assert dialog.isVisible()
    # A backup is looked for (none here): said plainly, and nothing is offered to wipe.
    assert [m[0] for m in scripted.messages] == ["warn"] and "no backup" in scripted.messages[0][2]


def test_a_newer_version_database_gets_its_own_message(qtbot, data_dir):
    _create_closed_practice(data_dir, passphrase=None)
    with sqlite3.connect(data_dir / flow.DB_FILENAME) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    # An unencrypted practice needs no passphrase: the dialog starts opening when shown.
    dialog = _unlock_dialog(qtbot, data_dir, encrypted=False)
    qtbot.waitUntil(lambda: dialog.error_kind is not None, timeout=WAIT_MS)
    assert dialog.error_kind == "newer"
    assert "newer version" in dialog.message_label.text()


def test_startup_flow_picks_the_dialog_from_the_folder(qtbot, data_dir):
    first = flow.StartupFlow(data_dir)
    dialog = first.start()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CreatePracticeDialog)
    with qtbot.waitSignal(first.cancelled):
        dialog.reject()
    _create_closed_practice(data_dir)
    later = flow.StartupFlow(data_dir)
    dialog = later.start()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, UnlockDialog)
    with qtbot.waitSignal(later.ready, timeout=WAIT_MS) as blocker:
        _attempt(qtbot, dialog, PASS)
    practice, is_demo = blocker.args
    assert is_demo is False and later.lock.held
    practice.close()
    later.lock.release()


def test_the_log_file_opens_once_the_first_dialog_has_painted(qtbot, data_dir, restore_logging):
    import logging

    from ipt_desktop.paths import configure_logging, log_file

    configure_logging(data_dir, after_first_paint=True)  # as a GUI start does (cli.main)
    logging.getLogger("ipt_desktop.test").warning("logged before the first paint")
    assert not log_file(data_dir).exists()
    start = flow.StartupFlow(data_dir)
    dialog = start.start()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: log_file(data_dir).exists()
                    and "logged before the first paint" in log_file(data_dir).read_text("utf-8"))
    dialog.reject()


def test_first_run_through_the_shell_opens_the_main_window(qtbot, qapp, data_dir):
    from ipt_desktop.ui.app import GuiShell

    shell = GuiShell(qapp, data_dir)
    shell.start()
    dialog = shell.flow.dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CreatePracticeDialog)
    dialog.fields["therapist_name"].setText("Dr Ada Example")
    dialog.fields["practice_name"].setText("Harbour IPT")
    dialog.passphrase.setText(PASS)
    dialog.repeat.setText(PASS)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=WAIT_MS)
    window = shell.window
    qtbot.addWidget(window)
    window.closed.disconnect()  # the shell would end the application's event loop
    try:
        assert window.isVisible()
        assert window.windowTitle() == "Harbour IPT \u2014 IPT Desktop"
        assert shell.flow.lock.held
        assert window.ctx.interaction.parent is window
    finally:
        window.close()
    assert window.ctx.practice.closed and not shell.flow.lock.held
