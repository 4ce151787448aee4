"""The selected person's long fields, each in a roomy autosaving text box.

The table shows only the first line of these; here a therapist can write paragraphs. Typing
saves ~800 ms after the last keystroke and on leaving a box (widgets.autosave.Autosaver); a
record coming back from the store never overwrites a box with unsaved typing.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ipt_desktop.domain.records import Relationship
from ipt_desktop.ui.widgets.autosave import Autosaver, SaveReporter
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel

# Field name, label; the order is the reading order of the boxes (left to right).
LONG_FIELDS = ("positives", "negatives", "expectations", "desired_changes", "notes")


class DetailEditor(QGroupBox):
    """``save`` is called with the edited Relationship and raises when it cannot be stored."""

    def __init__(self, save: Callable[[Relationship], None], reporter: SaveReporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._person: Relationship | None = None
        labels = {
            "positives": self.tr("Positives"), "negatives": self.tr("Negatives"),
            "expectations": self.tr("Expectations"), "desired_changes": self.tr("Desired changes"),
            "notes": self.tr("Notes"),
        }
        placeholders = {
            "positives": self.tr("What is good about this relationship?"),
            "negatives": self.tr("What is difficult or missing?"),
            "expectations": self.tr("What does each expect of the other?"),
            "desired_changes": self.tr("What would the client like to change?"),
            "notes": self.tr("Anything else"),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.editors: dict[str, QPlainTextEdit] = {}
        self.savers: dict[str, Autosaver] = {}
        self.errors: dict[str, FieldErrorLabel] = {}
        for column, field in enumerate(LONG_FIELDS):
            label = QLabel(labels[field])
            editor = QPlainTextEdit()
            editor.setObjectName(f"inventory_{field}")
            editor.setPlaceholderText(placeholders[field])
            editor.setTabChangesFocus(True)  # Tab moves on to the next box, as in a form
            editor.setMinimumHeight(60)
            editor.setMinimumWidth(90)  # five boxes must fit side by side in a narrow tab
            label.setBuddy(editor)
            error = FieldErrorLabel()
            grid.addWidget(label, 0, column)
            grid.addWidget(editor, 1, column)
            grid.addWidget(error, 2, column)
            grid.setColumnStretch(column, 1)
            self.editors[field] = editor
            self.errors[field] = error
            self.savers[field] = Autosaver(editor, self._saver_for(field), reporter=reporter,
                                           error_label=error, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(grid)
        for first, second in zip(LONG_FIELDS, LONG_FIELDS[1:]):
            QWidget.setTabOrder(self.editors[first], self.editors[second])
        self.set_person(None)

    def _saver_for(self, field: str) -> Callable[[str], None]:
        def save(value: str) -> None:
            if self._person is None:
                return
            edited = dataclasses.replace(self._person, **{field: value})
            self._save(edited)
            self._person = edited  # later boxes build on what was just stored
        return save

    def person(self) -> Relationship | None:
        return self._person

    def set_person(self, person: Relationship | None) -> None:
        """Show ``person``. The same person again (a refresh) keeps any unsaved typing."""
        same = person is not None and self._person is not None and person.id == self._person.id
        self._person = person
        self.setTitle(self.tr("Details: %1").replace("%1", person.name) if person is not None
                      else self.tr("Details (select a person)"))
        for field, saver in self.savers.items():
            value = getattr(person, field) if person is not None else ""
            if same:
                saver.set_value(value)
            else:
                saver.reset(value)
            self.editors[field].setEnabled(person is not None)
        if same and person is not None:
            # Unsaved typing wins on screen; keep it in the record the next save builds on.
            dirty = {f: self.editors[f].toPlainText() for f, s in self.savers.items() if s.dirty}
            if dirty:
                self._person = dataclasses.replace(person, **dirty)

    def is_dirty(self) -> bool:
        return any(saver.dirty for saver in self.savers.values())

    def flush(self) -> bool:
        """Save every box with unsaved typing; False if any save failed (its text stays)."""
        ok = True
        for saver in self.savers.values():
            ok = saver.flush() and ok
        return ok

    def focus_field(self, field: str) -> None:
        if field in self.editors:
            self.editors[field].setFocus()
