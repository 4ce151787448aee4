"""Nothing typed is lost on lock: dialogs open at lock are saved, or kept as an in-memory draft.

The idle lock must hide everything on screen, but it must not throw away a half-filled form. A
dialog that holds typed text implements this small duck-typed protocol:

    lock_draft() -> dict | None        # what was typed since it opened; None when nothing was
    save_for_lock() -> bool            # save as OK would when complete and valid (it then closes)
    lock_draft_key() -> tuple | None   # where to keep the draft; None = never keep (passphrases)
    close_for_lock() -> None           # close without asking anything

At lock (``settle_dialogs(..., keep_drafts=True)``) a dialog that cannot save puts its draft in
the ``DraftStore`` on the AppContext; reopening the same dialog for the same thing after the
unlock takes it back and says so (``RESTORED_NOTE``). Drafts live only in memory, never on disk.
On closing the window (``keep_drafts=False``) there is no later: the therapist is asked instead.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

log = logging.getLogger(__name__)


def restored_note() -> str:
    return QCoreApplication.translate("lock_drafts", "Restored the answers you had entered before the lock.")


class DraftStore:
    """Drafts by key, e.g. ("measure", episode_id, "phq9", 4) or ("discharge", episode_id)."""

    def __init__(self) -> None:
        self._drafts: dict[tuple, dict] = {}

    def put(self, key: tuple, values: dict) -> None:
        self._drafts[key] = dict(values)

    def take(self, key: tuple | None) -> dict | None:
        """The draft for ``key``, removed from the store (it now lives in the reopened dialog)."""
        return self._drafts.pop(key, None) if key is not None else None

    def peek(self, key: tuple) -> dict | None:
        return self._drafts.get(key)

    def keys(self) -> list[tuple]:
        return list(self._drafts)

    def clear(self) -> None:
        self._drafts.clear()

    def __len__(self) -> int:
        return len(self._drafts)


def take_draft(ctx, key: tuple | None) -> dict | None:
    """The draft kept for ``key`` on ``ctx`` (tests may pass a context without a store)."""
    store = getattr(ctx, "drafts", None)
    return store.take(key) if store is not None else None


def _depth(widget) -> int:
    depth = 0
    while widget.parentWidget() is not None:
        widget = widget.parentWidget()
        depth += 1
    return depth


def open_dialogs(root) -> list[QDialog]:
    """Visible dialogs under ``root``, innermost first (a measure over its session editor)."""
    return sorted((d for d in root.findChildren(QDialog) if d.isVisible()), key=_depth, reverse=True)


def settle_dialogs(dialogs: Iterable[QDialog], store: DraftStore | None, *, keep_drafts: bool,
                   confirm: Callable[[list[str]], bool]) -> bool:
    """Close every dialog without losing typed text; False when one must stay open.

    Complete forms are saved (as OK). Incomplete ones go to ``store`` when ``keep_drafts``;
    otherwise ``confirm(titles)`` asks whether to close anyway. Dialogs outside the protocol
    close through their own close path (which saves or asks), as before.
    """
    pending: list[tuple[QDialog, tuple, dict]] = []
    for dialog in dialogs:
        if not dialog.isVisible():
            continue  # closed with its parent
        if not hasattr(dialog, "lock_draft"):
            dialog.close()
            if dialog.isVisible():
                return False
            continue
        draft = dialog.lock_draft()
        if not draft:
            dialog.close_for_lock()
            continue
        try:
            if dialog.save_for_lock():
                continue
        except Exception:  # noqa: BLE001 - a failed save must not stop the lock; the draft is kept
            log.exception("%s could not save at lock", type(dialog).__name__)
        key = dialog.lock_draft_key()
        if key is None:
            dialog.close_for_lock()  # passphrases: never kept
            continue
        pending.append((dialog, key, draft))
    if pending and not keep_drafts and not confirm([d.windowTitle() for d, _k, _v in pending]):
        return False
    for dialog, key, draft in pending:
        if keep_drafts and store is not None:
            store.put(key, draft)
        dialog.close_for_lock()
    return True


# -- generic field values, for the form dialogs -------------------------------------------------
def widget_value(widget) -> object:
    """A plain value for the common editors; None for passphrase fields (never kept)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDateTimeEdit, QLineEdit, QPlainTextEdit,
                                   QSpinBox)

    if isinstance(widget, QLineEdit):
        return None if widget.echoMode() != QLineEdit.EchoMode.Normal else widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    line = getattr(widget, "line_edit", None)  # OptionalDateEdit: keep even a half-typed date
    return line.text() if isinstance(line, QLineEdit) else None


def set_widget_value(widget, value: object) -> None:
    from PySide6.QtCore import QDateTime, Qt
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDateTimeEdit, QLineEdit, QPlainTextEdit,
                                   QSpinBox)

    if value is None:
        return
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(int(value))
    elif isinstance(widget, QDateTimeEdit):
        widget.setDateTime(QDateTime.fromString(str(value), Qt.DateFormat.ISODate))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QAbstractButton):
        widget.setChecked(bool(value))
    elif isinstance(getattr(widget, "line_edit", None), QLineEdit):
        widget.line_edit.setText(str(value))
