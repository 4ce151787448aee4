"""Fixtures for the fault-injection suite (helpers live in reliability_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_helpers import PASSPHRASE, WriterServer

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services.practice import create_practice, unlock_key


@pytest.fixture
def practice_dir(tmp_path: Path) -> Path:
    """A fresh encrypted practice on disk, closed (children open it themselves)."""
    data_dir = tmp_path / "data"
    profile = PracticeProfile(therapist_name="Dr Fictional")
    create_practice(data_dir, passphrase=PASSPHRASE, profile=profile).close()
    return data_dir


@pytest.fixture
def practice_key(practice_dir: Path):
    """Key material stretched once for the whole test; open with open_with(clone)."""
    key = unlock_key(practice_dir, PASSPHRASE)
    yield key
    key.wipe()


@pytest.fixture
def writer(practice_dir: Path):
    server = WriterServer(practice_dir)
    yield server
    server.close()
