"""One questionnaire item: its number and wording and one radio button per score.

Keyboard: Tab moves between items, the arrow keys move between scores within an item (Qt's
auto-exclusive radio behaviour), and a number key picks that score and moves on to the next
item, so a paper form can be keyed in without the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout, QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget,
)

from ipt_desktop.ui.widgets.field_error import FieldErrorLabel


class ItemWidget(QWidget):
    changed = Signal(int, int)  # item number (1-based), score (-1 when cleared)
    advance = Signal(int)  # item number whose answer was keyed in: focus the next item

    def __init__(self, number: int, text: str, options: list[str], *, vertical: bool,
                 risk: bool = False, numbered_text: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.item_max = len(options) - 1
        # Licensed scales have no wording: "Item 4" alone says it; "4. Item 4" would stutter.
        question = f"<b>{_escape(text)}</b>" if numbered_text else f"<b>{number}.</b>&nbsp;{_escape(text)}"
        if risk:
            question += f"&nbsp;&nbsp;<i>({_escape(self.tr('risk item'))})</i>"
        self.question = QLabel(question)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self.question.setWordWrap(True)
        self.problem = FieldErrorLabel()

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        # The buttons share one parent so Qt's arrow-key navigation stays inside this item.
        box = QWidget()
        row: QBoxLayout = QVBoxLayout(box) if vertical else QHBoxLayout(box)
        row.setContentsMargins(18, 0, 0, 0)
        row.setSpacing(2 if vertical else 18)
        for score, label in enumerate(options):
            button = QRadioButton(label, box)
            button.setAccessibleName(self.tr("Item %1: %2").replace("%1", str(number)).replace("%2", label))
            self.group.addButton(button, score)
            row.addWidget(button)
            self.buttons.append(button)
        if not vertical:
            row.addStretch(1)
        self.group.idToggled.connect(self._toggled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.question)
        layout.addWidget(box)
        layout.addWidget(self.problem)
        if risk:
            self.setAccessibleDescription(self.tr("Risk item: any score above 0 needs a risk assessment"))

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked >= 0 else None

    def set_value(self, value: int | None) -> None:
        if value is None:
            # An exclusive group cannot uncheck its last button; lift exclusivity briefly.
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
            self.changed.emit(self.number, -1)
        elif 0 <= value <= self.item_max:
            self.buttons[value].setChecked(True)

    def focus_answer(self) -> None:
        """Focus the chosen score, or the first one when the item is unanswered."""
        value = self.value()
        self.buttons[value if value is not None else 0].setFocus(Qt.FocusReason.TabFocusReason)

    def show_problem(self, message: str | None) -> None:
        self.problem.show_error(message or "")

    def _toggled(self, score: int, checked: bool) -> None:
        if checked:
            self.show_problem(None)
            self.changed.emit(self.number, score)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Radio buttons ignore digit keys, so they bubble up to here.
        text = event.text()
        if text.isdigit() and len(text) == 1:
            score = int(text)
            if score <= self.item_max:
                self.buttons[score].setChecked(True)
                self.advance.emit(self.number)
                event.accept()
                return
        super().keyPressEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
