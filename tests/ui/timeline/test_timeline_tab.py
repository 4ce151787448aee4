"""Timeline tab on a real encrypted practice: cards per phase, markers, keyboard, refresh."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipt_desktop.services.measures import record_measure
from ipt_desktop.services.sessions import update_session
from ipt_desktop.ui.timeline.tab import TimelineTab


@pytest.fixture
def tab(qtbot, ctx, read_record):
    widget = TimelineTab(ctx)
    qtbot.addWidget(widget)
    # Before the first planned session, so "next session" is predictable whatever today is.
    widget.now = lambda: "2026-09-01T08:00"
    widget.resize(1000, 720)
    widget.show()
    # Stand in for the main window: re-read the record after any write and show it again.
    widget.ctx.hub.changed.connect(
        lambda _changes: widget.record and widget.show_record(read_record(widget.record.client.id)))
    return widget


def _numbers(group) -> list[int]:
    return sorted(group.cards)


def test_ipt16_shows_16_cards_under_three_phase_headings(tab, make_episode, read_record):
    client_id, _ = make_episode("ipt-16")
    tab.show_record(read_record(client_id))

    assert [g.heading.text() for g in tab.groups] == [
        "Initial (sessions 1-3)", "Middle (sessions 4-14)", "Termination (sessions 15-16)"]
    assert [_numbers(g) for g in tab.groups] == [[1, 2, 3], list(range(4, 15)), [15, 16]]
    assert len(tab.cards) == 16
    assert all(card.isVisible() for card in tab.cards.values())
    first = tab.cards[1].summary_text()
    assert "Mon 7 Sep 2026" in first and "09:00" in first and "Scheduled" in first


def test_ipt_a_12_shows_12_cards_with_its_own_phases(tab, make_episode, read_record):
    client_id, _ = make_episode("ipt-a-12")
    tab.show_record(read_record(client_id))

    assert len(tab.cards) == 12
    assert [_numbers(g) for g in tab.groups] == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]


@pytest.mark.parametrize(("protocol", "raise_at"), [("ipt-16", 12), ("ipt-a-12", 7), ("ipt-b-8", 5)])
def test_termination_marker_is_on_the_protocols_raise_session_only(tab, make_episode, read_record,
                                                                   protocol, raise_at):
    client_id, _ = make_episode(protocol)
    tab.show_record(read_record(client_id))

    marked = [n for n, card in tab.cards.items() if "Raise termination" in card.marker_label.text()]
    assert marked == [raise_at]
    assert tab.cards[raise_at].marker_label.isVisible()


def test_next_session_moves_on_when_a_session_is_attended(tab, ctx, make_episode, read_record):
    client_id, episode = make_episode()
    tab.show_record(read_record(client_id))
    assert [n for n, c in tab.cards.items() if c.is_next] == [1]
    assert "Next session" in tab.cards[1].marker_label.text()

    first = dataclasses.replace(episode.sessions[0], status="attended")
    ctx.hub.changed.emit(update_session(ctx.practice, episode_id=episode.id, session=first))

    assert [n for n, c in tab.cards.items() if c.is_next] == [2]
    assert "Attended" in tab.cards[1].summary_text()
    assert "next: session 2" in tab.summary.text()


def test_card_shows_measure_totals_given_in_that_session(tab, ctx, make_episode, read_record):
    client_id, episode = make_episode()
    _, changes = record_measure(ctx.practice, episode_id=episode.id, instrument="phq9",
                                administered_on="2026-09-14", items=[2, 2, 2, 2, 2, 2, 1, 1, 0],
                                session_number=2)
    tab.show_record(read_record(client_id))

    assert tab.cards[2].measures_label.text() == "PHQ-9 14"
    assert tab.cards[1].measures_label.text() == ""


def test_same_record_again_updates_cards_in_place_and_keeps_scroll(qtbot, tab, ctx, make_episode,
                                                                    read_record):
    client_id, episode = make_episode()
    tab.resize(1000, 300)
    tab.show_record(read_record(client_id))
    qtbot.waitUntil(lambda: tab.scroll.verticalScrollBar().maximum() > 0)
    cards_before = dict(tab.cards)
    tab.scroll.verticalScrollBar().setValue(tab.scroll.verticalScrollBar().maximum())
    position = tab.scroll.verticalScrollBar().value()

    moved = dataclasses.replace(episode.sessions[3], status="cancelled")
    ctx.hub.changed.emit(update_session(ctx.practice, episode_id=episode.id, session=moved))

    assert tab.cards == cards_before  # the very same widgets, not rebuilt
    assert tab.scroll.verticalScrollBar().value() == position
    assert "Cancelled" in tab.cards[4].summary_text()


def test_enter_and_space_on_a_focused_card_open_the_session_editor(qtbot, tab, make_episode, read_record):
    client_id, _ = make_episode()
    tab.show_record(read_record(client_id))
    card = tab.cards[3]
    card.setFocus()

    with qtbot.waitSignal(tab.editor_opened) as opened:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    editor = opened.args[0]
    assert editor.session.number == 3 and editor.isVisible()
    assert editor.close()  # nothing changed: closes at once

    with qtbot.waitSignal(tab.editor_opened) as opened:
        qtbot.keyClick(tab.cards[4], Qt.Key.Key_Space)
    assert opened.args[0].session.number == 4
    opened.args[0].close()


def test_cards_are_in_tab_order_by_session_number(qtbot, tab, make_episode, read_record):
    client_id, _ = make_episode("ipt-b-8")
    tab.show_record(read_record(client_id))
    tab.activateWindow()
    tab.cards[1].setFocus()
    visited = [tab.focusWidget().number]
    for _ in range(7):
        qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_Tab)
        visited.append(tab.focusWidget().number)
    assert visited == list(range(1, 9))


def test_task_checklist_ticks_once_the_data_exists(qtbot, tab, ctx, make_episode, read_record):
    client_id, episode = make_episode()
    tab.show_record(read_record(client_id))
    initial = tab.groups[0]
    assert dict(initial.tasks)["Sick role"] is False

    # Through the session editor, as a therapist would: attended, sick role given.
    tab.cards[1].setFocus()
    with qtbot.waitSignal(tab.editor_opened) as opened:
        qtbot.keyClick(tab.cards[1], Qt.Key.Key_Return)
    editor = opened.args[0]
    editor.form.status.setCurrentIndex(editor.form.status.findData("attended"))
    editor.form.intervention_boxes["sick_role"].setChecked(True)
    assert editor.close()

    assert dict(tab.groups[0].tasks)["Sick role"] is True
    assert "Sick role done" in tab.groups[0].checklist.accessibleName()
    stored = read_record(client_id).latest_episode.sessions[0]
    assert stored.status == "attended" and "sick_role" in stored.interventions


def test_no_record_and_no_episode_show_a_sentence(tab, ctx, read_record):
    from ipt_desktop.services.clients import create_client

    tab.show_record(None)
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.cards == {}
    client, _ = create_client(ctx.practice, first_name="Sam", last_name="Nobody")
    tab.show_record(read_record(client.id))
    assert "no course of IPT" in tab.empty_label.text()
    assert tab.flush() is True


def test_screenshot_of_the_timeline_tab(qtbot, tab, ctx, make_episode, read_record, tmp_path):
    client_id, episode = make_episode(diagnosis="Major depressive disorder, single episode")
    for session in episode.sessions[:4]:
        update_session(ctx.practice, episode_id=episode.id, session=dataclasses.replace(
            session, status="no_show" if session.number == 3 else "attended",
            focus_problem_area="role_dispute" if session.number > 1 else None,
            interventions=("sick_role", "psychoeducation") if session.number == 1 else ("role_play",),
            homework_assigned="Ask for help once this week" if session.number == 4 else ""))
    record_measure(ctx.practice, episode_id=episode.id, instrument="phq9", administered_on="2026-09-07",
                   items=[2, 2, 2, 2, 2, 2, 1, 1, 0], session_number=1)
    record_measure(ctx.practice, episode_id=episode.id, instrument="phq9", administered_on="2026-09-28",
                   items=[1, 1, 1, 1, 1, 1, 1, 1, 0], session_number=4)
    tab.now = lambda: "2026-10-01T12:00"
    tab.resize(1000, 760)
    tab.show_record(read_record(client_id))
    qtbot.waitExposed(tab)
    assert tab.cards[5].is_next
    from pathlib import Path

    Path("/tmp/shots").mkdir(exist_ok=True)
    assert tab.grab().save("/tmp/shots/timeline_tab.png")


def test_lock_or_client_switch_saves_the_open_editor_and_closes_it(qtbot, tab, make_episode, read_record):
    client_id, _ = make_episode()
    tab.show_record(read_record(client_id))
    editor = tab.open_session(6)
    qtbot.keyClicks(editor.form.notes, "Typed just before the lock")
    assert tab.flush() is True  # Ctrl+S / client switch path: saved, still open
    assert editor.isVisible()
    editor.form.homework_review.setPlainText("Also this")

    tab.show_record(None)  # the lock

    assert not editor.isVisible() and tab.editor is None
    stored = next(s for s in read_record(client_id).latest_episode.sessions if s.number == 6)
    assert (stored.notes, stored.homework_review) == ("Typed just before the lock", "Also this")


def test_lock_closes_the_editor_even_when_its_text_cannot_be_saved(qtbot, tab, make_episode, read_record):
    client_id, _ = make_episode()
    tab.show_record(read_record(client_id))
    editor = tab.open_session(2)
    qtbot.keyClicks(editor.form.mood, "11")  # invalid: the save is refused
    assert not editor.close() and editor.isVisible()

    tab.show_record(None)  # the shell already asked "lock anyway?"

    assert not editor.isVisible() and tab.editor is None
    stored = next(s for s in read_record(client_id).latest_episode.sessions if s.number == 2)
    assert stored.mood is None


def test_switching_episodes_leaves_no_old_phase_group_painted(tab, make_episode, read_record):
    from ipt_desktop.ui.timeline.phase_group import PhaseGroup

    first, _ = make_episode("ipt-16")
    second, _ = make_episode("ipt-b-8")
    tab.show_record(read_record(first))
    tab.show_record(read_record(second))
    # processEvents runs the layout's queued show of the new groups but not the deferred deletes
    # of the old ones: those must already be invisible, or they paint over the summary line
    # (seen in a screenshot).
    QApplication.processEvents()
    visible = [g for g in tab._content.children() if isinstance(g, PhaseGroup) and g.isVisible()]
    assert visible == tab.groups
    assert len(tab.cards) == 8
