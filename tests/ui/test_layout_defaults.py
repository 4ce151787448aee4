"""The window at 1280x800 on first run: the chart gets the room, nothing scrolls sideways, and
the splitters inside the Inventory and Progress tabs are remembered (UiSettings)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt

from ipt_desktop.services.demo_data import role_dispute
from ipt_desktop.ui.client_list.model import NAME, NEXT, PROTOCOL
from ipt_desktop.ui.inventory.tab import InventoryTab
from ipt_desktop.ui.main_window import MainWindow, default_split
from ipt_desktop.ui.progress.tab import ProgressTab
from ipt_desktop.ui.settings import UiSettings


@pytest.fixture
def window(show_main_window):
    win = show_main_window(size=(1280, 800))
    win.select_client(role_dispute.CLIENT_ID)
    return win


def test_the_first_run_split_favours_the_chart():
    assert default_split(1280) == [500, 780]
    small = default_split(900)
    assert small[0] < 500 and small[1] >= small[0] * 1.5  # the chart keeps 60 % or more


def test_at_1280x800_neither_the_list_nor_a_chart_tab_scrolls_sideways(window, qtbot):
    assert abs(window.splitter.sizes()[0] - 500) <= 12
    table = window.client_list.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    assert not table.horizontalScrollBar().isVisible()
    # Every column the issue lists is visible by default, and still fits without scrolling.
    assert not table.isColumnHidden(PROTOCOL) and not table.isColumnHidden(NEXT)
    # The name column takes the rest: readable, not squeezed by the compact columns.
    assert table.columnWidth(NAME) >= 90
    for key in ("overview", "inventory", "timeline", "progress"):
        window.chart.set_current_tab(key)
        area = window.chart.tab_widget.currentWidget()
        # A tab shown for the first time is laid out on the next event-loop passes.
        qtbot.waitUntil(lambda: area.widget().width() >= area.viewport().width() > 0)
        qtbot.waitUntil(lambda: not area.horizontalScrollBar().isVisible(), timeout=3000)
        assert area.widget().minimumSizeHint().width() <= area.viewport().width(), key


def test_a_saved_main_split_wins_over_the_default(qtbot, demo_ctx):
    demo_ctx.settings.set_splitter_sizes([300, 700])
    win = MainWindow(demo_ctx, demo=True)
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    try:
        assert abs(win.splitter.sizes()[0] - 300) <= 12
    finally:
        win.close()


def test_splitter_state_round_trips_through_the_ini_file(tmp_path, qapp):
    ini = str(tmp_path / "s.ini")
    settings = UiSettings(QSettings(ini, QSettings.Format.IniFormat))
    assert settings.splitter_state("inventory/horizontal") is None
    settings.set_splitter_state("inventory/horizontal", QByteArray(b"\x00\xff\x01state"))
    settings.sync()
    again = UiSettings(QSettings(ini, QSettings.Format.IniFormat))
    assert bytes(again.splitter_state("inventory/horizontal")) == b"\x00\xff\x01state"


@pytest.mark.parametrize("cls, attribute, key", [
    (InventoryTab, "splitter", "inventory/horizontal"),
    (InventoryTab, "vertical", "inventory/vertical"),
    (ProgressTab, "splitter", "progress/vertical"),
    (ProgressTab, "lower_splitter", "progress/tables"),
])
def test_a_dragged_tab_splitter_is_restored_in_a_new_tab(qtbot, ctx, cls, attribute, key):
    first = cls(ctx)
    qtbot.addWidget(first)
    first.resize(900, 700)
    first.show()
    qtbot.waitExposed(first)
    splitter = getattr(first, attribute)
    horizontal = splitter.orientation() == Qt.Orientation.Horizontal
    total = sum(splitter.sizes())
    splitter.moveSplitter(int(total * 0.3), 1)  # as a drag of the handle does
    dragged = splitter.sizes()
    assert ctx.settings.splitter_state(key) is not None
    second = cls(ctx)
    qtbot.addWidget(second)
    second.resize(900, 700)
    second.show()
    qtbot.waitExposed(second)
    restored = getattr(second, attribute).sizes()
    assert abs(restored[0] - dragged[0]) <= 12, (horizontal, dragged, restored)
