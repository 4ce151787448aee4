"""New client / edit client details. Validates every field beside it; on OK calls
services.clients.create_client or update_client and exposes ``client_id`` and ``changes``.

The caller broadcasts ``changes`` on ctx.hub (the dialog does not), so a caller that also
selects the new client does it in one place.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from ipt_desktop.domain.records import Client
from ipt_desktop.services import clients as client_service
from ipt_desktop.services.changes import Changes
from ipt_desktop.ui.dialogs.client_checks import check_client_fields
from ipt_desktop.ui.dialogs.form import FormDialog
from ipt_desktop.ui.widgets.optional_date import OptionalDateEdit

# (key, label, placeholder) for the one-line fields, in tab order.
_LINE_FIELDS = (
    ("first_name", "First name *", ""),
    ("last_name", "Last name *", ""),
    ("preferred_name", "Preferred name", "What they like to be called"),
    ("pronouns", "Pronouns", "e.g. she/her, they/them"),
    ("phone", "Phone", "+44 20 7946 0958"),
    ("email", "Email", "name@example.org"),
    ("emergency_contact", "Emergency contact", "Name, relationship, phone"),
    ("referral_source", "Referral source", "e.g. GP, self-referral"),
)


class ClientDialog(FormDialog):
    """``ClientDialog(ctx, client=None, parent=None)``: None creates a new client."""

    def __init__(self, ctx: Any, client: Client | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.client = client
        self.client_id: str | None = client.id if client else None
        self.changes: Changes = Changes()
        self.setWindowTitle(self.tr("New client") if client is None else
                            self.tr("Edit details — %1").replace("%1", client.full_name))
        self.setMinimumWidth(520)

        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, placeholder in _LINE_FIELDS:
            edit = QLineEdit(body)
            edit.setObjectName(key)
            edit.setPlaceholderText(self.tr(placeholder) if placeholder else "")
            self.edits[key] = edit
            self.add_field(form, key, self.tr(label), edit)
            if key == "pronouns":
                self.date_of_birth = OptionalDateEdit(body)
                self.date_of_birth.setObjectName("date_of_birth")
                today = _dt.date.today()
                self.date_of_birth.set_calendar_default(today.replace(year=today.year - 40, day=1))
                self.add_field(form, "date_of_birth", self.tr("Date of birth"), self.date_of_birth)
        self.notes = QPlainTextEdit(body)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)  # Tab moves on; a form field, not a document
        self.notes.setFixedHeight(80)
        self.add_field(form, "notes", self.tr("Notes"), self.notes)
        self.finish_layout(body)
        if client is not None:
            self._load(client)
        self.edits["first_name"].setFocus()

    # -- lock (ui.lock_drafts) -------------------------------------------------------------------
    def lock_draft_key(self) -> tuple:
        return ("client", self.client_id or "new")

    def save_for_lock(self) -> bool:
        # Edited details are saved as OK would; a new client is only created by the therapist.
        return self.client is not None and super().save_for_lock()

    def _load(self, client: Client) -> None:
        for key, edit in self.edits.items():
            edit.setText(getattr(client, key) or "")
        self.date_of_birth.set_iso(client.date_of_birth)
        self.notes.setPlainText(client.notes or "")

    def _text(self, key: str) -> str | None:
        value = self.edits[key].text().strip()
        return value or None

    def accept(self) -> None:  # noqa: D401 - Qt override
        self.clear_errors()
        errors = check_client_fields(
            first_name=self.edits["first_name"].text(), last_name=self.edits["last_name"].text(),
            date_of_birth=self.date_of_birth.iso(), date_of_birth_problem=self.date_of_birth.problem(),
            email=self.edits["email"].text(), phone=self.edits["phone"].text())
        if errors:
            self.show_errors(errors)
            return
        fields = {key: self._text(key) for key in self.edits}
        fields["first_name"] = fields["first_name"] or ""
        fields["last_name"] = fields["last_name"] or ""
        fields["date_of_birth"] = self.date_of_birth.iso()
        fields["notes"] = self.notes.toPlainText()
        practice = self.ctx.practice
        if self.client is None:
            ok, result = self.run(lambda: client_service.create_client(practice, **fields))
            if not ok:
                return
            created, self.changes = result
            self.client_id = created.id
        else:
            updated = dataclasses.replace(self.client, **fields)
            ok, result = self.run(lambda: client_service.update_client(practice, client=updated))
            if not ok:
                return
            self.changes = result
        super().accept()
