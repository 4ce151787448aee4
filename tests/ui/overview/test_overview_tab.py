"""Overview tab: shows the record, autosaves the formulation, keeps typing across refreshes."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from ipt_desktop.services import clients as client_service


def test_shows_client_and_episode(tab, client_with_episode):
    client, _ = client_with_episode
    assert tab.title.text() == "Sam Example \u2014 active"
    assert "prefers \u201cSammy\u201d" in tab.details.values["name"].text()
    assert tab.details.values["date_of_birth"].text().startswith("2 Mar 1979 (")
    assert tab.forms.protocol_label.text() == "IPT \u2014 Interpersonal Psychotherapy"
    assert tab.forms.sessions_label.text().startswith("0 of 16 attended")
    assert tab.forms.dates_label.text().startswith("Started 7 Sep 2026")
    assert tab.forms.diagnosis.text() == "MDD"
    assert tab.discharge_button.isVisible()


def test_none_clears_every_widget(tab):
    tab.show_record(None)
    assert tab.title.text() == "No client selected"
    assert tab.forms.diagnosis.text() == "" and tab.details.values["name"].text() == ""
    assert tab.goals.model.rowCount() == 0
    assert not tab.edit_button.isEnabled() and not tab.discharge_button.isVisible()


def test_formulation_edits_autosave(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    client, _ = client_with_episode
    forms = tab.forms
    forms.primary_area.setCurrentIndex(forms.primary_area.findData("role_dispute"))
    forms.secondary_area.setCurrentIndex(forms.secondary_area.findData("interpersonal_deficits"))
    forms.formulation.setFocus()
    with qtbot.waitSignal(forms.savers["formulation"].saved, timeout=5000):
        qtbot.keyClicks(forms.formulation, "Low mood began with the dispute with Alex over the move.")
    forms.agree_today.click()
    episode = stored_episode(client.id)
    assert episode.primary_problem_area == "role_dispute"
    assert episode.secondary_problem_area == "interpersonal_deficits"
    assert episode.formulation == "Low mood began with the dispute with Alex over the move."
    assert episode.formulation_agreed_on == _dt.date.today().isoformat()
    assert ctx.save_state.state == "saved"


def test_diagnosis_is_saved_on_flush_and_typing_survives_a_refresh(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    client, _ = client_with_episode
    forms = tab.forms
    forms.diagnosis.setFocus()
    forms.diagnosis.selectAll()
    qtbot.keyClicks(forms.diagnosis, "Major depressive disorder, recurrent")
    # Another field saves meanwhile; the refresh it triggers must not undo the typing.
    forms.chief_complaint.setPlainText("Arguments at home")
    forms.savers["chief_complaint"].dirty = True
    assert forms.savers["chief_complaint"].flush()
    assert forms.diagnosis.text() == "Major depressive disorder, recurrent"
    assert tab.flush()
    episode = stored_episode(client.id)
    assert episode.diagnosis == "Major depressive disorder, recurrent"
    assert episode.chief_complaint == "Arguments at home"


def test_a_date_that_is_no_date_is_shown_beside_the_field_and_not_stored(qtbot, ctx, tab, stored_episode,
                                                                         client_with_episode):
    client, _ = client_with_episode
    forms = tab.forms
    qtbot.keyClicks(forms.agreed_on.line_edit, "31 Sep 2026")
    forms.agreed_on.line_edit.editingFinished.emit()
    assert "not a date" in forms.savers["formulation_agreed_on"].error_label.text()
    qtbot.keyClicks(forms.formulation, "Grief for her father.")
    assert tab.flush()
    episode = stored_episode(client.id)
    assert episode.formulation == "Grief for her father." and episode.formulation_agreed_on is None
    assert forms.agreed_on.text() == "31 Sep 2026"


def test_discharge_button_opens_the_dialog_and_discharges(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    client, _ = client_with_episode

    def fill(dialog: QDialog) -> None:
        assert "attended no sessions" in dialog.texts["summary"].toPlainText()
        dialog.date.setDate(QDate(2026, 10, 5))
        dialog.reason.setCurrentIndex(dialog.reason.findData("dropped_out"))
        dialog.accept()

    seen = answer_next_dialog(qtbot, fill)
    tab.discharge_button.click()
    assert seen == ["DischargeDialog"]
    assert client_service.get_client_record(ctx.practice, client_id=client.id).client.status == "discharged"
    assert tab.title.text() == "Sam Example \u2014 discharged"
    assert "discharged 5 Oct 2026 (dropped out)" in tab.forms.dates_label.text()
    assert not tab.discharge_button.isVisible()  # a new episode starts from the chart's strip


def test_edit_details_opens_the_client_dialog(qtbot, ctx, tab, client_with_episode, stored_episode, answer_next_dialog):
    client, _ = client_with_episode

    def fill(dialog: QDialog) -> None:
        dialog.edits["email"].setText("sam@example.org")
        dialog.accept()

    seen = answer_next_dialog(qtbot, fill)
    tab.edit_button.click()
    assert seen == ["ClientDialog"]
    assert client_service.get_client_record(ctx.practice, client_id=client.id).client.email == "sam@example.org"
    assert tab.details.values["email"].text() == "sam@example.org"


def test_switching_client_resets_fields(qtbot, ctx, tab):
    other, _ = client_service.create_client(ctx.practice, first_name="Lee", last_name="Sample")
    tab.forms.diagnosis.setText("typed but abandoned")
    tab.show_record(client_service.get_client_record(ctx.practice, client_id=other.id))
    assert tab.title.text() == "Lee Sample \u2014 active"
    assert tab.forms.diagnosis.text() == "" and not tab.forms.episode_box.isEnabled()
    assert not tab.discharge_button.isVisible()  # a new episode starts from the chart's strip


def test_a_failed_save_keeps_the_text_warns_once_and_reports_the_state(qtbot, ctx, tab):
    forms = tab.forms
    ctx.practice.close()  # every write from now on fails
    qtbot.keyClicks(forms.formulation, "Words that must survive a failed save.")
    assert tab.flush() is False
    forms.diagnosis.end(False)
    qtbot.keyClicks(forms.diagnosis, " (provisional)")
    assert tab.flush() is False
    assert forms.formulation.toPlainText() == "Words that must survive a failed save."
    assert forms.diagnosis.text() == "MDD (provisional)"
    assert ctx.save_state.state == "failed"
    assert [kind for kind, _title, _text in ctx.interaction.messages] == ["warn"]
    assert forms.savers["formulation"].dirty  # retried on the next flush


def test_text_the_service_rejects_is_shown_beside_the_field(qtbot, ctx, tab, client_with_episode,
                                                           stored_episode):
    client, _ = client_with_episode
    forms = tab.forms
    forms.diagnosis.setText("x" * 2100)
    forms.savers["diagnosis"].dirty = True
    assert tab.flush() is False
    error = forms.savers["diagnosis"].error_label
    assert error.isVisible() and "2000" in error.text()
    assert ctx.interaction.messages == []  # a field problem, not a dialog
    assert stored_episode(client.id).diagnosis == "MDD"


def test_goals_get_the_full_width_in_a_narrow_window(qtbot, tab):
    tab.resize(1200, 760)
    qtbot.waitUntil(lambda: tab._wide is True)
    tab.resize(740, 590)  # the chart area of a 1280x800 main window with the client list open
    qtbot.waitUntil(lambda: tab._wide is False)
    _row, column, _rows, columns = tab.grid.getItemPosition(tab.grid.indexOf(tab.goals))
    assert (column, columns) == (0, 2)
