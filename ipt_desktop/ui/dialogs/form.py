"""What every form dialog shares: a field row with its error label, and running a service call
so that any failure keeps the dialog open with the typed text and says why."""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from ipt_desktop.domain.validation import FieldError, ValidationFailed
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import lock_drafts
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel, add_field_row

log = logging.getLogger(__name__)


class FormDialog(QDialog):
    """Base for the form dialogs. Subclasses add rows with ``add_field`` and call ``run``.

    At lock (ui.lock_drafts) a form saves as OK would when ``SAVES_AT_LOCK`` and it is valid;
    otherwise its field values are kept under ``lock_draft_key()`` and put back, with a note,
    the next time the same dialog opens. Dialogs that commit a clinical decision (discharge, a
    new episode) set ``SAVES_AT_LOCK = False``: the therapist confirms those, not the idle timer.
    """

    SAVES_AT_LOCK = True

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.error_labels: dict[str, FieldErrorLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.general_error = FieldErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.restored_note = QLabel(lock_drafts.restored_note(), self)
        self.restored_note.setObjectName("restoredNote")
        self.restored_note.setWordWrap(True)
        self.restored_note.hide()
        self._initial_values: dict | None = None

    def finish_layout(self, body: QWidget | None = None, *, layout: QVBoxLayout | None = None) -> None:
        outer = layout or QVBoxLayout(self)
        if body is not None:
            outer.addWidget(body)
        outer.addWidget(self.restored_note)
        outer.addWidget(self.general_error)
        outer.addWidget(self.buttons)

    def add_field(self, form: QFormLayout, key: str, label: str, widget: QWidget,
                  hint: str | None = None) -> QWidget:
        """A row "label: widget" with an (initially hidden) error label right under the widget."""
        # Numbers and dates read best at their natural width, not stretched across the form.
        holder, error = add_field_row(form, self, key, label, widget, hint=hint,
                                      align_left=isinstance(widget, QAbstractSpinBox))
        # A fixed-height editor must not make its row swallow the form's spare height.
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, widget.sizePolicy().verticalPolicy())
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.error_labels[key] = error
        self.fields[key] = widget
        return holder

    # -- errors --------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.error_labels.values():
            label.clear_error()
        self.general_error.clear_error()

    def show_errors(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        """Each message beside its field; paths this form does not show go to the bottom."""
        leftovers: list[str] = []
        first_widget: QWidget | None = None
        for error in errors:
            key = self._key_for(error.path)
            if key is not None:
                label = self.error_labels[key]
                label.show_error(error.message if not label.has_error
                                 else f"{label.text()} {error.message}")
                first_widget = first_widget or self.fields[key]
            else:
                leftovers.append(str(error))
        if leftovers:
            self.general_error.show_error("\n".join(leftovers))
        if first_widget is not None:
            first_widget.setFocus()

    def _key_for(self, path: str) -> str | None:
        # Services may name a nested path ("client.first_name", "discharge.date"): match the tail.
        if path in self.error_labels:
            return path
        tail = path.rsplit(".", 1)[-1]
        return tail if tail in self.error_labels else None

    def run(self, call: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call; on any failure say why and keep the dialog (and its text)."""
        try:
            return True, call()
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
        except ServiceError as exc:
            self.general_error.show_error(self.tr("Not saved: %1").replace("%1", exc.message))
        except Exception:  # noqa: BLE001 - never a traceback to the user; keep what they typed
            log.exception("%s: service call failed", type(self).__name__)
            self.general_error.show_error(self.tr(
                "Not saved: an unexpected error happened (details are in the log). "
                "Your text is still here."))
        return False, None

    # -- lock: nothing typed is lost (protocol of ui.lock_drafts) ---------------------------------
    def lock_draft_key(self) -> tuple | None:
        """Where a draft of this form is kept; None (the default) keeps nothing."""
        return None

    def field_values(self) -> dict:
        values = {key: lock_drafts.widget_value(widget) for key, widget in self.fields.items()}
        return {key: value for key, value in values.items() if value is not None}

    def lock_draft(self) -> dict | None:
        values = self.field_values()
        return values if values != self._initial_values else None

    def save_for_lock(self) -> bool:
        if not self.SAVES_AT_LOCK:
            return False
        self.accept()
        return self.result() == QDialog.DialogCode.Accepted and not self.isVisible()

    def close_for_lock(self) -> None:
        QDialog.done(self, QDialog.DialogCode.Rejected)

    def restore_draft(self, values: dict) -> None:
        for key, value in values.items():
            if key in self.fields:
                lock_drafts.set_widget_value(self.fields[key], value)
        self.restored_note.show()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._initial_values is None:
            # What the form showed before any typing; a draft from before a lock goes on top.
            self._initial_values = self.field_values()
            draft = lock_drafts.take_draft(self.ctx, self.lock_draft_key())
            if draft:
                self.restore_draft(draft)
        super().showEvent(event)
