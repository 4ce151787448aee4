"""The generic form widgets: optional date edit, error label, autosaver."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ipt_desktop.domain.validation import FieldError, ValidationFailed
from ipt_desktop.services.errors import SaveFailedError
from ipt_desktop.ui.context import SaveState
from ipt_desktop.ui.interaction import ScriptedInteraction
from ipt_desktop.ui.widgets.autosave import Autosaver, SaveReporter
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel
from ipt_desktop.ui.widgets.optional_date import OptionalDateEdit


def test_optional_date_edit_round_trip_and_empty(qtbot):
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert edit.iso() is None and edit.problem() is None
    edit.set_iso("1985-02-14")
    assert edit.text() == "14 Feb 1985" and edit.iso() == "1985-02-14"
    with qtbot.waitSignal(edit.date_changed) as blocker:
        edit.clear()
    assert blocker.args == [None]
    assert edit.iso() is None


def test_optional_date_edit_keeps_bad_text_and_says_why(qtbot):
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit.line_edit, "1985-02-30")
    edit.line_edit.editingFinished.emit()
    assert edit.text() == "1985-02-30"
    assert edit.iso() is None and "not a date" in edit.problem()


def test_optional_date_edit_normalises_what_was_typed(qtbot):
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit.line_edit, "2026-9-7")
    with qtbot.waitSignal(edit.date_changed) as blocker:
        edit.line_edit.editingFinished.emit()
    assert blocker.args == ["2026-09-07"]
    assert edit.text() == "7 Sep 2026"
    edit.set_date(_dt.date(2026, 1, 2))
    assert edit.iso() == "2026-01-02"


def test_error_label_hidden_until_there_is_an_error(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    label = FieldErrorLabel(form)
    form.show()
    assert not label.isVisible()
    label.show_error("Enter a first name.")
    assert label.isVisible() and label.has_error
    label.clear_error()
    assert not label.isVisible()


def test_autosaver_debounces_then_saves(qtbot):
    stored: list[str] = []
    state = SaveState()
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    saver = Autosaver(edit, stored.append, reporter=SaveReporter(state), delay_ms=20)
    with qtbot.waitSignal(saver.saved):
        qtbot.keyClicks(edit, "Grief after")
        assert state.state == "pending"
    assert stored == ["Grief after"] and state.state == "saved" and not saver.dirty


def test_autosaver_keeps_text_after_a_failed_save_and_retries_on_flush(qtbot):
    attempts: list[str] = []
    state = SaveState()
    interaction = ScriptedInteraction()

    def save(value: str) -> None:
        attempts.append(value)
        if len(attempts) == 1:
            raise SaveFailedError("the disk is full")

    edit = QLineEdit()
    qtbot.addWidget(edit)
    saver = Autosaver(edit, save, reporter=SaveReporter(state, interaction))
    qtbot.keyClicks(edit, "MDD")
    assert saver.flush() is False
    assert edit.text() == "MDD" and saver.dirty
    assert state.state == "failed" and "disk is full" in state.message
    assert [m[0] for m in interaction.messages] == ["warn"]
    saver.set_value("something stored elsewhere")  # a refresh must not clobber unsaved typing
    assert edit.text() == "MDD"
    assert saver.flush() is True
    assert attempts == ["MDD", "MDD"] and state.state == "saved"


def test_autosaver_shows_validation_beside_the_field_without_a_dialog(qtbot):
    interaction = ScriptedInteraction()
    label = FieldErrorLabel()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    qtbot.addWidget(label)

    def save(value: str) -> None:
        raise ValidationFailed([FieldError("diagnosis", "is longer than 2000 characters")])

    saver = Autosaver(edit, save, reporter=SaveReporter(SaveState(), interaction), error_label=label)
    qtbot.keyClicks(edit, "x")
    assert saver.flush() is False
    assert "longer than" in label.text()
    assert interaction.messages == []


def test_picking_from_the_calendar_sets_the_date(qtbot):
    from PySide6.QtCore import QDate

    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    edit.set_calendar_default(_dt.date(1986, 6, 1))
    edit.calendar_button.menu().aboutToShow.emit()
    assert edit.calendar.selectedDate() == QDate(1986, 6, 1)  # opens near a likely birth date
    with qtbot.waitSignal(edit.date_changed) as blocker:
        edit.calendar.clicked.emit(QDate(1986, 6, 14))
    assert blocker.args == ["1986-06-14"] and edit.text() == "14 Jun 1986"
