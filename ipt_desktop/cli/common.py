"""What most commands share: the passphrase prompt, opening the practice under its lock, and
writing an output file atomically."""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ipt_desktop.services.errors import NoPracticeError, PassphraseError, SaveFailedError

if TYPE_CHECKING:
    from ipt_desktop.services.practice import Practice

PASSPHRASE_ENV = "IPT_DESKTOP_PASSPHRASE"


def read_passphrase(*, confirm: bool = False) -> str:
    """$IPT_DESKTOP_PASSPHRASE, else a hidden prompt on a terminal (twice when ``confirm``).

    Without either there is no way to ask, so PassphraseError (exit 3) rather than hanging.
    """
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not (sys.stdin is not None and sys.stdin.isatty()):
        raise PassphraseError(
            f"A passphrase is needed. Set {PASSPHRASE_ENV} or run the command in a terminal.")
    first = getpass.getpass("Passphrase: ")
    if not first:
        raise PassphraseError("The passphrase must not be empty.")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise PassphraseError("The two passphrases do not match; nothing was created.")
    return first


def no_practice_error(data_dir: Path) -> NoPracticeError:
    return NoPracticeError(f"There is no practice in {data_dir}. Create one with `ipt-desktop init`.")


@contextmanager
def opened_practice(data_dir: Path) -> Iterator[Practice]:
    """The practice in ``data_dir``, locked against other windows, closed afterwards."""
    # Imported here, not at the top: `--help`/`--version` should not load the database stack.
    from ipt_desktop.paths import PracticeLock
    from ipt_desktop.services.practice import open_practice, practice_exists, practice_is_encrypted

    if not practice_exists(data_dir):
        raise no_practice_error(data_dir)
    lock = PracticeLock(data_dir)
    lock.acquire()
    try:
        passphrase = read_passphrase() if practice_is_encrypted(data_dir) else None
        practice = open_practice(data_dir, passphrase=passphrase)
        try:
            yield practice
        finally:
            practice.close()
    finally:
        lock.release()


def write_atomically(path: Path, data: str | bytes, *, prefix: str = ".ipt-", suffix: str = "") -> None:
    """Write beside the target and rename: a reader never sees half a file, and a failure (a full
    disk) leaves any earlier file of that name untouched. ``str`` is written as UTF-8 text.

    Raises SaveFailedError naming the path when the file cannot be written.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
        try:
            fh = os.fdopen(fd, "w", encoding="utf-8") if isinstance(data, str) else os.fdopen(fd, "wb")
            with fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SaveFailedError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
