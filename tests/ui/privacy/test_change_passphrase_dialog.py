"""ChangePassphraseDialog on a real encrypted practice: field errors beside the fields with nothing
changed, success re-encrypts (old refused, new opens, data intact) and says that old backups keep
the old passphrase; a plain practice is encrypted the same way; Preferences opens it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.errors import PassphraseError
from ipt_desktop.services.practice import create_practice, open_practice
from ipt_desktop.store.keys import read_salt
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.interaction import ScriptedInteraction
from ipt_desktop.ui.passphrase.change_dialog import ChangePassphraseDialog
from ipt_desktop.ui.settings import UiSettings

SHOTS = Path("/tmp/shots")
NEW = "blue kettle under the stairs"


def open_dialog(qtbot, ctx) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(qtbot, dialog, old: str | None, new: str, confirm: str) -> None:
    if old is not None:
        qtbot.keyClicks(dialog.old_passphrase, old)
    qtbot.keyClicks(dialog.new_passphrase, new)
    qtbot.keyClicks(dialog.confirm_passphrase, confirm)


def press_ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize(("old", "new", "confirm", "field"), [
    ("not it at all", NEW, NEW, "old_passphrase"),
    (None, "short", "short", "new_passphrase"),
    (None, NEW, NEW + "!", "confirm_passphrase"),
])
def test_bad_input_is_shown_beside_the_field_and_nothing_changes(qtbot, ctx, passphrase, old, new, confirm,
                                                                  field):
    salt = read_salt(ctx.practice.db_path)
    dialog = open_dialog(qtbot, ctx)
    fill(qtbot, dialog, passphrase if old is None else old, new, confirm)
    press_ok(dialog)
    label = dialog.error_labels[field]
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=10_000)
    assert label.text()
    assert dialog.isVisible() and dialog.new_passphrase.text() == new  # typed text kept
    assert read_salt(ctx.practice.db_path) == salt
    assert not ctx.practice.closed and list_clients(ctx.practice) == []
    if field == "old_passphrase":
        shot(dialog, "change_passphrase_error")


def test_success_rekeys_and_says_old_backups_keep_the_old_passphrase(qtbot, ctx, passphrase):
    create_client(ctx.practice, first_name="Rhea", last_name="Fictional", notes="fictional note")
    dialog = open_dialog(qtbot, ctx)
    fill(qtbot, dialog, passphrase, NEW, NEW)
    assert "strong" in dialog.strength_label.text()
    shot(dialog, "change_passphrase")
    with qtbot.waitSignal(ctx.hub.changed, timeout=10_000), \
            qtbot.waitSignal(dialog.passphrase_changed, timeout=10_000):
        press_ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    kind, _title, text = ctx.interaction.messages[-1]
    assert kind == "inform" and "OLD passphrase" in text
    assert "old passphrase" in dialog.backups_note.text().lower()
    # The context's practice keeps working on the new key.
    create_client(ctx.practice, first_name="Sam", last_name="Fictional")
    data_dir = ctx.practice.data_dir
    ctx.practice.close()
    with pytest.raises(PassphraseError):
        open_practice(data_dir, passphrase=passphrase)
    with open_practice(data_dir, passphrase=NEW) as again:
        assert sorted(c.first_name for c in list_clients(again)) == ["Rhea", "Sam"]


def test_strength_hint_follows_typing(qtbot, ctx):
    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.new_passphrase, "abc")
    assert "weak" in dialog.strength_label.text()
    qtbot.keyClicks(dialog.new_passphrase, "defgh12")
    assert dialog.strength_level in ("fair", "strong")


def test_plain_practice_is_encrypted_without_asking_for_an_old_passphrase(qtbot, qapp, tmp_path):
    data_dir = tmp_path / "plain"
    practice = create_practice(data_dir, passphrase=None, profile=PracticeProfile(therapist_name="Dr Plain"))
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    ctx = AppContext(practice=practice, settings=settings, interaction=ScriptedInteraction())
    try:
        dialog = open_dialog(qtbot, ctx)
        assert dialog.old_passphrase.isHidden()
        shot(dialog, "encrypt_practice")
        fill(qtbot, dialog, None, NEW, NEW)
        with qtbot.waitSignal(dialog.passphrase_changed, timeout=10_000):
            qtbot.keyClick(dialog.confirm_passphrase, Qt.Key.Key_Return)
        assert practice.encrypted
    finally:
        practice.close()
    with open_practice(data_dir, passphrase=NEW) as again:
        assert again.encrypted


def test_preferences_button_opens_the_dialog(qtbot, ctx):
    from ipt_desktop.ui.dialogs.preferences_dialog import PreferencesDialog

    prefs = PreferencesDialog(ctx)
    qtbot.addWidget(prefs)
    prefs.show()
    prefs.change_passphrase_button.click()
    dialog = prefs.findChild(ChangePassphraseDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
