"""The main window: showing clients, saving on close, lock/unlock, window state, menus.

Every test runs on a real encrypted demo practice (fixture ``demo_ctx``) with the real chart
tabs; ScriptedInteraction answers confirmations and records messages.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from ipt_desktop.services.demo_data import risk as risk_demo
from ipt_desktop.services.demo_data import role_dispute
from ipt_desktop.ui.chart.tabs import PlaceholderTab, TabSpec, build_tab
from ipt_desktop.ui.main_window import MainWindow
from ipt_desktop.ui.settings import UiSettings

TEST_PASSPHRASE = "correct horse battery staple"  # tests/conftest.py's practice
WAIT_MS = 30_000


def _reopen(ctx):
    from ipt_desktop.services.practice import open_practice

    return open_practice(ctx.practice.data_dir, passphrase=TEST_PASSPHRASE)


def test_window_opens_on_a_client_and_marks_the_demo(window):
    assert "(demo)" in window.windowTitle()
    assert window.current_client_id() is not None
    assert window.chart.record.client.id == window.current_client_id()
    assert window.chart.header.name_label.text()
    # Every spec'd tab is there (real or placeholder), Overview first.
    titles = [window.chart.tab_widget.tabText(i) for i in range(window.chart.tab_widget.count())]
    assert titles[:4] == ["Overview", "Inventory", "Timeline", "Progress"]


def test_selecting_a_client_shows_their_chart_and_risk_banner(window, qtbot):
    assert window.select_client(role_dispute.CLIENT_ID)
    assert window.chart.record.client.id == role_dispute.CLIENT_ID
    assert window.chart.header.name_label.text() == "Søren Lindqvist"
    assert "of 16" in window.chart.header.detail_label.text()
    window.select_client(risk_demo.CLIENT_ID)
    banner = window.chart.header.risk_banner
    assert banner.isVisible()
    assert "Risk flagged" in banner.text() and "item 9" in banner.text()
    assert window.ctx.settings.last_client() == risk_demo.CLIENT_ID


def test_shortcuts_are_the_documented_ones(window):
    actions = window.actions_
    assert actions.new_client.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert actions.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert actions.lock.shortcut() == QKeySequence("Ctrl+L")
    assert actions.save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    print_actions = [a for m in window.menus.values() for a in m.actions()
                     if a.shortcut().toString() == "Ctrl+P"]
    assert print_actions == [actions.print_report]  # Ctrl+P prints the Reports tab's document


def test_find_focuses_the_search_box(window, qtbot):
    window.activateWindow()
    window.chart.setFocus()
    window.actions_.find.trigger()
    qtbot.waitUntil(lambda: window.client_list.search.hasFocus())
    qtbot.keyClicks(window.client_list.search, "sor")
    assert window.client_list.visible_client_ids() == [role_dispute.CLIENT_ID]


def test_save_now_flushes_and_reports_in_the_status_bar(window):
    window.ctx.save_state.pending()
    window.actions_.save.trigger()
    assert window.ctx.save_state.state == "saved"
    assert window.save_label.text() == "All changes saved"


def test_closing_with_a_pending_edit_saves_it(window, qtbot, demo_ctx):
    window.select_client(role_dispute.CLIENT_ID)
    window.chart.set_current_tab("overview")
    formulation = window.chart.tab("overview").findChild(QPlainTextEdit, "formulation")
    assert formulation is not None
    formulation.setFocus()
    formulation.moveCursor(formulation.textCursor().MoveOperation.End)
    qtbot.keyClicks(formulation, " Typed just before closing.")
    window.close()  # before the autosave timer fires
    assert demo_ctx.practice.closed
    reopened = _reopen(demo_ctx)
    try:
        from ipt_desktop.services.clients import get_client_record

        record = get_client_record(reopened, client_id=role_dispute.CLIENT_ID)
        assert record.latest_episode.formulation.endswith("Typed just before closing.")
    finally:
        reopened.close()


def test_closing_asks_when_a_save_fails_and_stays_open_when_told(window, monkeypatch):
    tab = window.chart.tab("overview")
    monkeypatch.setattr(tab, "flush", lambda: False)  # a save that fails (e.g. disk full)
    window.ctx.save_state.failed("The disk is full; the change was not saved.")
    window.ctx.interaction.confirm_answers = [False]
    window.close()
    assert window.isVisible() and not window.ctx.practice.closed
    kind, _title, text = window.ctx.interaction.messages[-1]
    assert kind == "confirm" and "disk is full" in text
    window.ctx.interaction.confirm_answers = [True]
    window.close()
    assert not window.isVisible() and window.ctx.practice.closed


def test_lock_then_unlock_returns_to_the_same_client_and_tab(window, qtbot, demo_ctx):
    window.select_client(role_dispute.CLIENT_ID)
    window.chart.set_current_tab("timeline")
    old_practice = demo_ctx.practice
    with qtbot.waitSignal(window.locked):
        window.actions_.lock.trigger()
    assert window.is_locked() and not window.isVisible()
    assert old_practice.closed and old_practice.db.key.wiped
    assert window.client_list.model.rowCount() == 0
    assert window.chart.record is None and window.chart.header.name_label.text() == ""
    dialog = window.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.passphrase_edit.setText("wrong passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_kind == "passphrase", timeout=WAIT_MS)
    assert window.is_locked()
    dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert window.isVisible() and not window.is_locked()
    assert demo_ctx.practice is not old_practice and not demo_ctx.practice.closed
    assert window.current_client_id() == role_dispute.CLIENT_ID
    assert window.client_list.current_client_id() == role_dispute.CLIENT_ID
    assert window.chart.current_tab_key() == "timeline"
    assert window.chart.header.name_label.text() == "Søren Lindqvist"


def test_window_geometry_splitter_and_filter_are_restored(qtbot, demo_ctx, tmp_path):
    ini = str(tmp_path / "restore.ini")
    demo_ctx.settings = UiSettings(QSettings(ini, QSettings.Format.IniFormat))
    first = MainWindow(demo_ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    # Within the offscreen screen (800x800): restoreGeometry keeps a window on its screen.
    first.resize(780, 640)
    first.splitter.setSizes([340, 440])
    first.client_list.set_status_filter("all")
    first.select_client(role_dispute.CLIENT_ID)
    first.chart.set_current_tab("progress")
    sizes = first.splitter.sizes()
    assert abs(sizes[0] - 340) <= 10
    first.close()
    demo_ctx.practice = _reopen(demo_ctx)
    demo_ctx.settings = UiSettings(QSettings(ini, QSettings.Format.IniFormat))  # as after a restart
    second = MainWindow(demo_ctx)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    try:
        assert (second.width(), second.height()) == (780, 640)
        assert second.splitter.sizes() == sizes
        assert second.client_list.status_filter() == "all"
        assert second.current_client_id() == role_dispute.CLIENT_ID
        assert second.chart.current_tab_key() == "progress"
    finally:
        second.close()


def test_new_client_through_the_dialog_with_errors_beside_the_fields(window, qtbot):
    dialog = window.actions_.commands.new_client()
    assert dialog is window.active_dialog and dialog.isVisible()
    dialog.edits["first_name"].setText("Ottilie")
    dob = dialog.date_of_birth.line_edit
    dob.setText("31 Feb 1990")
    dialog.buttons.accepted.emit()  # OK
    assert dialog.isVisible()
    last_error = dialog.findChild(type(dialog.general_error), "last_name_error")
    dob_error = dialog.findChild(type(dialog.general_error), "date_of_birth_error")
    assert last_error.isVisible() and last_error.text()
    assert dob_error.isVisible() and "not a date" in dob_error.text()
    dialog.edits["last_name"].setText("Example")
    dob.setText("1990-02-14")
    with qtbot.waitSignal(window.client_shown) as blocker:
        dialog.buttons.accepted.emit()
    new_id = blocker.args[0]
    assert not dialog.isVisible() and window.active_dialog is None
    assert window.current_client_id() == new_id
    assert window.chart.header.name_label.text() == "Ottilie Example"
    assert new_id in window.client_list.model.client_ids()
    # No episode yet: the Overview offers to start one and the other tabs wait for it.
    assert window.chart.episode_strip.isVisible()
    assert not window.chart.tab_widget.isTabVisible(window.chart.specs.index(
        next(s for s in window.chart.specs if s.key == "timeline")))
    episode_dialog = None

    def opened():
        nonlocal episode_dialog
        episode_dialog = window.active_dialog
        return episode_dialog is not None

    qtbot.mouseClick(window.chart.start_episode_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opened)
    assert type(episode_dialog).__name__ == "NewEpisodeDialog"
    episode_dialog.reject()


def test_export_then_import_round_trip_and_import_errors_name_the_json_path(window, tmp_path):
    window.select_client(role_dispute.CLIENT_ID)
    target = tmp_path / "export"
    window.ctx.interaction.files = [str(target)]
    path = window.actions_.commands.export_client()
    assert path == tmp_path / "export.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["client"]["last_name"] == "Lindqvist"
    assert "not encrypted" in window.ctx.interaction.messages[-1][2]

    # Importing it again names the existing client and asks before replacing.
    window.ctx.interaction.files = [str(path)]
    window.ctx.interaction.confirm_answers = [True]
    assert window.actions_.commands.import_client() == role_dispute.CLIENT_ID
    assert window.ctx.interaction.messages[-1][0] == "confirm"
    assert "Lindqvist" in window.ctx.interaction.messages[-1][2]

    broken = dict(document)
    broken["client"] = dict(document["client"], id="new-client-id", date_of_birth="1985-13-40")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    window.ctx.interaction.files = [str(bad)]
    before = window.client_list.model.rowCount()
    assert window.actions_.commands.import_client() is None
    kind, _title, text = window.ctx.interaction.messages[-1]
    assert kind == "warn" and "client.date_of_birth" in text and "nothing was changed" in text
    assert window.client_list.model.rowCount() == before

    garbage = tmp_path / "garbage.json"
    garbage.write_text("{ not json", encoding="utf-8")
    window.ctx.interaction.files = [str(garbage)]
    assert window.actions_.commands.import_client() is None
    assert "line 1" in window.ctx.interaction.messages[-1][2]


def test_a_change_from_elsewhere_refreshes_the_list_and_the_chart(window, demo_ctx):
    from ipt_desktop.services.clients import create_client, get_client_record, update_client

    shown = window.current_client_id()
    client, changes = create_client(demo_ctx.practice, first_name="Nadia", last_name="Example")
    demo_ctx.hub.changed.emit(changes)
    assert client.id in window.client_list.model.client_ids()
    # The list was rebuilt (a new row) but the therapist stays where they were.
    assert window.current_client_id() == shown == window.client_list.current_client_id()
    assert window.chart.record.client.id == shown
    window.select_client(role_dispute.CLIENT_ID)
    record = get_client_record(demo_ctx.practice, client_id=role_dispute.CLIENT_ID)
    import dataclasses

    changes = update_client(demo_ctx.practice, client=dataclasses.replace(record.client, pronouns="he/him"))
    demo_ctx.hub.changed.emit(changes)
    assert window.chart.record.client.pronouns == "he/him"
    assert "he/him" in window.chart.header.detail_label.text()


def test_a_missing_tab_module_becomes_a_placeholder(qtbot, demo_ctx):
    spec = TabSpec("nothing", "Nothing", "ipt_desktop.ui.no_such_tab", "NoTab")
    tab = build_tab(spec, demo_ctx)
    qtbot.addWidget(tab)
    assert isinstance(tab, PlaceholderTab)
    assert tab.flush() is True
    tab.show_record(None)
    optional = TabSpec("later", "Later", "ipt_desktop.ui.no_such_tab", "NoTab", optional=True)
    assert build_tab(optional, demo_ctx) is None


def test_search_box_is_a_line_edit_named_for_tests_and_screen_readers(window):
    search = window.findChild(QLineEdit, "clientSearch")
    assert search is window.client_list.search
    assert search.accessibleName()


def test_locking_closes_a_dialog_left_open_over_the_window(window, qtbot):
    dialog = window.actions_.commands.new_client()
    dialog.edits["first_name"].setText("Half-typed")
    with qtbot.waitSignal(window.locked):
        assert window.lock()
    assert not dialog.isVisible()
    assert window.active_dialog is None


def test_switching_client_when_a_save_failed_asks_and_can_stay(window, monkeypatch):
    window.select_client(role_dispute.CLIENT_ID)
    monkeypatch.setattr(window.chart.tab("overview"), "flush", lambda: False)
    window.ctx.interaction.confirm_answers = [False]  # "Go back"
    window.client_list.select_client(risk_demo.CLIENT_ID)
    assert window.current_client_id() == role_dispute.CLIENT_ID
    assert window.client_list.current_client_id() == role_dispute.CLIENT_ID
    assert window.ctx.interaction.messages[-1][0] == "confirm"
    window.ctx.interaction.confirm_answers = [True]  # "Continue without saving"
    window.client_list.select_client(risk_demo.CLIENT_ID)
    assert window.current_client_id() == risk_demo.CLIENT_ID


def test_searching_keeps_the_chart_that_is_open(window, qtbot):
    window.select_client(role_dispute.CLIENT_ID)
    record = window.chart.record
    qtbot.keyClicks(window.client_list.search, "Wr")  # Michał Wróbel, not Søren Lindqvist
    listed = window.client_list.visible_client_ids()
    assert listed and role_dispute.CLIENT_ID not in listed
    assert window.current_client_id() == role_dispute.CLIENT_ID
    assert window.chart.record is record  # not even re-read
    qtbot.keyClick(window.client_list.search, Qt.Key.Key_Return)  # Enter opens the match
    assert window.current_client_id() == window.client_list.visible_client_ids()[0]
    assert window.chart.record.client.id == window.current_client_id()
