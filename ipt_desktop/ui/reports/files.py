"""Where report PDFs go: a file the therapist chose, or a private copy for the PDF viewer.

A saved PDF is written with QSaveFile (a temporary beside the target, renamed on commit), so an
interrupted save never leaves half a PDF under the chosen name. Copies for the system viewer
live in a per-user folder of ours (0700, files 0600), in a subfolder per running app guarded by
a QLockFile: the folder is emptied on exit (and when the practice locks), and a later start
removes folders left by an app that crashed (their lock is stale because the process is gone).
"""

from __future__ import annotations

import getpass
import logging
import os
import re
import shutil
import stat
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QIODevice, QLockFile, QSaveFile

log = logging.getLogger(__name__)
LOCK_NAME = ".in-use.lock"
KIND_SLUGS = {"session": "session-note", "progress": "progress-report", "discharge": "discharge-summary",
              "inventory": "interpersonal-inventory"}


class WriteFailed(Exception):
    """The PDF could not be written (the message is a plain sentence)."""


def report_filename(first_name: str, last_name: str, kind: str, generated_on: str,
                    session_number: int | None = None) -> str:
    """"Lindqvist-Søren-progress-report-2026-11-25.pdf": sorts by client, says what it is."""
    stem = re.sub(r"[^\w-]+", "-", f"{last_name}-{first_name}".strip(), flags=re.UNICODE).strip("-")
    stem = stem or "client"
    what = KIND_SLUGS.get(kind, kind)
    if kind == "session" and session_number is not None:
        what = f"{what}-{session_number}"
    return f"{stem}-{what}-{generated_on}.pdf"


def save_pdf(path: str | os.PathLike[str], pdf: bytes, *,
             before_commit: Callable[[], None] | None = None) -> Path:
    """Write ``pdf`` to ``path`` atomically. ``before_commit`` runs once the bytes are written but
    before the file appears (the audit event): if it raises, nothing is left at ``path``."""
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    out = QSaveFile(str(target))
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise WriteFailed(f"{target.name} could not be created: {out.errorString()}.")
    if out.write(pdf) != len(pdf):
        message = out.errorString()
        out.cancelWriting()
        out.commit()  # discards the temporary after cancelWriting()
        raise WriteFailed(f"{target.name} could not be written: {message}.")
    if before_commit is not None:
        try:
            before_commit()
        except BaseException:
            out.cancelWriting()
            out.commit()
            raise
    if not out.commit():
        raise WriteFailed(f"{target.name} could not be saved: {out.errorString()}.")
    return target


def default_viewer_root() -> Path:
    return Path(tempfile.gettempdir()) / f"ipt-desktop-{_user_tag()}"


def _user_tag() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name (some services): the uid still separates users
        name = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return re.sub(r"[^\w-]+", "_", name) or "user"


def _private_dir(path: Path) -> bool:
    """True when ``path`` is a real directory (not a symlink) that only we can use."""
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            return False  # someone else made it in a shared /tmp: never write our PDFs there
        if info.st_mode & 0o077:
            os.chmod(path, 0o700)
    return True


class ViewerFiles:
    """Private PDF copies for the system viewer, removed by ``remove_all`` and on the next start."""

    def __init__(self, root: Path | None = None) -> None:
        root = root or default_viewer_root()
        if not _private_dir(root):
            root = Path(tempfile.mkdtemp(prefix="ipt-desktop-"))
        self.root = root
        self._dir: Path | None = None
        self._lock: QLockFile | None = None
        self.sweep_orphans()

    @property
    def directory(self) -> Path | None:
        return self._dir

    def sweep_orphans(self) -> None:
        """Remove the folders of apps that are no longer running (crash, power cut)."""
        try:
            children = [child for child in self.root.iterdir() if child.is_dir() and not child.is_symlink()]
        except OSError:
            return
        for child in children:
            if child == self._dir:
                continue
            lock = QLockFile(str(child / LOCK_NAME))
            lock.setStaleLockTime(0)  # stale only when the owning process is gone
            if lock.tryLock(0):
                _remove_contents(child, keep=LOCK_NAME)
                lock.unlock()
                shutil.rmtree(child, ignore_errors=True)

    def write(self, name: str, pdf: bytes) -> Path:
        """A fresh 0600 file named ``name`` (made unique) in our folder; raises WriteFailed."""
        folder = self._ensure_dir()
        stem, suffix = os.path.splitext(name)
        path = folder / name
        counter = 2
        while path.exists():
            path = folder / f"{stem}-{counter}{suffix}"
            counter += 1
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(pdf)
        except OSError as exc:
            path.unlink(missing_ok=True)
            reason = exc.strerror or exc
            raise WriteFailed(f"A copy for the PDF viewer could not be written: {reason}.") from exc
        return path

    def remove_all(self) -> None:
        """Delete our copies now (exit, lock). A file a viewer still holds open on Windows stays
        until the next start sweeps it."""
        if self._dir is None:
            return
        _remove_contents(self._dir, keep=LOCK_NAME)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = None

    def _ensure_dir(self) -> Path:
        if self._dir is not None and self._dir.is_dir():
            return self._dir
        folder = self.root / uuid.uuid4().hex
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            reason = exc.strerror or exc
            raise WriteFailed(f"A folder for the PDF viewer could not be created: {reason}.") from exc
        lock = QLockFile(str(folder / LOCK_NAME))
        lock.setStaleLockTime(0)
        lock.tryLock(0)
        self._dir, self._lock = folder, lock
        return folder


def _remove_contents(folder: Path, *, keep: str) -> None:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name == keep:
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            log.info("a viewer copy could not be removed yet (still open?)")
