"""Fixtures of the progress-tab tests (records are built in progress_records.py)."""

from __future__ import annotations

import pytest

from ipt_desktop.domain.records import ClientRecord

from progress_records import fictional_record


@pytest.fixture
def record() -> ClientRecord:
    return fictional_record()
