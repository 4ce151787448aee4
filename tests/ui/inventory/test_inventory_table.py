"""Editing the inventory in the table stores the value (read back through the services)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QComboBox, QLineEdit

from ipt_desktop.domain.records import Relationship
from ipt_desktop.ui.inventory import table_model as tm


def _index(tab, name: str, column: int):
    row = next(r for r, rel in enumerate(tab.model.rows()) if rel.name == name)
    return tab.model.index(row, column)


def _stored(stored, practice, name: str) -> Relationship:
    return next(p for p in stored.people(practice) if p.name == name)


def test_model_passes_qt_model_tester(qapp):
    model = tm.InventoryTableModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    people = [Relationship(id=str(i), name=f"P{i}", relationship="friend", closeness=1 + i % 3, position=i,
                           problem_area="role_dispute" if i == 1 else None, deceased=i == 2,
                           positives="line one\nline two " * 10)
              for i in range(4)]
    model.set_rows(people)
    model.set_rows([dataclasses.replace(people[0], name="Renamed")] + people[1:])  # in place
    model.set_rows(people[1:])  # reset
    assert model.rowCount() == 3
    assert model.data(model.index(0, tm.COL_CLOSENESS)) == "2 \u00b7 Middle"
    assert model.data(model.index(1, tm.COL_DECEASED), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(1, tm.COL_NAME)) == "P2 \u2020"
    assert model.data(model.index(0, tm.COL_POSITIVES)).endswith("\u2026")  # a preview, not the whole text
    assert model.data(model.index(0, tm.COL_NAME), tm.OBJECT_ROLE) == people[1]
    model.set_rows([])
    assert model.rowCount() == 0


def test_typing_a_new_name_in_the_table_is_stored(tab, stored, ctx, qtbot):
    index = _index(tab, "Lena", tm.COL_NAME)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Lena Marie")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: tab.table.state() != tab.table.State.EditingState)
    assert _stored(stored, ctx.practice, "Lena Marie").relationship == "sister"
    assert tab.model.data(index) == "Lena Marie"
    assert ctx.save_state.state == "saved"


def test_choosing_a_problem_area_and_dispute_stage_with_the_combo_is_stored(tab, stored, ctx, qtbot):
    stage = _index(tab, "Lena", tm.COL_STAGE)
    assert not tab.model.flags(stage) & Qt.ItemFlag.ItemIsEditable  # only for a role dispute
    area = _index(tab, "Lena", tm.COL_AREA)
    tab.table.setCurrentIndex(area)
    tab.table.edit(area)
    combo = tab.table.indexWidget(area)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())][1:] == [
        "Grief", "Role disputes", "Role transitions", "Interpersonal deficits"]
    combo.setCurrentIndex(combo.findData("role_dispute"))
    combo.activated.emit(combo.currentIndex())
    assert _stored(stored, ctx.practice, "Lena").problem_area == "role_dispute"

    assert tab.model.flags(stage) & Qt.ItemFlag.ItemIsEditable
    tab.table.setCurrentIndex(stage)
    tab.table.edit(stage)
    combo = tab.table.indexWidget(stage)
    combo.setCurrentIndex(combo.findData("impasse"))
    combo.activated.emit(combo.currentIndex())
    assert _stored(stored, ctx.practice, "Lena").dispute_stage == "impasse"
    assert tab.model.data(stage) == "Impasse"

    # Leaving the role dispute drops the stage rather than keeping an invisible one.
    assert tab.model.setData(area, "grief")
    lena = _stored(stored, ctx.practice, "Lena")
    assert (lena.problem_area, lena.dispute_stage) == ("grief", None)


def test_closeness_and_deceased_edits_are_stored(tab, stored, ctx):
    assert tab.model.setData(_index(tab, "Ibrahim", tm.COL_CLOSENESS), 3)
    assert tab.model.setData(_index(tab, "Ibrahim", tm.COL_DECEASED), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)
    ibrahim = _stored(stored, ctx.practice, "Ibrahim")
    assert (ibrahim.closeness, ibrahim.deceased) == (3, True)
    # The circle follows: a hollow marker in the outer ring.
    assert tab.circle.ring_at(tab.circle.marker_centre(ibrahim.id)) == 3


def test_an_empty_name_is_refused_beside_the_table_and_nothing_changes(tab, stored, ctx):
    index = _index(tab, "Kerstin", tm.COL_NAME)
    assert tab.model.setData(index, "   ")
    assert tab.error_label.isVisibleTo(tab) and "empty" in tab.error_label.text()
    assert "Name" in tab.error_label.text()
    assert tab.model.data(index) == "Kerstin"  # the stored value is back on screen
    assert _stored(stored, ctx.practice, "Kerstin").name == "Kerstin"
    assert not [m for m in ctx.interaction.messages if m[0] == "warn"]  # no dialog for a typo


def test_long_fields_autosave_from_the_detail_editor(tab, stored, ctx, qtbot):
    tab.select_person(stored.ids[3])  # Lena
    box = tab.detail.editors["expectations"]
    box.setFocus()
    qtbot.keyClicks(box, "She hopes Lena will visit")
    assert ctx.save_state.state == "pending"
    qtbot.waitUntil(lambda: _stored(stored, ctx.practice, "Lena").expectations == "She hopes Lena will visit",
                    timeout=5000)
    assert ctx.save_state.state == "saved"
    assert tab.model.data(_index(tab, "Lena", tm.COL_EXPECTATIONS)) == "She hopes Lena will visit"


def test_flush_saves_typing_at_once_and_a_refresh_keeps_unsaved_text(tab, stored, ctx, qtbot):
    tab.select_person(stored.ids[0])  # Tomasz
    box = tab.detail.editors["notes"]
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, " Talked on Sunday.")
    # The main window re-reads the record after any change: it must not wipe what is being typed.
    tab.show_record(stored.record(ctx.practice))
    assert box.toPlainText().endswith("Talked on Sunday.")
    assert tab.selected_id() == stored.ids[0]
    assert tab.flush() is True
    assert _stored(stored, ctx.practice, "Tomasz").notes == "Disagreement about sharing night feeds. Talked on Sunday."


def test_show_record_none_clears_everything(tab):
    tab.show_record(None)
    assert tab.model.rowCount() == 0
    assert tab.detail.person() is None
    assert not tab.add_button.isEnabled()


def test_every_save_broadcasts_an_inventory_change(tab, stored, ctx, qtbot):
    with qtbot.waitSignal(ctx.hub.changed) as signal:
        tab.model.setData(_index(tab, "Ada", tm.COL_CONTACT), "every day")
    assert signal.args[0].touches("inventory") and stored.client_id in signal.args[0].client_ids


def test_a_failed_write_keeps_typing_restores_the_table_and_warns_once(tab, stored, ctx, qtbot):
    tab.select_person(stored.ids[1])  # Ada
    box = tab.detail.editors["negatives"]
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    ctx.practice.close()  # every write now fails with a ServiceError, as a vanished disk would
    qtbot.keyClicks(box, " Sleepless nights.")
    assert tab.flush() is False
    assert box.toPlainText() == "Feels she is failing her Sleepless nights."
    assert ctx.save_state.state == "failed"
    assert tab.model.setData(_index(tab, "Ada", tm.COL_RELATIONSHIP), "baby daughter")
    assert tab.model.data(_index(tab, "Ada", tm.COL_RELATIONSHIP)) == "daughter (4 months)"
    warnings = [msg for msg in ctx.interaction.messages if msg[0] == "warn"]
    assert len(warnings) == 1 and "closed" in warnings[0][2]
    assert tab.flush() is False  # still pending, still on screen
    assert box.toPlainText().endswith("Sleepless nights.")


def test_space_on_the_deceased_cell_toggles_and_stores_it(tab, stored, ctx, qtbot):
    index = _index(tab, "Lena", tm.COL_DECEASED)
    tab.table.setFocus()
    tab.table.setCurrentIndex(index)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert _stored(stored, ctx.practice, "Lena").deceased is True
    assert tab.model.data(_index(tab, "Lena", tm.COL_NAME)) == "Lena \u2020"


def test_flush_commits_a_cell_that_is_still_being_typed_in(tab, stored, ctx, qtbot):
    index = _index(tab, "Kerstin", tm.COL_CONTACT)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "back in March")
    assert tab.flush() is True  # Ctrl+S, switching client, locking: nothing typed is lost
    assert _stored(stored, ctx.practice, "Kerstin").contact == "back in March"


def test_choosing_another_person_when_typing_cannot_be_saved_stays_with_the_text(tab, stored, ctx, qtbot):
    tab.select_person(stored.ids[1])  # Ada
    box = tab.detail.editors["notes"]
    box.setFocus()
    qtbot.keyClicks(box, "Night feeds are shared now")
    ctx.practice.close()  # the save on leaving the box fails
    row = tab.model.row_of(stored.ids[3])
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualRect(tab.model.index(row, tm.COL_NAME)).center())
    qtbot.waitUntil(lambda: tab.selected_id() == stored.ids[1])
    assert tab.detail.person().id == stored.ids[1] and tab.circle.selected_id() == stored.ids[1]
    assert box.toPlainText() == "Night feeds are shared now"
    assert ctx.save_state.state == "failed"
