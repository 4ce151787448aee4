"""Service-test helpers: reopen the real practice file to prove what was persisted."""

from __future__ import annotations

import pytest

from ipt_desktop.services.clients import create_client
from ipt_desktop.services.episodes import start_episode
from ipt_desktop.services.practice import open_practice


@pytest.fixture
def reopen(practice, passphrase):
    """Close the fixture's practice and return a freshly opened one on the same file (closed at
    teardown), so assertions read what is on disk rather than anything cached."""
    opened = []

    def _reopen():
        if not practice.closed:
            practice.close()
        if opened and not opened[-1].closed:
            opened[-1].close()
        fresh = open_practice(practice.data_dir, passphrase=passphrase)
        opened.append(fresh)
        return fresh

    yield _reopen
    for p in opened:
        p.close()


@pytest.fixture
def client(practice):
    created, _ = create_client(practice, first_name="Zoë", last_name="Łukasiewicz", date_of_birth="1990-05-17")
    return created


@pytest.fixture
def episode(practice, client):
    created, _ = start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-03-02",
                               session_time="09:30")
    return created
