"""Which start-up dialog to show, and the practice it yields.

Deciding needs only the file's first 16 bytes, so nothing of the database stack is imported
before the first window paints: no file -> "Create your practice"; a plain SQLite header ->
an unencrypted practice (opened without asking); anything else -> the unlock dialog.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from ipt_desktop.paths import PracticeLock, open_log_file

log = logging.getLogger(__name__)

# Mirrors services.practice.DB_FILENAME and store.keys.SQLITE_HEADER without importing them
# (tests/ui/test_shell_startup.py checks they agree).
DB_FILENAME = "practice.ipt"
SQLITE_HEADER = b"SQLite format 3\x00"


def practice_file_state(data_dir: Path) -> str:
    """"missing", "plain" (unencrypted SQLite) or "encrypted"."""
    path = Path(data_dir) / DB_FILENAME
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "missing"
    except OSError:
        return "encrypted"  # unreadable: the unlock dialog will say what is wrong
    return "plain" if head == SQLITE_HEADER else "encrypted"


class StartupFlow(QObject):
    """``start()`` shows the right dialog; ``ready(practice, is_demo)`` or ``cancelled`` follows.

    ``lock`` is the PracticeLock held for the opened practice (release it at quit).
    """

    ready = Signal(object, bool)
    cancelled = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock: PracticeLock | None = None
        self.dialog: QDialog | None = None

    def start(self) -> QDialog:
        state = practice_file_state(self.data_dir)
        # Only the dialog that is shown is imported: the create dialog's modules cost ~50 ms of a
        # start-up that unlocks (docs/performance.md).
        if state == "missing":
            from ipt_desktop.ui.startup.create_dialog import CreatePracticeDialog

            dialog: QDialog = CreatePracticeDialog(self.data_dir)
            dialog.created.connect(self._on_created)
        else:
            from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog

            self.lock = PracticeLock(self.data_dir)
            # check_now=False: the main window runs the file's quick check in a worker once it is
            # usable (ui.file_check); it was 0.7 s of the wait on a 2,000-client practice.
            dialog = UnlockDialog(self.data_dir, lock=self.lock, encrypted=state == "encrypted",
                                  check_now=False)
            dialog.unlocked.connect(lambda practice: self.ready.emit(practice, False))
        dialog.rejected.connect(self._on_rejected)
        self.dialog = dialog
        dialog.installEventFilter(self)  # to preload modules after the first paint
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.dialog and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, open_log_file)  # held back for the first paint (paths)
            QTimer.singleShot(0, preload_database_stack)
        return False

    def _on_created(self, practice, is_demo: bool) -> None:
        self.lock = self.dialog.practice_lock  # type: ignore[union-attr]
        self.ready.emit(practice, is_demo)

    def _on_rejected(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.cancelled.emit()


def preload_database_stack() -> None:
    """Import, in a background thread while the therapist types the passphrase, what Unlock needs
    next: services.practice (sqlmodel, SQLAlchemy, sqlcipher3: ~0.9 s) for the key derivation
    worker, then the main window and its tab modules (~0.3 s), so Unlock waits only for the key
    derivation and the window build (docs/performance.md). Started after the first paint, because
    imports hold the GIL for most of that time. Module imports only: no widget, no Qt object
    that needs the GUI thread, no file is touched. A failure is left for the real import to
    raise where it is handled."""
    if "ipt_desktop.services.practice" in sys.modules:
        return

    def run() -> None:
        names = ["ipt_desktop.services.practice", "ipt_desktop.services.clients",
                 "ipt_desktop.ui.main_window"]
        try:
            from ipt_desktop.ui.chart.tabs import TAB_SPECS

            names += [spec.module for spec in TAB_SPECS]
        except Exception:  # noqa: BLE001 - the real import raises it again where it is handled
            log.debug("preloading the chart tabs list failed", exc_info=True)
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - e.g. an optional tab not installed: the chart says so
                log.debug("preloading %s failed", name, exc_info=True)

    threading.Thread(target=run, name="preload-modules", daemon=True).start()
