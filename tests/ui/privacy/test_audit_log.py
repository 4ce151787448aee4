"""AuditLogDialog and its model on a real encrypted practice: newest first, local time, client
names, a verify button that reports intact and tampered trails; the model passes
QAbstractItemModelTester; the File menu opens the dialog and locking closes it."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.services.clients import create_client
from ipt_desktop.services.episodes import start_episode
from ipt_desktop.services.exchange import export_client
from ipt_desktop.services.security import AuditEntry
from ipt_desktop.ui.audit.dialog import AuditLogDialog
from ipt_desktop.ui.audit.model import (COL_ACTION, COL_CLIENT, COL_KIND, COL_RECORD, COL_TIME, OBJECT_ROLE,
                                        SORT_ROLE, AuditTableModel)

SHOTS = Path("/tmp/shots")
PLUS_TWO = _dt.timezone(_dt.timedelta(hours=2))


def entries() -> list[AuditEntry]:
    ada, gone = "c" * 36, "d" * 36
    return [
        AuditEntry(3, "2026-03-02T23:30:05.000001+00:00", "export", "client", ada, ada, "Ada Fictional"),
        AuditEntry(2, "2026-03-02T10:00:00.000000+00:00", "insert", "episode", "e" * 36, ada, "Ada F."),
        AuditEntry(1, "2026-03-01T09:00:00.000000+00:00", "delete", "client", gone, gone, None),
    ]


def test_model_passes_the_item_model_tester_and_shows_words_in_local_time(qapp):
    model = AuditTableModel(tz=PLUS_TWO)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(entries())
    model.set_rows(entries()[:2])
    model.set_rows(entries())

    def cell(row, col, role=Qt.ItemDataRole.DisplayRole):
        return model.data(model.index(row, col), role)

    assert cell(0, COL_TIME) == "3 Mar 2026, 01:30:05"  # 23:30 UTC is past midnight at UTC+2
    assert cell(1, COL_TIME) == "2 Mar 2026, 12:00:00"
    assert cell(0, COL_ACTION) == "Exported" and cell(1, COL_KIND) == "Episode"
    assert cell(0, COL_CLIENT) == "Ada Fictional"
    assert cell(2, COL_CLIENT) == "(removed client)"
    assert cell(0, COL_RECORD) == "cccccccc\u2026cccc"
    assert cell(0, COL_RECORD, Qt.ItemDataRole.ToolTipRole) == "c" * 36
    assert cell(0, COL_TIME, SORT_ROLE) == 3
    assert cell(2, COL_TIME, OBJECT_ROLE).id == 1


def test_unknown_action_is_shown_as_stored(qapp):
    model = AuditTableModel()
    model.set_rows([AuditEntry(1, "not a time", "future-thing", "widget", None, None, None)])
    assert model.data(model.index(0, COL_ACTION)) == "future-thing"
    assert model.data(model.index(0, COL_TIME)) == "\u2014"


def open_dialog(qtbot, ctx, **kwargs) -> AuditLogDialog:
    dialog = AuditLogDialog(ctx, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def rows(dialog) -> list[AuditEntry]:
    proxy = dialog.proxy
    return [proxy.data(proxy.index(r, 0), OBJECT_ROLE) for r in range(proxy.rowCount())]


def test_dialog_lists_newest_first_with_client_names_and_verifies_the_chain(qtbot, ctx):
    client, _ = create_client(ctx.practice, first_name="Ada", last_name="Fictional", notes="fictional note")
    start_episode(ctx.practice, client_id=client.id, protocol="ipt-16", start_date="2026-03-02")
    export_client(ctx.practice, client_id=client.id)
    dialog = open_dialog(qtbot, ctx)
    shown = rows(dialog)
    assert [e.id for e in shown] == sorted((e.id for e in shown), reverse=True)
    newest = dialog.proxy.index(0, COL_ACTION)
    assert newest.data() == "Exported"
    assert dialog.proxy.index(0, COL_CLIENT).data() == "Ada Fictional"
    dialog.verify_button.click()
    assert not dialog.chain_result.isHidden()
    assert "Chain verified" in dialog.chain_result.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "audit_log.png"))

    dialog.filter_edit.setText("exported")
    assert [e.action for e in rows(dialog)] == ["export"]
    dialog.filter_edit.clear()

    conn = ctx.practice.db.raw_connection()
    try:
        conn.execute("UPDATE audit_event SET entity_id = 'someone-else' WHERE id = 2")
    finally:
        conn.close()
    report = dialog.verify()
    assert report is not None and not report.ok
    assert "altered" in dialog.chain_result.text() and "event 2" in dialog.chain_result.text()
    dialog.grab().save(str(SHOTS / "audit_log_tampered.png"))


def test_limit_shows_the_newest_and_show_all_loads_the_rest(qtbot, ctx):
    for n in range(4):
        create_client(ctx.practice, first_name=f"Client{n}", last_name="Fictional")
    dialog = open_dialog(qtbot, ctx, limit=2)
    assert len(rows(dialog)) == 2 and not dialog.show_all_button.isHidden()
    assert "newest 2 of" in dialog.count_label.text()
    dialog.show_all_button.click()
    assert len(rows(dialog)) >= 5 and dialog.show_all_button.isHidden()


def test_file_menu_opens_it_and_locking_closes_it(qtbot, ctx):
    from ipt_desktop.ui.audit.action import install_audit_log_action
    from ipt_desktop.ui.main_window import MainWindow

    create_client(ctx.practice, first_name="Bea", last_name="Fictional")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    action = window.findChild(QAction, "auditLogAction") or install_audit_log_action(window)
    assert action in window.menus["file"].actions()
    action.trigger()
    dialog = window.active_dialog
    assert isinstance(dialog, AuditLogDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.rowCount() > 0
    window.lock()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    if window.unlock_dialog is not None:
        qtbot.addWidget(window.unlock_dialog)


def test_the_filter_matches_any_column_of_a_row_but_never_across_two(qtbot, ctx):
    client, _ = create_client(ctx.practice, first_name="Ada", last_name="Fictional")
    export_client(ctx.practice, client_id=client.id)
    dialog = open_dialog(qtbot, ctx)
    dialog.filter_edit.setText("ada fict")  # the client column, any case
    assert {e.client_id for e in rows(dialog)} == {client.id} and len(rows(dialog)) == 2
    dialog.filter_edit.setText("exported")  # the action column
    assert [e.action for e in rows(dialog)] == ["export"]
    dialog.filter_edit.setText("client ada")  # end of "Record type", start of "Client": two cells
    assert rows(dialog) == []
    dialog.filter_edit.clear()
    assert len(rows(dialog)) == 3  # with the practice profile's entry


def test_newest_first_without_sorting_then_a_header_click_sorts(qtbot, ctx):
    from PySide6.QtCore import QPoint

    for name in ("Cleo", "Ada", "Bea"):
        create_client(ctx.practice, first_name=name, last_name="Fictional")
    dialog = open_dialog(qtbot, ctx)
    header = dialog.table.horizontalHeader()
    assert [e.id for e in rows(dialog)] == [4, 3, 2, 1]  # 1: the practice profile, when it was made
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (COL_TIME, Qt.SortOrder.DescendingOrder)
    client_x = header.sectionViewportPosition(COL_CLIENT) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(client_x, 5))
    names = [e.client_name for e in rows(dialog) if e.client_name]
    assert names in (sorted(names), sorted(names, reverse=True)) and names[0] != names[-1]
    time_x = header.sectionViewportPosition(COL_TIME) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(time_x, 5))
    first = [e.id for e in rows(dialog)]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(time_x, 5))
    assert sorted([first, [e.id for e in rows(dialog)]]) == [[1, 2, 3, 4], [4, 3, 2, 1]]  # both ways


def test_action_and_record_type_fit_their_longest_word_even_when_no_row_uses_it(qtbot, ctx):
    from ipt_desktop.ui.audit.model import fixed_labels

    create_client(ctx.practice, first_name="Ada", last_name="Fictional")  # "Created", "Client" only
    dialog = open_dialog(qtbot, ctx)
    metrics = dialog.table.fontMetrics()
    header = dialog.table.horizontalHeader()
    for column in (COL_ACTION, COL_KIND):
        widest = max(metrics.horizontalAdvance(text) for text in fixed_labels(column))
        assert header.sectionSize(column) > widest  # "Discharge summary (PDF)" is not cut off
