"""ClientDialog: new clients are stored through the service; bad input stays beside the field."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ipt_desktop.services import clients as client_service
from ipt_desktop.ui.dialogs.client_dialog import ClientDialog


def _fill(qtbot, dialog, **values):
    for key, text in values.items():
        widget = dialog.date_of_birth.line_edit if key == "date_of_birth" else dialog.edits[key]
        widget.clear()
        qtbot.keyClicks(widget, text)


def test_new_client_is_stored(qtbot, ctx):
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, first_name="Jordan", last_name="Sample", preferred_name="Jo",
          date_of_birth="14 Feb 1985", phone="+44 20 7946 0958", email="jo@example.org",
          referral_source="GP")
    qtbot.keyClicks(dialog.notes, "Prefers morning sessions.")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.client_id and dialog.client_id in dialog.changes.client_ids
    stored = client_service.get_client_record(ctx.practice, client_id=dialog.client_id).client
    assert (stored.first_name, stored.last_name, stored.preferred_name) == ("Jordan", "Sample", "Jo")
    assert stored.date_of_birth == "1985-02-14"
    assert stored.email == "jo@example.org" and stored.phone == "+44 20 7946 0958"
    assert stored.notes == "Prefers morning sessions."


def test_bad_date_of_birth_is_shown_beside_the_field_and_nothing_is_stored(qtbot, ctx):
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, first_name="Jordan", last_name="Sample", date_of_birth="2090-01-01")
    dialog.accept()
    error = dialog.error_labels["date_of_birth"]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert error.isVisible() and "future" in error.text()
    assert client_service.list_clients(ctx.practice) == []
    # A date that does not exist is caught too, and what was typed stays for correction.
    _fill(qtbot, dialog, date_of_birth="1985-02-30")
    dialog.accept()
    assert "not a date" in error.text()
    assert dialog.date_of_birth.text() == "1985-02-30"
    assert client_service.list_clients(ctx.practice) == []


def test_missing_names_and_bad_email_are_each_named(qtbot, ctx):
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, email="jo.example.org", phone="ring me")
    dialog.accept()
    shown = {key for key, label in dialog.error_labels.items() if label.isVisible()}
    assert shown == {"first_name", "last_name", "email", "phone"}
    assert client_service.list_clients(ctx.practice) == []


def test_editing_a_client_updates_the_stored_details(qtbot, ctx, client):
    dialog = ClientDialog(ctx, client)
    qtbot.addWidget(dialog)
    assert dialog.edits["first_name"].text() == "Robin"
    assert dialog.date_of_birth.iso() == "1988-04-12"
    _fill(qtbot, dialog, phone="020 7946 0000")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.client_id == client.id
    stored = client_service.get_client_record(ctx.practice, client_id=client.id).client
    assert stored.phone == "020 7946 0000" and stored.pronouns == "they/them"
