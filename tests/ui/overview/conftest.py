"""An Overview tab wired like the main window does it: re-read the record on every change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ipt_desktop.services import clients as client_service
from ipt_desktop.services import episodes as episode_service
from ipt_desktop.ui.overview.tab import OverviewTab


@pytest.fixture
def client_with_episode(ctx):
    client, _ = client_service.create_client(
        ctx.practice, first_name="Sam", last_name="Example", preferred_name="Sammy",
        date_of_birth="1979-03-02", pronouns="he/him", phone="020 7946 0000", referral_source="GP")
    episode, _ = episode_service.start_episode(ctx.practice, client_id=client.id, protocol="ipt-16",
                                               start_date="2026-09-07", diagnosis="MDD")
    return client, episode


@pytest.fixture
def tab(qtbot, ctx, client_with_episode):
    client, _ = client_with_episode
    widget = OverviewTab(ctx)
    qtbot.addWidget(widget)

    def refresh(changes) -> None:  # what the main window does on ctx.hub.changed
        if widget.record is not None and widget.record.client.id in changes.client_ids:
            widget.show_record(client_service.get_client_record(ctx.practice, client_id=client.id))

    ctx.hub.changed.connect(refresh)
    widget.resize(1100, 720)
    widget.show()
    widget.show_record(client_service.get_client_record(ctx.practice, client_id=client.id))
    return widget


@pytest.fixture
def stored_episode(ctx):
    """Read the client's latest episode back from the database."""
    def read(client_id: str):
        return client_service.get_client_record(ctx.practice, client_id=client_id).latest_episode
    return read


@pytest.fixture
def answer_next_dialog():
    return _answer_next_dialog


def _answer_next_dialog(qtbot, fill) -> list[str]:
    """Run ``fill(dialog)`` on the next modal dialog as soon as it opens (it must close it)."""
    seen: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handle)
            return
        seen.append(type(dialog).__name__)
        fill(dialog)

    QTimer.singleShot(0, handle)
    return seen

