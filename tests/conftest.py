"""Fixtures every test directory shares.

QT_QPA_PLATFORM is set before anything can import Qt so widgets render offscreen in CI.
``practice`` is a real, freshly created ENCRYPTED practice file in a temporary folder — tests
exercise the same SQLCipher path as a therapist's machine, never a mock of our storage.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

TEST_PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory (no practice yet)."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def passphrase() -> str:
    return TEST_PASSPHRASE


@pytest.fixture
def practice(data_dir: Path):
    """A freshly created encrypted practice, closed at teardown."""
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    profile = PracticeProfile(therapist_name="Dr Test Therapist", practice_name="Test Practice")
    opened = create_practice(data_dir, passphrase=TEST_PASSPHRASE, profile=profile)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def restore_logging():
    """For tests that configure the app's log file: the root logger is global, so the log-file
    handlers they add are closed and removed, and the root level put back, afterwards."""
    import logging

    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if getattr(handler, "_ipt_log_path", None) is not None:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
