"""Run one slow call (key derivation, first import of the database stack) off the GUI thread.

The call must not touch widgets. When it ends, ``done(result, error)`` is emitted on the GUI
thread (queued from QThread.finished), with exactly one of the two set. Tests wait on ``done``.
``finish_now()`` waits for the call and delivers ``done`` at once, for a caller that must not go
on before it (locking while a backup is being written); the queued delivery then does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class _Thread(QThread):
    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._fn()
        except BaseException as exc:  # handed to the GUI thread, which decides what to show
            self.error = exc


class BackgroundCall(QObject):
    done = Signal(object, object)  # result, error (an exception or None)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = _Thread(fn, self)
        self._delivered = False
        # finished is emitted from the worker thread; the receiver lives in the GUI thread, so
        # the slot runs there (queued) once run() has returned.
        self._thread.finished.connect(self._on_finished)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)

    def finish_now(self) -> bool:
        """Block until the call returned, then emit ``done`` now if it was not emitted yet. False
        when it was never started."""
        if not self._thread.isRunning() and not self._thread.isFinished():
            return False
        self._thread.wait()
        self._on_finished()
        return True

    def retire(self) -> None:
        """From the ``done`` slot: let the thread end (``finished`` is emitted just before it
        does), then delete the call from the event loop."""
        self._thread.wait()
        self.deleteLater()

    def _on_finished(self) -> None:
        if self._delivered:
            return
        self._delivered = True
        thread = self._thread
        self.done.emit(thread.result, thread.error)
        # Drop the references (the key material included) as soon as the receiver has them.
        thread.result = thread.error = None


def show_busy(dialog: QWidget, busy: bool, inputs: Iterable[QWidget | None]) -> None:
    """While a BackgroundCall runs: inputs disabled (no second start) and a busy cursor; undone after.

    ``None`` entries are skipped, for widgets a dialog builds only in some modes.
    """
    for widget in inputs:
        if widget is not None:
            widget.setEnabled(not busy)
    if busy:
        from PySide6.QtCore import Qt  # not at import: see QT_NAMESPACE_NOTE in ui.theme

        dialog.setCursor(Qt.CursorShape.BusyCursor)
    else:
        dialog.unsetCursor()
