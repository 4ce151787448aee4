"""Data directory resolution, the practice lock and the log file (QtCore only, no QApplication)."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from ipt_desktop.paths import (
    LOCK_FILENAME, PracticeLock, configure_logging, default_data_dir, log_file, open_log_file,
    resolve_data_dir,
)
from ipt_desktop.services.errors import PracticeInUseError


def test_flag_then_environment_then_default(tmp_path, monkeypatch):
    monkeypatch.setenv("IPT_DESKTOP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "flag")) == tmp_path / "flag"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("IPT_DESKTOP_DATA_DIR")
    assert resolve_data_dir(None) == default_data_dir()


def test_default_folder_is_the_same_whoever_asks_first():
    from PySide6.QtCore import QCoreApplication

    before = default_data_dir()
    assert before.name == "IPT Desktop" and before.parent.name != "IPT Desktop"
    organization, application = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName("IPT Desktop")  # as the GUI does for QSettings
    QCoreApplication.setApplicationName("IPT Desktop")
    try:
        assert default_data_dir() == before
        assert QCoreApplication.organizationName() == "IPT Desktop"  # names put back
    finally:
        QCoreApplication.setOrganizationName(organization)
        QCoreApplication.setApplicationName(application)


def test_lock_is_exclusive_and_released(data_dir):
    first, second = PracticeLock(data_dir), PracticeLock(data_dir)
    first.acquire()
    try:
        assert (data_dir / LOCK_FILENAME).exists()
        assert not second.try_acquire()
        with pytest.raises(PracticeInUseError, match="already open in another IPT Desktop window"):
            second.acquire()
    finally:
        first.release()
    with second:
        assert second.held
    assert not second.held


def test_lock_left_by_a_crashed_process_is_taken_over(data_dir):
    # The child takes the lock and dies without unlocking (os._exit skips every cleanup).
    code = ("import os, sys; from pathlib import Path; from ipt_desktop.paths import PracticeLock;"
            "lock = PracticeLock(Path(sys.argv[1])); assert lock.try_acquire(); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True, timeout=60)
    assert (data_dir / LOCK_FILENAME).exists()
    lock = PracticeLock(data_dir)
    assert lock.try_acquire()
    lock.release()


def test_log_file_receives_records(data_dir):
    path = configure_logging(data_dir)
    assert path == log_file(data_dir) == data_dir / "logs" / "ipt-desktop.log"
    assert configure_logging(data_dir) == path  # idempotent: one handler
    logging.getLogger("ipt_desktop.test").warning("a plain event")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "a plain event" in path.read_text(encoding="utf-8")


@pytest.fixture
def held_log(data_dir, restore_logging):
    """A GUI start's log: held in memory until open_log_file(); removed again afterwards."""
    return configure_logging(data_dir, after_first_paint=True)


def _text(path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_gui_start_writes_its_early_records_once_the_window_painted(held_log):
    logging.getLogger("ipt_desktop.test").info("before the first paint")
    assert "before the first paint" not in _text(held_log)  # held, not in the file yet
    open_log_file()
    logging.getLogger("ipt_desktop.test").info("after it")
    text = _text(held_log)
    assert text.index("before the first paint") < text.index("after it")
    open_log_file()  # a second call (every unlock dialog paints) writes nothing twice
    assert _text(held_log).count("before the first paint") == 1


def test_an_error_before_the_first_paint_is_written_at_once(held_log):
    log = logging.getLogger("ipt_desktop.test")
    log.info("what led up to it")
    log.error("the start failed")
    text = _text(held_log)
    assert text.index("what led up to it") < text.index("the start failed")


def test_a_start_that_exits_before_any_paint_still_leaves_its_log(data_dir):
    code = ("import logging, sys; from pathlib import Path; from ipt_desktop.paths import configure_logging; "
            "configure_logging(Path(sys.argv[1]), after_first_paint=True); "
            "logging.getLogger('ipt_desktop.test').info('quit before the first paint')")
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True, timeout=60)
    assert "quit before the first paint" in log_file(data_dir).read_text(encoding="utf-8")
