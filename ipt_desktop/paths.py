"""Where the practice lives on disk, the single-window lock, and the log file.

QtCore only (allowed by tests/test_layers.py): QStandardPaths gives the per-user application
data folder on every platform, and QLockFile gives a lock that survives a crash (a lock left by
a dead process is detected and taken over). The GUI and the CLI both take the lock before
opening the practice; services never import Qt.
"""

from __future__ import annotations

import atexit
import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QStandardPaths

from ipt_desktop import APP_NAME
from ipt_desktop.services.errors import PracticeInUseError

DATA_DIR_ENV = "IPT_DESKTOP_DATA_DIR"
LOCK_FILENAME = "practice.lock"
LOG_DIRNAME = "logs"
LOG_FILENAME = "ipt-desktop.log"
IN_USE_MESSAGE = "This practice is already open in another IPT Desktop window."


def default_data_dir() -> Path:
    """The per-user application data folder: ``~/.local/share/IPT Desktop`` on Linux,
    ``%APPDATA%\\IPT Desktop`` on Windows, ``~/Library/Application Support/IPT Desktop`` on macOS."""
    # AppDataLocation is <base>/<organization>/<application>. The GUI sets both names to
    # "IPT Desktop" (for QSettings), which would give ".../IPT Desktop/IPT Desktop" and, worse, a
    # different folder depending on who asked first. Ask with exactly one "IPT Desktop" level and
    # put the names back, so the CLI and the GUI always agree.
    organization = QCoreApplication.organizationName()
    application = QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_NAME)
    try:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        QCoreApplication.setOrganizationName(organization)
        if application:
            QCoreApplication.setApplicationName(application)
    if not location:
        # No writable home (a locked-down account): fall back to a folder beside the user's home.
        location = str(Path.home() / ".ipt-desktop")
    return Path(location)


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir first, then $IPT_DESKTOP_DATA_DIR, then the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(DATA_DIR_ENV, "").strip()
    if env_value:
        return Path(env_value).expanduser()
    return default_data_dir()


class PracticeLock:
    """One IPT Desktop (window or command) per data directory at a time.

    Use ``acquire()`` (raises PracticeInUseError) or ``try_acquire()`` (returns False); always
    ``release()`` — or use it as a context manager.
    """

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_FILENAME
        self._lock = QLockFile(str(self.path))
        # 0 = never treat a lock as stale because of its age. Qt's default (30 s) would let a
        # second window steal the lock from a first one that has simply been open for a while;
        # a lock left by a crashed process is still taken over, because QLockFile checks whether
        # the recorded process is alive.
        self._lock.setStaleLockTime(0)

    def try_acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock.tryLock(0)

    def acquire(self) -> None:
        if not self.try_acquire():
            raise PracticeInUseError(IN_USE_MESSAGE)

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def __enter__(self) -> PracticeLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def log_file(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIRNAME / LOG_FILENAME


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path, *, level: int = logging.INFO,
                      after_first_paint: bool = False) -> Path | None:
    """Send the app's log (tracebacks included, never clinical text) to a rotating file.

    Returns the log path, or None when the folder cannot be written (logging is then left
    unconfigured rather than stopping the app). ``after_first_paint`` (the GUI): the file is
    opened by ``open_log_file()`` once the first window has painted, see _HeldUntilFirstPaint.
    """
    path = log_file(data_dir)
    root = logging.getLogger()
    for handler in list(root.handlers):
        # Idempotent, and one log file at a time: the CLI tests call main() many times in one
        # process with different data directories.
        previous = getattr(handler, "_ipt_log_path", None)
        if previous == str(path):
            return path
        if previous is not None:
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _HeldUntilFirstPaint(path) if after_first_paint else _rotating_file(path)
    except OSError:
        return None
    handler._ipt_log_path = str(path)  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def open_log_file() -> None:
    """Open the log file a GUI start left for after its first paint (no-op otherwise)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _HeldUntilFirstPaint):
            handler.open()


def _rotating_file(path: Path) -> logging.Handler:
    # Imported here: logging.handlers brings socket and pickle, ~6 ms of a 150 ms GUI start.
    import logging.handlers

    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    return handler


class _HeldUntilFirstPaint(logging.Handler):
    """The log file of a GUI start, opened only after the first window has painted.

    Until ``open()`` the records (the first fraction of a second) are held in memory, then
    written first, in order. An ERROR or worse opens the file at once, and so does the
    interpreter's exit, so a start that fails early still leaves its traceback in the file.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None
        self._held: list[logging.LogRecord] = []
        atexit.register(self.open)

    def open(self) -> None:
        with self.lock:  # the same lock handle() holds around emit(): records stay in order
            if self._file is not None:
                return
            try:
                self._file = _rotating_file(self.path)
            except OSError:  # as configure_logging: an unwritable log never stops the app
                self._file = logging.NullHandler()
            held, self._held = self._held, []
            for record in held:
                self._file.handle(record)

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None and record.levelno < logging.ERROR:
            self._held.append(record)
            return
        self.open()
        self._file.handle(record)  # type: ignore[union-attr]

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        atexit.unregister(self.open)
        if self._file is not None:
            self._file.close()
        super().close()
