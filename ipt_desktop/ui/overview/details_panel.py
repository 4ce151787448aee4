"""Read-only client details; "Edit details…" (in the tab) opens ClientDialog.

Read-only on purpose: the dialog validates date of birth, email and phone beside each field,
which in-place autosave could only do awkwardly; one click and Enter keeps editing quick.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from ipt_desktop.domain.records import Client
from ipt_desktop.ui.formatting import DASH, format_age, format_date

_ROWS = (
    ("name", "Name"),
    ("pronouns", "Pronouns"),
    ("date_of_birth", "Date of birth"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("emergency_contact", "Emergency contact"),
    ("referral_source", "Referral source"),
    ("notes", "Notes"),
)


class ClientDetailsPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Client details"))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for key, label in _ROWS:
            value = QLabel(self)
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            # Selectable so a phone number or email can be copied into another program.
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.values[key] = value
            form.addRow(self.tr(label), value)

    def set_client(self, client: Client | None) -> None:
        if client is None:
            for value in self.values.values():
                value.setText("")
            return
        name = client.full_name
        if client.preferred_name and client.preferred_name != client.first_name:
            name += " " + self.tr("(prefers “%1”)").replace("%1", client.preferred_name)
        born = format_date(client.date_of_birth)
        years = format_age(client.date_of_birth)
        texts = {
            "name": name,
            "pronouns": client.pronouns or DASH,
            "date_of_birth": f"{born} ({years})" if years else born,
            "phone": client.phone or DASH,
            "email": client.email or DASH,
            "emergency_contact": client.emergency_contact or DASH,
            "referral_source": client.referral_source or DASH,
            "notes": client.notes.strip() or DASH,
        }
        for key, text in texts.items():
            self.values[key].setText(text)
