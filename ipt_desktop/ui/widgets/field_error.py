"""A red message shown under a form field when what was typed there cannot be stored, and the
form row that puts it there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget


def error_colour(palette: QPalette) -> QColor:
    """A red that stays readable on the current palette (dark red on light, salmon on dark);
    the same values as ui.theme.error_text so every form's messages look alike."""
    window = palette.color(QPalette.ColorRole.Window)
    return QColor("#ff8a80") if window.lightness() < 128 else QColor("#b3261e")


def make_hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A quiet explanatory line under a field: window text at reduced contrast (not the
    disabled colour, which is too faint to read in some dark palettes)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    colour = QColor(palette.color(QPalette.ColorRole.WindowText))
    colour.setAlphaF(0.68)
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    return label


class FieldErrorLabel(QLabel):
    """Hidden while there is nothing to say; ``show_error(text)`` reveals it, ``clear_error()``
    hides it again. Word-wrapped so a long message never widens the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        self._apply_colour()

    def _apply_colour(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.setPalette(palette)

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_error(self) -> None:
        self.setText("")
        self.setVisible(False)

    @property
    def has_error(self) -> bool:
        return bool(self.text())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Follow light/dark switches at runtime.
        if event.type() == event.Type.PaletteChange and not getattr(self, "_in_palette", False):
            self._in_palette = True
            try:
                self._apply_colour()
            finally:
                self._in_palette = False
        super().changeEvent(event)


def add_field_row(form: QFormLayout, owner: QWidget, key: str, label: str, widget: QWidget, *,
                  hint: str | None = None, align_left: bool = False) -> tuple[QWidget, FieldErrorLabel]:
    """Adds the row "label: widget" to ``form``, with an optional hint and then a hidden
    FieldErrorLabel named "<key>_error" right under the widget (where the eye already is).

    ``align_left`` keeps the widget at its natural width. Returns (holder, error label); the
    holder is the row's field widget.
    """
    holder = QWidget(owner)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    if align_left:
        column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
    else:
        column.addWidget(widget)
    if hint:
        column.addWidget(make_hint(hint, holder))
    error = FieldErrorLabel(holder)
    error.setObjectName(f"{key}_error")
    column.addWidget(error)
    caption = QLabel(label, owner)
    caption.setBuddy(widget)
    form.addRow(caption, holder)
    return holder, error
