"""File > Check database…: the full integrity checks from the window, in plain sentences."""

from __future__ import annotations

from PySide6.QtGui import QAction

from ipt_desktop.services.clients import create_client
from ipt_desktop.ui.main_window import MainWindow


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_an_intact_practice_is_reported_intact(qtbot, ctx):
    create_client(ctx.practice, first_name="Ilse", last_name="Fictional")
    window = _window(qtbot, ctx)
    action = window.findChild(QAction, "checkDatabaseAction")
    assert action in window.menus["file"].actions()
    action.trigger()
    kind, title, text = ctx.interaction.messages[-1]
    assert kind == "inform" and title == "Check database"
    assert "The practice file is intact." in text


def test_an_altered_audit_trail_is_reported_and_nothing_changes(qtbot, ctx):
    create_client(ctx.practice, first_name="Olek", last_name="Fictional")
    conn = ctx.practice.db.raw_connection()
    try:
        conn.execute("UPDATE audit_event SET action = 'delete' WHERE id = 1")  # someone edits the trail
    finally:
        conn.close()
    window = _window(qtbot, ctx)
    window.findChild(QAction, "checkDatabaseAction").trigger()
    kind, _title, text = ctx.interaction.messages[-1]
    assert kind == "warn"
    assert "Problems were found" in text and "Backups" in text
    assert window.client_list.model.rowCount() == 1  # the check changed nothing
