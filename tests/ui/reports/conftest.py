"""Reports-tab fixtures: the tab on the demo practice, shown (it renders only when visible)."""

from __future__ import annotations

import pytest

from ipt_desktop.ui.reports.files import ViewerFiles
from ipt_desktop.ui.reports.tab import ReportsTab


@pytest.fixture
def viewer_files(tmp_path) -> ViewerFiles:
    return ViewerFiles(tmp_path / "viewer")


@pytest.fixture
def tab(demo_ctx, qtbot, viewer_files) -> ReportsTab:
    widget = ReportsTab(demo_ctx, viewer_files=viewer_files)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
