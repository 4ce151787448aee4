"""Measure entry dialog: live total and severity, risk banner at once, refusal, real storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from ipt_desktop.ui.measures.dialog import MeasureDialog


@pytest.fixture
def open_dialog(qtbot, ctx):
    def open_(episode_id, instrument, **kwargs):
        dialog = MeasureDialog(ctx, episode_id, instrument, **kwargs)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):  # arrow keys between radio buttons need an active window
            dialog.show()
            dialog.activateWindow()
        return dialog

    return open_


def _click(qtbot, dialog, number: int, score: int) -> None:
    button = dialog.items[number - 1].buttons[score]
    dialog.scroll.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_phq9_entered_through_the_dialog_is_scored_live_and_stored(qtbot, ctx, make_episode, read_record,
                                                                   open_dialog):
    client_id, episode = make_episode()
    dialog = open_dialog(episode.id, "phq9", session_number=2, administered_on="2026-09-14")
    assert "Patient Health Questionnaire-9" in dialog.windowTitle()
    assert dialog.items[0].buttons[1].text() == "Several days (1)"
    assert not dialog.banner.isVisible()

    answers = [2, 2, 2, 1, 1, 1, 1, 1]
    for number, score in enumerate(answers, start=1):
        _click(qtbot, dialog, number, score)
    assert "Total so far: 11 of 27" in dialog.total_label.text()
    assert "8 of 9 items answered" in dialog.total_label.text()

    _click(qtbot, dialog, 9, 2)
    # The warning is on screen the moment item 9 is above 0, before any save.
    assert dialog.banner.isVisible()
    assert "Item 9 (thoughts of self-harm) scored 2" in dialog.banner.text()
    assert "assess risk now" in dialog.banner.text()
    assert dialog.total_label.text() == "Total: 13 of 27 \u00b7 Moderate"

    _click(qtbot, dialog, 9, 0)
    assert not dialog.banner.isVisible()  # back to 0: the warning goes
    _click(qtbot, dialog, 9, 1)
    assert dialog.banner.isVisible()
    assert dialog.total_label.text() == "Total: 12 of 27 \u00b7 Moderate"

    changes = []
    ctx.hub.changed.connect(changes.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert changes and changes[0].touches("measures")
    stored = read_record(client_id).latest_episode.measures
    assert len(stored) == 1
    assert (stored[0].instrument, sum(stored[0].items), stored[0].session_number, stored[0].administered_on) \
        == ("phq9", 12, 2, "2026-09-14")
    assert stored[0].items == (2, 2, 2, 1, 1, 1, 1, 1, 1)


def test_incomplete_form_is_refused_naming_the_first_unanswered_item(qtbot, make_episode, read_record,
                                                                       open_dialog):
    client_id, episode = make_episode()
    dialog = open_dialog(episode.id, "phq9")
    for number in (1, 2, 3, 4, 6, 7, 8, 9):
        dialog.set_item(number, 0)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and "Item 5 is not answered" in dialog.error_label.text()
    assert dialog.items[4].problem.isVisible()
    assert dialog.items[4].isAncestorOf(dialog.focusWidget())  # focus taken to the missing item
    assert read_record(client_id).latest_episode.measures == ()

    dialog.set_item(5, 3)
    assert not dialog.error_label.isVisible()
    assert dialog.save()
    assert sum(read_record(client_id).latest_episode.measures[0].items) == 3


def test_number_keys_answer_and_move_to_the_next_item(qtbot, make_episode, open_dialog):
    _, episode = make_episode()
    dialog = open_dialog(episode.id, "gad7")
    dialog.items[0].focus_answer()
    for key in "3210":
        qtbot.keyClicks(dialog.focusWidget(), key)
    assert dialog.values[:4] == [3, 2, 1, 0]
    assert dialog.items[4].isAncestorOf(dialog.focusWidget())
    qtbot.keyClicks(dialog.focusWidget(), "9")  # above the item's maximum: ignored
    assert dialog.values[4] is None
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)  # arrows move along the scores,
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # Space picks the focused one
    assert dialog.values[4] == 1
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)  # once answered, arrows change it
    assert dialog.values[4] == 2


def test_gds15_buttons_say_which_answer_scores_1_and_store_0_or_1(make_episode, read_record, open_dialog):
    client_id, episode = make_episode("ipt-ll-16")
    dialog = open_dialog(episode.id, "gds15")
    # Item 1 "basically satisfied?": "No" is the depressive answer; item 2 "dropped activities?": "Yes".
    assert [b.text() for b in dialog.items[0].buttons] == ["Yes (0)", "No (1)"]
    assert [b.text() for b in dialog.items[1].buttons] == ["No (0)", "Yes (1)"]
    dialog.items[0].buttons[1].click()  # "No" to satisfied
    dialog.items[1].buttons[1].click()  # "Yes" to dropped activities
    for number in range(3, 16):
        dialog.items[number - 1].buttons[0].click()
    assert dialog.total_label.text() == "Total: 2 of 15 \u00b7 Normal"
    assert dialog.save()
    assert read_record(client_id).latest_episode.measures[0].items == (1, 1) + (0,) * 13


def test_hamd17_items_keep_their_own_ranges_and_scroll(make_episode, open_dialog):
    _, episode = make_episode()
    dialog = open_dialog(episode.id, "hamd17")
    assert len(dialog.items) == 17
    assert [len(i.buttons) for i in dialog.items][:6] == [5, 5, 5, 3, 3, 3]
    assert dialog.items[0].buttons[0].text() == "0 \u2014 Absent"
    assert dialog.scroll.verticalScrollBar().maximum() > 0
    dialog.set_item(3, 1)
    assert "Item 3 (suicide) scored 1" in dialog.risk_warning()


@pytest.mark.parametrize(("key", "count", "risk_item"), [("epds", 10, 10), ("phqa", 9, 9)])
def test_licensed_scales_show_item_numbers_and_score_buttons_only(make_episode, open_dialog,
                                                                  key, count, risk_item):
    _, episode = make_episode("ipt-a-12")
    dialog = open_dialog(episode.id, key)
    assert len(dialog.items) == count
    assert dialog.items[0].question.text().startswith("<b>Item 1</b>")
    assert [b.text() for b in dialog.items[0].buttons] == ["0", "1", "2", "3"]
    dialog.set_item(risk_item, 3)
    assert dialog.banner.isVisible()
    assert f"Item {risk_item} (thoughts of self-harm) scored 3" in dialog.banner.text()


def test_escape_with_answers_asks_before_discarding(qtbot, ctx, make_episode, open_dialog):
    _, episode = make_episode()
    dialog = open_dialog(episode.id, "phq9")
    dialog.set_item(1, 2)
    ctx.interaction.confirm_answers.append(False)  # "Keep editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    ctx.interaction.confirm_answers.append(True)  # "Discard"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_service_refusal_is_shown_in_the_dialog(make_episode, open_dialog):
    _, episode = make_episode()
    dialog = open_dialog("no-such-episode", "gad7")
    for number in range(1, 8):
        dialog.set_item(number, 0)
    assert not dialog.save()
    assert dialog.isVisible() and dialog.error_label.isVisible() and dialog.error_label.text()


def test_screenshots_of_the_measure_dialogs(qtbot, make_episode, open_dialog):
    _, episode = make_episode()
    Path("/tmp/shots").mkdir(exist_ok=True)
    dialog = open_dialog(episode.id, "phq9", session_number=4, administered_on="2026-09-28")
    for number, score in enumerate([2, 2, 1, 1, 2, 1, 0, 0, 1], start=1):
        dialog.set_item(number, score)
    assert dialog.width() <= 1280 and dialog.height() <= 800
    assert dialog.grab().save("/tmp/shots/measure_dialog_phq9.png")
    for key in ("hamd17", "gds15", "epds"):
        other = open_dialog(episode.id, key, session_number=4)
        assert other.grab().save(f"/tmp/shots/measure_dialog_{key}.png")
