"""PreferencesDialog: the practice profile goes to the database; UI settings to UiSettings."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ipt_desktop.services import practice as practice_service
from ipt_desktop.ui.dialogs.preferences_dialog import PreferencesDialog


def test_loads_the_stored_profile(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.profile_edits["therapist_name"].text() == "Dr Test Therapist"
    assert dialog.page_size.currentData() == "A4"
    assert not dialog.apply_button.isEnabled()


def test_saving_stores_profile_in_the_database_and_settings(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClicks(dialog.profile_edits["credentials"], "DClinPsy")
    assert dialog.apply_button.isEnabled()
    dialog.profile_edits["licence_number"].setText("HCPC PYL0000")
    dialog.address.setPlainText("1 Example Street\nSampletown")
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.auto_lock.setValue(10)
    dialog.keep_spins["keep_daily"].setValue(14)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changes.touches("profile")

    profile = practice_service.get_profile(ctx.practice)
    assert profile.credentials == "DClinPsy" and profile.licence_number == "HCPC PYL0000"
    assert profile.address == "1 Example Street\nSampletown" and profile.page_size == "Letter"
    assert ctx.settings.auto_lock_minutes() == 10

    again = PreferencesDialog(ctx)
    qtbot.addWidget(again)
    assert again.keep_spins["keep_daily"].value() == 14
    assert again.page_size.currentData() == "Letter"


def test_a_profile_the_service_rejects_keeps_the_dialog_open(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.profile_edits["practice_name"].setText("x" * 2500)
    dialog.auto_lock.setValue(3)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_labels["practice_name"].isVisible()
    assert practice_service.get_profile(ctx.practice).practice_name == "Test Practice"
    assert ctx.settings.auto_lock_minutes() != 3  # nothing stored when the profile failed


def test_change_passphrase_button_asks_for_the_passphrase_flow(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.change_passphrase_requested):
        dialog.change_passphrase_button.click()


def test_apply_stores_and_broadcasts_without_closing(qtbot, ctx):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.profile_edits["phone"], "020 7946 0001")
    with qtbot.waitSignal(ctx.hub.changed) as broadcast:
        dialog.apply_button.click()
    assert broadcast.args[0].touches("profile") and dialog.isVisible()
    assert practice_service.get_profile(ctx.practice).phone == "020 7946 0001"
    assert not dialog.apply_button.isEnabled()
