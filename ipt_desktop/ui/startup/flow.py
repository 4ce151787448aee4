"""Which start-up dialog to show, and the practice it yields.

Deciding needs only the file's first 16 bytes, so nothing of the database stack is imported
before the first window paints: no file -> "Create your practice"; a plain SQLite header ->
an unencrypted practice (opened without asking); anything else -> the unlock dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from ipt_desktop.paths import PracticeLock
from ipt_desktop.ui.startup.create_dialog import CreatePracticeDialog
from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog

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
        if state == "missing":
            dialog: QDialog = CreatePracticeDialog(self.data_dir)
            dialog.created.connect(self._on_created)
        else:
            self.lock = PracticeLock(self.data_dir)
            dialog = UnlockDialog(self.data_dir, lock=self.lock, encrypted=state == "encrypted")
            dialog.unlocked.connect(lambda practice: self.ready.emit(practice, False))
        dialog.rejected.connect(self._on_rejected)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _on_created(self, practice, is_demo: bool) -> None:
        self.lock = self.dialog.practice_lock  # type: ignore[union-attr]
        self.ready.emit(practice, is_demo)

    def _on_rejected(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.cancelled.emit()
