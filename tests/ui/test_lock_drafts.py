"""Nothing typed is lost on lock: dialogs open at lock are saved when complete, else kept as a
draft that comes back when the same dialog is reopened after the unlock (ui.lock_drafts).

Real encrypted demo practice, real main window, real lock and unlock with the passphrase.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ipt_desktop.services.clients import get_client_record
from ipt_desktop.services.demo_data import role_dispute
from ipt_desktop.ui.dialogs.client_dialog import ClientDialog
from ipt_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from ipt_desktop.ui.measures.dialog import MeasureDialog

TEST_PASSPHRASE = "correct horse battery staple"  # tests/conftest.py's practice
WAIT_MS = 30_000
NOTE = "Restored the answers you had entered before the lock"


@pytest.fixture
def window(show_main_window):
    win = show_main_window()
    win.select_client(role_dispute.CLIENT_ID)
    yield win
    win.ctx.interaction.confirm_answers = [True] * 3  # answers the close's questions


def _record(window):
    return get_client_record(window.ctx.practice, client_id=role_dispute.CLIENT_ID)


def _lock_and_unlock(window, qtbot) -> None:
    with qtbot.waitSignal(window.locked):
        assert window.lock()
    dialog = window.unlock_dialog
    dialog.passphrase_edit.setText(TEST_PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def _measure_dialog(window, qtbot, episode_id: str) -> MeasureDialog:
    dialog = MeasureDialog(window.ctx, episode_id, "phq9", session_number=9,
                           administered_on="2026-10-20", parent=window.chart)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_incomplete_measure_at_lock_comes_back_after_the_unlock(window, qtbot):
    episode = _record(window).latest_episode
    before = len(episode.measures)
    dialog = _measure_dialog(window, qtbot, episode.id)
    for number, value in ((1, 2), (2, 1), (9, 1)):
        dialog.set_item(number, value)
    _lock_and_unlock(window, qtbot)
    assert not dialog.isVisible()
    assert not any(kind == "confirm" and "Discard" in title
                   for kind, title, _text in window.ctx.interaction.messages)
    assert len(_record(window).latest_episode.measures) == before  # incomplete: nothing stored

    reopened = _measure_dialog(window, qtbot, episode.id)
    assert reopened.values[:2] == [2, 1] and reopened.values[8] == 1
    assert reopened.values[2:8] == [None] * 6
    assert reopened.administered_on() == "2026-10-20"
    assert reopened.restored_note.isVisible() and NOTE in reopened.restored_note.text()
    assert reopened.risk_warning()  # item 9 above 0 raises the banner again
    # Taken back: the draft is not offered a second time (e.g. to another session's form).
    assert len(window.ctx.drafts) == 0
    reopened.close_for_lock()


def test_a_draft_reopens_only_for_the_same_episode_instrument_and_session(window, qtbot):
    episode = _record(window).latest_episode
    dialog = _measure_dialog(window, qtbot, episode.id)
    dialog.set_item(1, 3)
    _lock_and_unlock(window, qtbot)
    other = MeasureDialog(window.ctx, episode.id, "gad7", session_number=9, parent=window.chart)
    qtbot.addWidget(other)
    assert other.values == [None] * 7 and other.restored_note.isHidden()
    other_session = MeasureDialog(window.ctx, episode.id, "phq9", session_number=10, parent=window.chart)
    qtbot.addWidget(other_session)
    assert other_session.values == [None] * 9 and other_session.restored_note.isHidden()
    assert len(window.ctx.drafts) == 1


def test_a_complete_measure_at_lock_is_saved(window, qtbot):
    episode = _record(window).latest_episode
    before = len(episode.measures)
    dialog = _measure_dialog(window, qtbot, episode.id)
    for number in range(1, 10):
        dialog.set_item(number, 1)
    _lock_and_unlock(window, qtbot)
    measures = _record(window).latest_episode.measures
    assert len(measures) == before + 1
    saved = [m for m in measures if m.session_number == 9 and m.administered_on == "2026-10-20"
             and m.instrument == "phq9"]
    assert saved and list(saved[-1].items) == [1] * 9
    assert len(window.ctx.drafts) == 0


def test_a_discharge_open_at_lock_is_kept_as_a_draft_never_discharged(window, qtbot):
    record = _record(window)
    episode = record.latest_episode
    overview = window.chart.tab("overview")
    dialog = DischargeDialog(window.ctx, record, episode.id, overview)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.texts["summary"].setPlainText("Søren resolved the dispute with his brother (fictional).")
    dialog.reason.setCurrentIndex(dialog.reason.findData("referred"))
    _lock_and_unlock(window, qtbot)
    assert not dialog.isVisible()
    after = _record(window)
    assert after.latest_episode.discharge is None and after.client.status == "active"

    reopened = DischargeDialog(window.ctx, after, episode.id, window.chart.tab("overview"))
    qtbot.addWidget(reopened)
    reopened.show()
    assert reopened.texts["summary"].toPlainText() == \
        "Søren resolved the dispute with his brother (fictional)."
    assert reopened.reason.currentData() == "referred"
    assert reopened.restored_note.isVisible()
    # OK now discharges with the restored text.
    reopened.accept()
    final = _record(window)
    assert final.latest_episode.discharge is not None
    assert final.latest_episode.discharge.summary.startswith("Søren resolved the dispute")


def test_edited_client_details_valid_at_lock_are_saved(window, qtbot):
    dialog = ClientDialog(window.ctx, _record(window).client, window.chart.tab("overview"))
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.edits["pronouns"].setText("he/they")
    _lock_and_unlock(window, qtbot)
    assert _record(window).client.pronouns == "he/they"
    assert len(window.ctx.drafts) == 0
    assert window.current_client_id() == role_dispute.CLIENT_ID  # the refreshed chart came back


def test_a_new_client_half_typed_at_lock_is_a_draft_not_a_client(window, qtbot):
    from ipt_desktop.services.clients import list_clients

    count = len(list_clients(window.ctx.practice, status="all"))
    dialog = window.actions_.commands.new_client()
    dialog.edits["first_name"].setText("Half-typed")
    _lock_and_unlock(window, qtbot)
    assert len(list_clients(window.ctx.practice, status="all")) == count
    reopened = window.actions_.commands.new_client()
    assert reopened.edits["first_name"].text() == "Half-typed"
    assert reopened.restored_note.isVisible()
    reopened.reject()


def test_passphrases_typed_at_lock_are_never_kept(window, qtbot):
    from ipt_desktop.ui.passphrase.change_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(window.ctx, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.old_passphrase.setText("something secret")
    dialog.new_passphrase.setText("another secret phrase")
    _lock_and_unlock(window, qtbot)
    assert not dialog.isVisible()
    assert len(window.ctx.drafts) == 0
    assert dialog.old_passphrase.text() == "" and dialog.new_passphrase.text() == ""


def test_closing_the_window_over_an_incomplete_measure_asks_first(window, qtbot):
    episode = _record(window).latest_episode
    dialog = _measure_dialog(window, qtbot, episode.id)
    dialog.set_item(1, 2)
    window.ctx.interaction.confirm_answers = [False]  # "Go back"
    window.close()
    assert window.isVisible() and dialog.isVisible()
    kind, title, text = window.ctx.interaction.messages[-1]
    assert kind == "confirm" and "PHQ-9" in text
