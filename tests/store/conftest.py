"""Store fixtures: a real, fresh ENCRYPTED practice file per test (never a mock)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_factory import STORE_PASSPHRASE

from ipt_desktop.store.engine import Database, create_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "practice.ipt"


@pytest.fixture
def db(db_path: Path):
    """A fresh encrypted practice database at head revision, disposed at teardown."""
    database: Database = create_database(db_path, STORE_PASSPHRASE)
    try:
        yield database
    finally:
        database.dispose()
