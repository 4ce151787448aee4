"""Both chart tabs inside the real main window at 1280x800: they fit without sideways scrolling."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QScrollArea

from ipt_desktop.services import measures
from ipt_desktop.ui.main_window import MainWindow

PHQ9 = ([3, 3, 2, 2, 2, 2, 2, 1, 1], [2, 2, 2, 2, 2, 2, 1, 1, 0], [2, 2, 1, 1, 1, 1, 1, 1, 0],
        [1, 1, 1, 1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0], [0, 1, 0, 1, 0, 1, 0, 0, 0])


@pytest.mark.parametrize("key", ["inventory", "progress"])
def test_tab_fits_the_main_window_at_1280x800(qtbot, ctx, stored, key):
    days = ("2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12")
    for number, (day, items) in enumerate(zip(days, PHQ9), start=1):
        measures.record_measure(ctx.practice, episode_id=stored.episode_id, instrument="phq9",
                                administered_on=day, items=items, session_number=number)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.select_client(stored.client_id)
    assert window.chart.set_current_tab(key)
    tab = window.chart.tab(key)
    area = tab.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    qtbot.waitUntil(lambda: area.viewport().width() > 0 and tab.width() > 0)
    if key == "inventory":
        tab.select_person(stored.ids[0])
    # The tab fits the width the window leaves it (layout settles on the next event-loop turns).
    assert tab.minimumSizeHint().width() <= area.viewport().width()
    qtbot.waitUntil(lambda: tab.width() <= area.viewport().width() and area.horizontalScrollBar().maximum() == 0)
    os.makedirs("/tmp/shots", exist_ok=True)
    window.grab().save(f"/tmp/shots/main_window_{key}.png")
