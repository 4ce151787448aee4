"""The closeness circle: dragging changes the stored ring, selection follows the table both ways,
and people can be added, removed (after confirming) and reordered."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt

from ipt_desktop.ui.inventory import table_model as tm


def _point(pointf) -> QPoint:
    return QPoint(round(pointf.x()), round(pointf.y()))


def test_dragging_a_marker_from_the_inner_to_the_outer_ring_stores_closeness_3(tab, stored, ctx, qtbot):
    tomasz = stored.ids[0]
    circle = tab.circle
    start = circle.marker_centre(tomasz)
    assert circle.ring_at(start) == 1
    target = circle.ring_point(3, degrees=200)
    with qtbot.waitSignal(ctx.hub.changed, timeout=2000):
        qtbot.mousePress(circle, Qt.MouseButton.LeftButton, pos=_point(start))
        qtbot.mouseMove(circle, _point((start + target) / 2))
        qtbot.mouseMove(circle, _point(target))
        qtbot.mouseRelease(circle, Qt.MouseButton.LeftButton, pos=_point(target))
    assert next(p for p in stored.people(ctx.practice) if p.id == tomasz).closeness == 3
    # Snapped onto ring 3 (its layout slot, not where the mouse let go) and shown in the table.
    snapped = circle.marker_centre(tomasz)
    radius = math.hypot(snapped.x() - circle.centre().x(), snapped.y() - circle.centre().y())
    assert 2 * circle.ring_width() < radius <= 3 * circle.ring_width()
    assert tab.model.data(tab.model.index(tab.model.row_of(tomasz), tm.COL_CLOSENESS)) == "3 \u00b7 Outer"
    assert circle.selected_id() == tomasz == tab.selected_id()


def test_dropping_in_the_same_ring_or_a_plain_click_writes_nothing(tab, stored, ctx, qtbot):
    lena = stored.ids[3]
    circle = tab.circle
    with qtbot.assertNotEmitted(ctx.hub.changed):
        start = circle.marker_centre(lena)
        qtbot.mouseClick(circle, Qt.MouseButton.LeftButton, pos=_point(start))
        assert circle.drop_marker(lena, circle.ring_point(2, degrees=10)) == 2
    assert next(p for p in stored.people(ctx.practice) if p.id == lena).closeness == 2


def test_keys_1_to_3_move_the_selected_person_like_a_drag(tab, stored, ctx, qtbot):
    kerstin = stored.ids[5]
    tab.select_person(kerstin)
    tab.circle.setFocus()
    qtbot.keyClick(tab.circle, Qt.Key.Key_1)
    assert next(p for p in stored.people(ctx.practice) if p.id == kerstin).closeness == 1


def test_selecting_a_table_row_selects_the_marker_and_clicking_a_marker_selects_the_row(tab, stored, qtbot):
    # Table -> circle (and the detail editor follows).
    row = tab.model.row_of(stored.ids[4])
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualRect(tab.model.index(row, tm.COL_NAME)).center())
    assert tab.circle.selected_id() == stored.ids[4]
    assert tab.detail.person().name == "Ibrahim"
    # Circle -> table.
    marguerite = stored.ids[2]
    qtbot.mouseClick(tab.circle, Qt.MouseButton.LeftButton, pos=_point(tab.circle.marker_centre(marguerite)))
    assert tab.table.currentIndex().row() == tab.model.row_of(marguerite)
    assert tab.table.selectionModel().isRowSelected(tab.model.row_of(marguerite))
    assert tab.detail.person().name == "Marguerite"


def test_add_person_is_stored_and_opens_the_name_for_typing(tab, stored, ctx, qtbot):
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    people = stored.people(ctx.practice)
    assert len(people) == 8 and people[-1].name == "New person" and people[-1].closeness == 2
    assert tab.selected_id() == people[-1].id
    assert tab.table.state() == tab.table.State.EditingState
    assert tab.circle.marker_centre(people[-1].id) is not None


def test_remove_asks_first_and_keep_changes_nothing(tab, stored, ctx, qtbot):
    ctx.interaction.confirm_answers = [False, True]
    tab.select_person(stored.ids[5])  # Kerstin
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert len(stored.people(ctx.practice)) == 7
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    names = [p.name for p in stored.people(ctx.practice)]
    assert "Kerstin" not in names and len(names) == 6
    confirms = [m for m in ctx.interaction.messages if m[0] == "confirm"]
    assert len(confirms) == 2 and "Kerstin" in confirms[0][2]
    assert tab.model.rowCount() == 6 and tab.circle.marker_centre(stored.ids[5]) is None
    assert tab.selected_id() == stored.ids[6]  # the next person is selected
    # The Delete key asks the same question.
    ctx.interaction.confirm_answers = [False]
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [m for m in ctx.interaction.messages if m[0] == "confirm"][-1][2].startswith("Remove Baby group")


def test_move_up_and_down_reorder_the_stored_inventory(tab, stored, ctx, qtbot):
    lena = stored.ids[3]
    tab.select_person(lena)
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    order = [p.name for p in stored.people(ctx.practice)]
    assert order[:4] == ["Tomasz", "Lena", "Ada", "Marguerite"]
    assert [p.position for p in stored.people(ctx.practice)] == list(range(7))
    assert tab.selected_id() == lena and tab.model.row_of(lena) == 1
    qtbot.mouseClick(tab.down_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in stored.people(ctx.practice)][1:3] == ["Ada", "Lena"]
    tab.select_person(stored.ids[0])
    assert not tab.up_button.isEnabled()


def test_screenshot_at_1280x800(tab, stored, qtbot, tmp_path):
    tab.resize(1280, 800)
    tab.select_person(stored.ids[0])
    qtbot.waitUntil(lambda: tab.width() == 1280)
    import os

    os.makedirs("/tmp/shots", exist_ok=True)
    assert tab.grab().save("/tmp/shots/inventory_tab.png")
    # Every marker and its name lie inside the circle widget (nothing clipped at this size).
    for person_id in stored.ids:
        centre = tab.circle.marker_centre(person_id)
        assert tab.circle.rect().contains(_point(centre))


def test_with_the_main_window_refreshing_on_every_change_edits_stay_consistent(tab, stored, ctx, qtbot):
    # What the main window does: re-read the record after any change and show it again.
    from ipt_desktop.services import clients

    refreshes = []

    def refresh(_changes):
        refreshes.append(1)
        tab.show_record(clients.get_client_record(ctx.practice, client_id=stored.client_id))

    ctx.hub.changed.connect(refresh)
    try:
        tab.select_person(stored.ids[3])  # Lena
        assert tab.model.setData(tab.model.index(tab.model.row_of(stored.ids[3]), tm.COL_CONTACT), "daily")
        assert tab.selected_id() == stored.ids[3]
        assert tab.circle.drop_marker(stored.ids[3], tab.circle.ring_point(1)) == 1
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(tab.table.indexWidget(tab.table.currentIndex()), Qt.Key.Key_Escape)
        new_id = tab.selected_id()
        tab.move_selected(-1)
        assert tab.selected_id() == new_id and tab.model.row_of(new_id) == 6
    finally:
        ctx.hub.changed.disconnect(refresh)
    lena = next(p for p in stored.people(ctx.practice) if p.id == stored.ids[3])
    assert (lena.contact, lena.closeness) == ("daily", 1)
    assert len(refreshes) == 4 and tab.model.rowCount() == 8
