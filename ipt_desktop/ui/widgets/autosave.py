"""Autosave for form editors: debounce while typing, save on leaving, never lose typed text.

One ``Autosaver`` per editor: it saves ~800 ms after the last keystroke, on editingFinished or
focus-out, and on ``flush()``. A failed save keeps the text in the editor and the editor "dirty",
so the next change or flush retries it. ``SaveReporter`` is shared by the savers of one screen:
it drives the status bar (``SaveState``) and warns once per run of failures, not once per field.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel
from ipt_desktop.ui.widgets.optional_date import OptionalDateEdit

log = logging.getLogger(__name__)


class SaveReporter(QObject):
    """Tells the save-state hub how saves go; warns the user once per run of failures."""

    def __init__(self, save_state: Any = None, interaction: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.save_state = save_state
        self.interaction = interaction
        self._warned = False

    def pending(self) -> None:
        if self.save_state is not None:
            self.save_state.pending()

    def saved(self) -> None:
        self._warned = False
        if self.save_state is not None:
            self.save_state.saved()

    def failed(self, reason: str, *, warn: bool = True) -> None:
        if self.save_state is not None:
            self.save_state.failed(reason)
        if warn and not self._warned and self.interaction is not None:
            self._warned = True
            self.interaction.warn(self.tr("Not saved"), self.tr(
                "Your changes could not be saved: %1\n\nWhat you typed is still on screen and will "
                "be saved again with your next change.").replace("%1", reason))


def describe_failure(exc: BaseException) -> str:
    """One plain sentence for people; details of unexpected errors go to the log only."""
    if isinstance(exc, ValidationFailed):
        return "; ".join(e.message for e in exc.errors[:3])
    if isinstance(exc, ServiceError):
        return exc.message
    return "an unexpected error happened (details are in the log)"


class Autosaver(QObject):
    """Binds one editor to a ``save(value)`` callable that raises when it cannot store the value.

    Text editors (QLineEdit, QPlainTextEdit, QTextEdit) save after ``delay_ms`` idle and on
    leaving the field; choice-like editors (QComboBox, OptionalDateEdit) save at once.
    """

    saved = Signal()
    failed = Signal(str)

    def __init__(self, editor: QWidget, save: Callable[[Any], None], *,
                 reporter: SaveReporter | None = None, error_label: FieldErrorLabel | None = None,
                 delay_ms: int = 800, parent: QObject | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self._save = save
        self.reporter = reporter or SaveReporter(parent=self)
        self.error_label = error_label
        self.dirty = False
        self._saving = False
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        self._connect(editor)

    # -- editor kinds --------------------------------------------------------------------------
    def _connect(self, editor: QWidget) -> None:
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self._typed)  # textEdited: user edits only, not setText
            editor.editingFinished.connect(self._left)
        elif isinstance(editor, (QPlainTextEdit, QTextEdit)):
            editor.textChanged.connect(self._typed)
            editor.installEventFilter(self)  # no editingFinished: save on focus-out instead
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self._chosen)
        elif isinstance(editor, OptionalDateEdit):
            editor.date_changed.connect(self._chosen)
            editor.editing_finished.connect(self._date_finished)
        else:
            raise TypeError(f"Autosaver cannot watch a {type(editor).__name__}")

    def value(self) -> Any:
        editor = self.editor
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        return editor.iso()  # OptionalDateEdit

    def set_value(self, value: Any) -> None:
        """Show a stored value — unless the user has unsaved typing here, which wins."""
        if self.dirty or value == self.value():
            return
        self._loading = True
        try:
            editor = self.editor
            if isinstance(editor, QLineEdit):
                editor.setText(value or "")
                editor.setCursorPosition(0)  # show the start of a long value, not its end
            elif isinstance(editor, (QPlainTextEdit, QTextEdit)):
                editor.setPlainText(value or "")
            elif isinstance(editor, QComboBox):
                index = editor.findData(value)
                editor.setCurrentIndex(index if index >= 0 else 0)
            else:
                editor.set_iso(value)
        finally:
            self._loading = False
        self._clear_error()

    def reset(self, value: Any) -> None:
        """Show a value unconditionally (another client was selected): drops dirty state."""
        self._timer.stop()
        self.dirty = False
        self.set_value(value)
        self._clear_error()

    def mark_clean(self) -> None:
        self._timer.stop()
        self.dirty = False
        self._clear_error()

    # -- events --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self._left()
        return False

    def _typed(self, *_args: Any) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
            self.reporter.pending()
        self._timer.start()

    def _left(self) -> None:
        if self.dirty:
            self.save_now()

    def _chosen(self, *_args: Any) -> None:
        if self._loading:
            return
        self.dirty = True
        self.reporter.pending()
        self.save_now()

    def _date_finished(self) -> None:
        problem = self.editor.problem()
        if problem and self.error_label is not None:
            self.error_label.show_error(problem)

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save now if anything is unsaved; False if that save failed (text stays put)."""
        if not self.dirty:
            return True
        return self.save_now()

    def save_now(self) -> bool:
        self._timer.stop()
        if not self.dirty:
            return True
        if self._saving:  # a modal warning re-entered through focus-out
            return False
        if isinstance(self.editor, OptionalDateEdit) and self.editor.problem():
            reason = self.editor.problem() or ""
            if self.error_label is not None:
                self.error_label.show_error(reason)
            self.reporter.failed(reason, warn=False)
            self.failed.emit(reason)
            return False
        self._saving = True
        try:
            self._save(self.value())
        except ValidationFailed as exc:
            reason = describe_failure(exc)
            if self.error_label is not None:
                self.error_label.show_error(reason)
            self.reporter.failed(reason, warn=False)  # shown beside the field, no dialog
            self.failed.emit(reason)
            return False
        except ServiceError as exc:
            self.reporter.failed(exc.message)
            self.failed.emit(exc.message)
            return False
        except Exception as exc:  # noqa: BLE001 - anything else must not lose the text either
            log.exception("autosave failed")
            reason = describe_failure(exc)
            self.reporter.failed(reason)
            self.failed.emit(reason)
            return False
        finally:
            self._saving = False
        self.dirty = False
        self._clear_error()
        self.reporter.saved()
        self.saved.emit()
        return True

    def _clear_error(self) -> None:
        if self.error_label is not None:
            self.error_label.clear_error()
