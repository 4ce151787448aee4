"""A date field that may be left empty (date of birth, "formulation agreed on").

QDateEdit cannot be empty, and its minimum-date "special value" trick makes the calendar open in
1900. This is a line edit instead: the therapist types "1985-02-14" or "14 Feb 1985" (or picks
from the calendar button); empty means "not recorded". A typed value that is not a real date is
kept as typed and reported through ``problem()`` so a form can say so beside the field.
"""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget,
                               QWidgetAction)

from ipt_desktop.ui.formatting import format_date

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_typed_date(text: str) -> _dt.date | None:
    """"1985-02-14", "14 Feb 1985", "14 February 1985", "14-feb-1985" -> date; else None.

    Month names, not numbers, for the day-first form: "02/03/1985" means different days in the
    US and the UK, and a date of birth must not silently change with the machine's locale.
    """
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[\s\-.]+([A-Za-z]{3,})\.?,?[\s\-.]+(\d{4})", text)
        if not match:
            return None
        name = match.group(2).lower()
        months = [i for i, m in enumerate(_MONTHS, start=1) if name.startswith(m)]
        if not months:
            return None
        day, month, year = int(match.group(1)), months[0], int(match.group(3))
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


class OptionalDateEdit(QWidget):
    """``iso()`` -> "YYYY-MM-DD" or None; ``problem()`` says why the typed text is no date.

    ``date_changed(object)`` fires with the new ISO value (or None) when the user finishes
    editing — Enter, leaving the field, picking from the calendar, or clearing it.
    """

    date_changed = Signal(object)
    editing_finished = Signal()  # also for text that is not a date, so a form can say so

    def __init__(self, parent: QWidget | None = None, *, placeholder: str | None = None) -> None:
        super().__init__(parent)
        self._last_emitted: str | None = None
        self._calendar_default: QDate | None = None
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText(placeholder if placeholder is not None
                                          else self.tr("Not recorded (e.g. 14 Feb 1985)"))
        self.line_edit.setClearButtonEnabled(True)
        self.setFocusProxy(self.line_edit)
        # Always wide enough for the longest date shown ("30 Sep 2026") plus the clear button.
        self.line_edit.setMinimumWidth(self.line_edit.fontMetrics().horizontalAdvance("30 Sep 2026") + 40)

        self.calendar_button = QToolButton(self)
        # A drop-down arrow like a combo box's: compact, and familiar as "pick from a list".
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.calendar_button.setAccessibleName(self.tr("Calendar"))
        self.calendar_button.setToolTip(self.tr("Pick a date from a calendar"))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        menu = QMenu(self.calendar_button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.calendar_button.setMenu(menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.calendar_button)

        self.line_edit.editingFinished.connect(self._finished)
        self.line_edit.textChanged.connect(self._text_changed)

    # -- value ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.line_edit.text()

    def is_empty(self) -> bool:
        return not self.line_edit.text().strip()

    def iso(self) -> str | None:
        """The typed date as ISO, None when empty or not a date (see ``problem()``)."""
        day = parse_typed_date(self.line_edit.text())
        return day.isoformat() if day else None

    def problem(self) -> str | None:
        if self.is_empty() or self.iso() is not None:
            return None
        return self.tr("“%1” is not a date; type it like 14 Feb 1985 or 1985-02-14.").replace(
            "%1", self.line_edit.text().strip())

    def set_iso(self, value: str | None) -> None:
        """Show a stored value (no ``date_changed``: only the user's edits emit)."""
        text = format_date(value, empty="") if value else ""
        self._last_emitted = value or None
        self.line_edit.blockSignals(True)
        self.line_edit.setText(text)
        self.line_edit.blockSignals(False)

    def set_date(self, day: _dt.date | None) -> None:
        """Set a date as if the user had picked it (emits ``date_changed``)."""
        self.line_edit.setText(format_date(day, empty="") if day else "")
        self._finished()

    def clear(self) -> None:
        self.set_date(None)

    def set_calendar_default(self, day: _dt.date) -> None:
        """Where the calendar opens while the field is empty (e.g. 40 years ago for a birth date)."""
        self._calendar_default = QDate(day.year, day.month, day.day)

    def set_read_only(self, read_only: bool) -> None:
        self.line_edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)

    # -- internals -----------------------------------------------------------------------------
    def _sync_calendar(self) -> None:
        day = parse_typed_date(self.line_edit.text())
        if day is not None:
            qdate = QDate(day.year, day.month, day.day)
        else:
            qdate = self._calendar_default or QDate.currentDate()
        self.calendar.setSelectedDate(qdate)

    def _picked(self, qdate: QDate) -> None:
        self.calendar_button.menu().close()
        self.set_date(_dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.line_edit.setFocus()

    def _text_changed(self, text: str) -> None:
        # The clear button empties the field without editingFinished: report it straight away.
        if not text and self._last_emitted is not None:
            self._finished()

    def _finished(self) -> None:
        value = self.iso()
        if value is not None:
            # Normalise "1985-2-14" to the display form so what is shown is what is stored.
            shown = format_date(value, empty="")
            if shown != self.line_edit.text():
                self.line_edit.blockSignals(True)
                self.line_edit.setText(shown)
                self.line_edit.blockSignals(False)
        elif not self.is_empty():
            self.editing_finished.emit()
            return  # not a date: keep the typed text, the form shows problem()
        self.editing_finished.emit()
        if value != self._last_emitted:
            self._last_emitted = value
            self.date_changed.emit(value)
