"""Helpers shared by the reports-tab tests (module name unique across the test tree)."""

from __future__ import annotations

from ipt_desktop.services.clients import get_client_record
from ipt_desktop.ui.reports.tab import ReportsTab


def record(ctx, client_id: str):
    return get_client_record(ctx.practice, client_id=client_id)


def show_and_wait(qtbot, tab: ReportsTab, ctx, client_id: str, kind: str = "progress",
                  session_number: int | None = None) -> int:
    """Show the client, choose ``kind`` and wait for the preview; returns the page count."""
    with qtbot.waitSignal(tab.preview_ready, timeout=30000) as blocker:
        tab.show_record(record(ctx, client_id))
        if kind != tab.chooser.current_kind() or session_number is not None:
            assert tab.set_kind(kind, session_number)
    return blocker.args[0]
