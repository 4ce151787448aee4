"""A fictional client with a freshly planned episode, made through the real services."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_episode(ctx):
    """make_episode(protocol="ipt-16", **start_episode kwargs) -> (client_id, episode)."""
    from ipt_desktop.services.clients import create_client
    from ipt_desktop.services.episodes import start_episode

    def make(protocol: str = "ipt-16", start_date: str = "2026-09-07", **kwargs):
        client, _ = create_client(ctx.practice, first_name="Robin", last_name="Testperson")
        episode, _ = start_episode(ctx.practice, client_id=client.id, protocol=protocol,
                                   start_date=start_date, session_time="09:00", **kwargs)
        return client.id, episode

    return make


@pytest.fixture
def read_record(ctx):
    from ipt_desktop.services.clients import get_client_record

    return lambda client_id: get_client_record(ctx.practice, client_id=client_id)
