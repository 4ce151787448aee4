"""Session editor on a real encrypted practice: autosave, close-saves, reschedule, validation."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.domain.records import MeasureAdministration
from ipt_desktop.services.changes import Changes
from ipt_desktop.ui.session_editor.dialog import SessionEditorDialog
from ipt_desktop.ui.session_editor.measures_model import OBJECT_ROLE, SessionMeasuresModel


@pytest.fixture
def open_editor(qtbot, ctx):
    def open_(episode, number):
        session = next(s for s in episode.sessions if s.number == number)
        dialog = SessionEditorDialog(ctx, episode, session)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return open_


def _stored(read_record, client_id, number):
    return next(s for s in read_record(client_id).latest_episode.sessions if s.number == number)


def _set_time(dialog, text: str) -> None:
    moment = _dt.datetime.strptime(text, "%Y-%m-%dT%H:%M")
    dialog.form.when.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day),
                                           QTime(moment.hour, moment.minute)))


def test_notes_typed_then_closed_are_saved(qtbot, ctx, make_episode, read_record, open_editor):
    client_id, episode = make_episode()
    dialog = open_editor(episode, 2)
    qtbot.keyClicks(dialog.form.notes, "Talked about the move to a new city.")
    dialog.form.homework_assigned.setPlainText("Call one old friend")
    changes: list[Changes] = []
    ctx.hub.changed.connect(changes.append)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape saves, it never discards

    assert not dialog.isVisible()
    stored = _stored(read_record, client_id, 2)
    assert stored.notes == "Talked about the move to a new city."
    assert stored.homework_assigned == "Call one old friend"
    assert changes and changes[-1].touches("sessions")
    assert ctx.save_state.state == "saved"


def test_typing_autosaves_after_a_pause(qtbot, ctx, make_episode, read_record, open_editor):
    client_id, episode = make_episode()
    dialog = open_editor(episode, 1)
    qtbot.keyClicks(dialog.form.notes, "Sick role explained")
    assert ctx.save_state.state == "pending"

    qtbot.waitUntil(lambda: _stored(read_record, client_id, 1).notes == "Sick role explained", timeout=5000)
    assert ctx.save_state.state == "saved"
    assert dialog.isVisible()


def test_fields_round_trip_through_the_store(qtbot, make_episode, read_record, open_editor):
    client_id, episode = make_episode()
    dialog = open_editor(episode, 5)
    form = dialog.form
    form.duration.setValue(60)
    form.status.setCurrentIndex(form.status.findData("attended"))
    form.focus_area.setCurrentIndex(form.focus_area.findData("role_transition"))
    form.intervention_boxes["role_play"].setChecked(True)
    form.intervention_boxes["communication_analysis"].setChecked(True)
    form.ideation.setCurrentIndex(form.ideation.findData("passive"))
    form.risk_notes.setPlainText("Safety plan reviewed")
    form.homework_review.setPlainText("Did it twice")
    qtbot.keyClicks(form.mood, "6")
    assert form.ideation_note.isVisible()  # passive ideation prompts for the risk notes

    assert dialog.close()

    stored = _stored(read_record, client_id, 5)
    assert (stored.duration_minutes, stored.status, stored.focus_problem_area, stored.mood) == \
        (60, "attended", "role_transition", 6)
    assert set(stored.interventions) == {"role_play", "communication_analysis"}
    assert (stored.suicidal_ideation, stored.risk_notes, stored.homework_review) == \
        ("passive", "Safety plan reviewed", "Did it twice")

    again = open_editor(read_record(client_id).latest_episode, 5)
    assert again.form.read(again.session) == stored  # loads back exactly what was stored
    assert again.form.ideation.currentData() == "passive"


def test_bad_mood_is_shown_beside_the_field_and_blocks_closing(qtbot, ctx, make_episode, read_record,
                                                               open_editor):
    client_id, episode = make_episode()
    dialog = open_editor(episode, 3)
    dialog.form.notes.setPlainText("Kept")
    qtbot.keyClicks(dialog.form.mood, "12")

    error = dialog.form.errors["mood"]
    assert error.isVisible() and "0 to 10" in error.text()
    assert not dialog.close()  # refused: the dialog stays open with the text
    assert dialog.isVisible() and dialog.form.notes.toPlainText() == "Kept"
    assert _stored(read_record, client_id, 3).mood is None
    assert _stored(read_record, client_id, 3).notes == ""  # nothing stored while invalid

    dialog.form.mood.clear()
    qtbot.keyClicks(dialog.form.mood, "7")
    assert not error.isVisible()
    assert dialog.close()
    stored = _stored(read_record, client_id, 3)
    assert (stored.mood, stored.notes) == (7, "Kept")


def test_failed_save_keeps_dialog_and_text_and_says_why(qtbot, ctx, make_episode, open_editor):
    _, episode = make_episode()
    # An episode the practice does not hold: the real service refuses the write.
    ghost = dataclasses.replace(episode, id="no-such-episode")
    dialog = open_editor(ghost, 2)
    dialog.form.notes.setPlainText("Must not be lost")

    assert not dialog.close()

    assert dialog.isVisible()
    assert dialog.form.notes.toPlainText() == "Must not be lost"
    assert dialog.failure.isVisible() and dialog.failure.text().startswith("Not saved:")
    assert ctx.save_state.state == "failed"
    warnings = [m for m in ctx.interaction.messages if m[0] == "warn"]
    assert len(warnings) == 1
    assert not dialog.close()  # a second failure does not warn again
    assert len([m for m in ctx.interaction.messages if m[0] == "warn"]) == 1
    dialog.form.load(dialog.session)  # give up the edit so teardown can close it


def test_reschedule_with_shift_moves_every_later_session_by_the_same_amount(
        ctx, make_episode, read_record, open_editor):
    client_id, episode = make_episode()
    before = {s.number: s.scheduled_at for s in episode.sessions}
    dialog = open_editor(episode, 5)
    ctx.interaction.confirm_answers.append(True)  # "Move later sessions too"
    _set_time(dialog, "2026-10-07T10:30")  # was Mon 5 Oct 09:00: +2 days 1.5 hours

    assert dialog.close()

    prompt = [m for m in ctx.interaction.messages if m[0] == "confirm"]
    assert len(prompt) == 1
    assert "11 scheduled sessions" in prompt[0][2] and "2 days 1 hour 30 minutes later" in prompt[0][2]
    after = {s.number: s.scheduled_at for s in read_record(client_id).latest_episode.sessions}
    delta = _dt.timedelta(days=2, hours=1, minutes=30)
    fmt = "%Y-%m-%dT%H:%M"
    for number in range(1, 17):
        expected = before[number] if number < 5 else (
            _dt.datetime.strptime(before[number], fmt) + delta).strftime(fmt)
        assert after[number] == expected, number


def test_reschedule_without_shift_moves_only_that_session(ctx, make_episode, read_record, open_editor):
    client_id, episode = make_episode()
    before = {s.number: s.scheduled_at for s in episode.sessions}
    dialog = open_editor(episode, 5)
    ctx.interaction.confirm_answers.append(False)  # "Only this session"
    _set_time(dialog, "2026-10-06T14:00")

    assert dialog.flush()

    after = {s.number: s.scheduled_at for s in read_record(client_id).latest_episode.sessions}
    assert after[5] == "2026-10-06T14:00"
    assert {n: t for n, t in after.items() if n != 5} == {n: t for n, t in before.items() if n != 5}
    assert "Tue 6 Oct 2026, 14:00" in dialog.heading.text()
    dialog.close()


def test_add_measure_from_the_editor_presets_the_session(qtbot, ctx, make_episode, read_record,
                                                          open_editor):
    client_id, episode = make_episode()
    dialog = open_editor(episode, 4)
    measure_dialog = dialog.measures.add_measure("gad7")
    qtbot.addWidget(measure_dialog)
    assert measure_dialog.session_spin.value() == 4
    assert measure_dialog.administered_on() == "2026-09-28"  # the session's date
    for number in range(1, 8):
        measure_dialog.set_item(number, 1)

    assert measure_dialog.save()

    rows = dialog.measures.model.rows()
    assert [(m.instrument, sum(m.items), m.session_number) for m in rows] == [("gad7", 7, 4)]
    stored = read_record(client_id).latest_episode.measures
    assert [(m.instrument, m.session_number) for m in stored] == [("gad7", 4)]

    dialog.measures.table.selectRow(0)
    assert dialog.measures.delete_button.isEnabled()
    assert dialog.measures.delete_selected()
    assert dialog.measures.model.rows() == []
    assert read_record(client_id).latest_episode.measures == ()
    assert dialog.close()


def test_measures_model_passes_the_model_tester(qapp):
    model = SessionMeasuresModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    rows = [MeasureAdministration("a", "phq9", "2026-09-07", (3, 3, 3, 3, 3, 3, 3, 3, 1), 1),
            MeasureAdministration("b", "gad7", "2026-09-07", (0,) * 7, 1)]
    model.set_rows(rows)
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert model.index(0, 2).data() == "25"
    assert model.index(0, 3).data() == "Severe"
    assert "Risk" in model.index(0, 4).data()
    assert model.index(1, 4).data() == ""
    assert model.index(1, 0).data(OBJECT_ROLE) is rows[1]
    model.set_rows([])
    assert model.rowCount() == 0


def test_screenshot_of_the_session_editor(qtbot, ctx, make_episode, read_record, open_editor):
    from ipt_desktop.services.measures import record_measure
    from ipt_desktop.services.sessions import update_session

    client_id, episode = make_episode()
    session = dataclasses.replace(
        episode.sessions[3], status="attended", focus_problem_area="role_dispute", mood=5,
        interventions=("communication_analysis", "role_play", "homework_review"),
        notes="Reviewed last week's argument with partner about chores; role-played asking for help.",
        homework_assigned="Ask partner for help once, calmly.", suicidal_ideation="none")
    update_session(ctx.practice, episode_id=episode.id, session=session)
    record_measure(ctx.practice, episode_id=episode.id, instrument="phq9", administered_on="2026-09-28",
                   items=[1, 1, 1, 1, 1, 1, 1, 1, 0], session_number=4)
    dialog = open_editor(read_record(client_id).latest_episode, 4)
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1280 and dialog.height() <= 800
    # Let the scroll area settle (its scroll bar is decided after the first layout pass).
    qtbot.waitUntil(lambda: dialog.scroll.widget().width() == dialog.scroll.viewport().width())
    assert not dialog.scroll.verticalScrollBar().isVisible()  # everything fits at 1280x800
    Path("/tmp/shots").mkdir(exist_ok=True)
    assert dialog.grab().save("/tmp/shots/session_editor.png")
    dialog.close()


def test_a_session_moved_elsewhere_is_shown_and_not_moved_back_on_close(ctx, make_episode, read_record,
                                                                       open_editor):
    from ipt_desktop.services.sessions import reschedule_session

    client_id, episode = make_episode()
    dialog = open_editor(episode, 8)
    reschedule_session(ctx.practice, episode_id=episode.id, number=5, scheduled_at="2026-10-06T09:00",
                       shift_later=True)
    dialog.set_episode(read_record(client_id).latest_episode)  # what the tab does on ctx.hub.changed

    assert dialog.form.scheduled_at() == "2026-10-27T09:00"
    assert dialog.close()
    assert _stored(read_record, client_id, 8).scheduled_at == "2026-10-27T09:00"
    assert not [m for m in ctx.interaction.messages if m[0] == "confirm"]


def test_saves_triggered_while_the_shift_question_is_open_do_not_ask_twice(ctx, make_episode, read_record,
                                                                          open_editor):
    client_id, episode = make_episode()
    dialog = open_editor(episode, 5)
    asked = []

    def confirm(title, text, **_kwargs):
        # A real modal box moves focus: the date field's editingFinished and the autosave
        # timer both try to save while the question is still open.
        asked.append(text)
        assert dialog.save() is False
        dialog.form.time_committed.emit()
        return True

    ctx.interaction.confirm = confirm
    _set_time(dialog, "2026-10-05T11:00")
    assert dialog.flush()
    assert len(asked) == 1
    assert _stored(read_record, client_id, 16).scheduled_at == "2026-12-21T11:00"
    dialog.close()
