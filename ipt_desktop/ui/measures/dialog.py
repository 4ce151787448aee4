"""Measure entry: one rating scale filled in item by item, scored live, saved through services.

Wording is shown only for the scales we may reproduce (PHQ-9, GAD-7, HAM-D-17, GDS-15); EPDS
and PHQ-A show "Item 1".."Item n" with score buttons, to be keyed in from the paper form.
GDS-15 items are stored already scored, so each button says which answer scores 1.
A risk item scored above 0 raises a red banner in the dialog at once, not after saving.
"""

from __future__ import annotations

import datetime as _dt
import logging

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox,
    QVBoxLayout, QWidget,
)

from ipt_desktop.domain.measures import Instrument, get_instrument, score
from ipt_desktop.domain.records import MeasureAdministration
from ipt_desktop.domain.validation import ValidationFailed, parse_date
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import lock_drafts, theme
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.measures.item_widget import ItemWidget
from ipt_desktop.ui.timeline.labels import risk_item_name
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel

log = logging.getLogger(__name__)



def banner_style() -> str:
    """The app-wide risk colours (ui.theme), so the banner matches the chart's risk flags."""
    colours = theme.risk_colours()
    return (f"background-color: {colours.background.name()}; color: {colours.text.name()}; "
            f"border: 2px solid {colours.border.name()}; border-radius: 4px; padding: 8px; "
            "font-weight: bold;")


def _option_labels(instrument: Instrument, index: int) -> list[str]:
    high = instrument.item_max[index]
    if instrument.licensed_text or not instrument.option_labels:
        # No licensed wording: the score itself is the label.
        return [str(s) for s in range(high + 1)]
    labels = instrument.option_labels[index]
    if _vertical(instrument):
        return [f"{s} \u2014 {label}" for s, label in enumerate(labels)]
    return [f"{label} ({s})" for s, label in enumerate(labels)]


def _vertical(instrument: Instrument) -> bool:
    # Long anchors (HAM-D) read better one per line; short ones (PHQ-9, GDS-15) fit in a row.
    if instrument.licensed_text or not instrument.option_labels:
        return False
    return any(len(label) > 30 for labels in instrument.option_labels for label in labels)


class MeasureDialog(QDialog):
    def __init__(self, ctx: AppContext, episode_id: str, instrument: str,
                 session_number: int | None = None, administered_on: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.episode_id = episode_id
        self.instrument = get_instrument(instrument)
        self._opened_for = session_number  # the draft key uses what the dialog was opened for
        self.saved: MeasureAdministration | None = None
        self.values: list[int | None] = [None] * self.instrument.item_count
        inst = self.instrument
        self.setWindowTitle(self.tr("%1 \u2014 %2").replace("%1", inst.short_name).replace("%2", inst.name))

        title = QLabel(inst.name)
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        title.setWordWrap(True)
        header = QVBoxLayout()
        header.addWidget(title)
        if inst.stem:
            stem = QLabel(self.tr(inst.stem))
            stem.setWordWrap(True)
            header.addWidget(stem)
        if inst.licensed_text:
            note = QLabel(self.tr("The item wording of %1 is copyrighted and not included: enter each "
                                  "item's score from the paper form.").replace("%1", inst.short_name))
            note.setWordWrap(True)
            header.addWidget(note)

        self.banner = QLabel()
        self.banner.setStyleSheet(banner_style())
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Risk warning"))
        self.banner.hide()

        self.items: list[ItemWidget] = []
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(8, 4, 16, 4)
        vertical = _vertical(inst)
        for index in range(inst.item_count):
            worded = bool(inst.item_texts) and not inst.licensed_text
            text = (self.tr(inst.item_texts[index]) if worded
                    else self.tr("Item %1").replace("%1", str(index + 1)))
            item = ItemWidget(index + 1, text, _option_labels(inst, index), vertical=vertical,
                              risk=(index + 1) in inst.risk_items, numbered_text=not worded, parent=body)
            item.changed.connect(self._item_changed)
            item.advance.connect(self._advance)
            body_layout.addWidget(item)
            self.items.append(item)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        # Day-month-year with a month name: unambiguous whatever the machine's locale.
        self.date_edit.setDisplayFormat("d MMM yyyy")
        day = parse_date(administered_on) or _dt.date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.session_spin = QSpinBox()
        self.session_spin.setRange(0, 99)
        # 0 stands for "not given in a session" (e.g. a questionnaire posted back).
        self.session_spin.setSpecialValueText(self.tr("Not in a session"))
        self.session_spin.setValue(session_number or 0)
        self.date_edit.setMinimumWidth(150)
        self.session_spin.setMinimumWidth(150)
        form = QHBoxLayout()
        for text, field in ((self.tr("Date &administered:"), self.date_edit),
                            (self.tr("Session &number:"), self.session_spin)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addWidget(label)
            form.addWidget(field)
            form.addSpacing(16)
        form.addStretch(1)

        self.total_label = QLabel()
        total_font = QFont(self.total_label.font())
        total_font.setBold(True)
        total_font.setPointSizeF(total_font.pointSizeF() * 1.15)
        self.total_label.setFont(total_font)
        self.error_label = FieldErrorLabel()
        self.restored_note = QLabel(lock_drafts.restored_note())
        self.restored_note.setObjectName("restoredNote")
        self.restored_note.setWordWrap(True)
        self.restored_note.hide()

        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(form)
        layout.addWidget(self.total_label)
        layout.addWidget(self.restored_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(800, 680)
        self._update_summary()
        draft = lock_drafts.take_draft(ctx, self.lock_draft_key())
        if draft:
            self._restore(draft)

    # -- live scoring --------------------------------------------------------------------------
    def set_item(self, number: int, value: int | None) -> None:
        """Answer item ``number`` (1-based) as a click would; used by keyboard and tests."""
        self.items[number - 1].set_value(value)

    def _item_changed(self, number: int, value: int) -> None:
        self.values[number - 1] = value if value >= 0 else None
        self.error_label.clear_error()
        self._update_summary()

    def _advance(self, number: int) -> None:
        if number < len(self.items):
            following = self.items[number]
            following.focus_answer()
            self.scroll.ensureWidgetVisible(following)
        else:
            self.date_edit.setFocus(Qt.FocusReason.TabFocusReason)

    def first_unanswered(self) -> int | None:
        return next((i + 1 for i, v in enumerate(self.values) if v is None), None)

    def _update_summary(self) -> None:
        inst = self.instrument
        answered = [v for v in self.values if v is not None]
        total = sum(answered)
        missing = inst.item_count - len(answered)
        if missing:
            self.total_label.setText(
                self.tr("Total so far: %1 of %2 \u00b7 %3 of %4 items answered")
                .replace("%1", str(total)).replace("%2", str(inst.max_total))
                .replace("%3", str(len(answered))).replace("%4", str(inst.item_count)))
        else:
            result = score(inst.key, self.values)
            self.total_label.setText(
                self.tr("Total: %1 of %2 \u00b7 %3").replace("%1", str(result.total))
                .replace("%2", str(inst.max_total)).replace("%3", self.tr(result.band.label)))
        self._update_banner()

    def _update_banner(self) -> None:
        warnings = []
        for number in self.instrument.risk_items:
            value = self.values[number - 1]
            if value is not None and value > 0:
                warnings.append(
                    self.tr("\u26a0 Item %1 (%2) scored %3 \u2014 assess risk now.")
                    .replace("%1", str(number)).replace("%2", risk_item_name(self.instrument.key, number))
                    .replace("%3", str(value)))
        self.banner.setText("\n".join(warnings))
        self.banner.setVisible(bool(warnings))

    def risk_warning(self) -> str:
        """The banner's text when it is shown, else ""."""
        return self.banner.text() if not self.banner.isHidden() else ""

    # -- saving --------------------------------------------------------------------------------
    def administered_on(self) -> str:
        d = self.date_edit.date()
        return f"{d.year():04d}-{d.month():02d}-{d.day():02d}"

    def save(self) -> bool:
        missing = self.first_unanswered()
        if missing is not None:
            message = self.tr("Item %1 is not answered yet.").replace("%1", str(missing))
            self._show_error(message)
            item = self.items[missing - 1]
            item.show_problem(self.tr("Not answered"))
            self.scroll.ensureWidgetVisible(item)
            item.focus_answer()
            return False
        from ipt_desktop.services.measures import record_measure

        try:
            saved, changes = record_measure(
                self.ctx.practice, episode_id=self.episode_id, instrument=self.instrument.key,
                administered_on=self.administered_on(), items=[int(v) for v in self.values],
                session_number=self.session_spin.value() or None)
        except ValidationFailed as exc:
            self._show_error(exc.first.message if len(exc.errors) == 1 else str(exc))
            return False
        except ServiceError as exc:
            self._show_error(exc.message)
            self.ctx.save_state.failed(exc.message)
            return False
        except Exception:  # noqa: BLE001 - the user gets a sentence, the log gets the traceback
            log.exception("recording a measure failed")
            self._show_error(self.tr("The measure could not be saved because of an unexpected error."))
            return False
        self.saved = saved
        self.ctx.save_state.saved()
        self.ctx.hub.changed.emit(changes)
        self.accept()
        return True

    # -- lock: nothing typed is lost (protocol of ui.lock_drafts) ---------------------------------
    def lock_draft_key(self) -> tuple:
        return ("measure", self.episode_id, self.instrument.key, self._opened_for)

    def lock_draft(self) -> dict | None:
        if self.saved is not None or all(v is None for v in self.values):
            return None
        return {"values": list(self.values), "administered_on": self.administered_on(),
                "session_number": self.session_spin.value()}

    def save_for_lock(self) -> bool:
        """A complete form is saved as Save would; an incomplete one is left for the draft."""
        return self.first_unanswered() is None and self.save()

    def close_for_lock(self) -> None:
        QDialog.done(self, QDialog.DialogCode.Rejected)  # no "Discard answers?": nothing is lost

    def _restore(self, draft: dict) -> None:
        for number, value in enumerate(draft.get("values", ()), start=1):
            if value is not None and number <= len(self.items):
                self.set_item(number, int(value))
        day = parse_date(draft.get("administered_on"))
        if day is not None:
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.session_spin.setValue(int(draft.get("session_number") or 0))
        self.restored_note.show()

    def _show_error(self, message: str) -> None:
        self.error_label.show_error(message)

    def reject(self) -> None:
        # Escape with answers keyed in asks first, so a stray key does not lose a whole form.
        if self.saved is None and any(v is not None for v in self.values):
            if not self.ctx.interaction.confirm(
                    self.tr("Discard answers?"),
                    self.tr("The %1 answers you entered have not been saved. Discard them?")
                    .replace("%1", self.instrument.short_name),
                    ok=self.tr("Discard"), cancel=self.tr("Keep editing")):
                return
        super().reject()
