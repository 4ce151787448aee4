"""A fictional client with an IPT episode and seven people, stored through the real services."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ipt_desktop.domain.records import ClientRecord, Relationship
from ipt_desktop.services import clients, episodes, inventory
from ipt_desktop.ui.inventory.tab import InventoryTab

PEOPLE = (
    Relationship(id="", name="Tomasz", relationship="husband", closeness=1, contact="lives with",
                 positives="Kind, steady, makes her laugh",
                 negatives="Works late; they rarely talk about the baby",
                 expectations="She expects him to notice when she is struggling; he expects to be told",
                 desired_changes="Ask for help directly", problem_area="role_dispute",
                 dispute_stage="renegotiation", notes="Disagreement about sharing night feeds."),
    Relationship(id="", name="Ada", relationship="daughter (4 months)", closeness=1, contact="all day",
                 positives="Delight", negatives="Feels she is failing her", problem_area="role_transition"),
    Relationship(id="", name="Marguerite", relationship="mother", closeness=1, contact="died last spring",
                 positives="Her closest confidante", negatives="Not there for the birth",
                 problem_area="grief", deceased=True),
    Relationship(id="", name="Lena", relationship="sister", closeness=2, contact="video call weekly",
                 positives="Practical help", negatives="Compares babies"),
    Relationship(id="", name="Ibrahim", relationship="best friend", closeness=2, contact="messages",
                 positives="Shared humour", desired_changes="Meet in person again",
                 problem_area="interpersonal_deficits"),
    Relationship(id="", name="Kerstin", relationship="manager", closeness=3, contact="on leave",
                 negatives="Worried about returning", problem_area="role_transition"),
    Relationship(id="", name="Baby group", relationship="new mothers", closeness=3, contact="Thursdays",
                 positives="Others feel the same"),
)


@dataclass
class Stored:
    client_id: str
    episode_id: str
    ids: list[str]

    def record(self, practice) -> ClientRecord:
        return clients.get_client_record(practice, client_id=self.client_id)

    def people(self, practice) -> list[Relationship]:
        episode = self.record(practice).latest_episode
        return sorted(episode.inventory, key=lambda r: r.position)


def store_fictional_client(practice, people=PEOPLE) -> Stored:
    client, _ = clients.create_client(practice, first_name="Noor", last_name="Vasquez-Hale")
    episode, _ = episodes.start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-09-07")
    ids = [inventory.add_relationship(practice, episode_id=episode.id, relationship=p)[0].id for p in people]
    return Stored(client.id, episode.id, ids)


@pytest.fixture
def stored(practice) -> Stored:
    return store_fictional_client(practice)


@pytest.fixture
def tab(qtbot, ctx, stored) -> InventoryTab:
    widget = InventoryTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 680)
    widget.show_record(stored.record(ctx.practice))
    widget.show()
    qtbot.waitExposed(widget)
    return widget
