"""DischargeDialog: pre-drafted narrative from the record; discharging marks the client."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from ipt_desktop.services import clients as client_service
from ipt_desktop.ui.dialogs.discharge_dialog import DischargeDialog


def test_narrative_is_predrafted_with_attendance_and_scores(qtbot, ctx, treated_record):
    episode = treated_record.latest_episode
    dialog = DischargeDialog(ctx, treated_record, episode.id)
    qtbot.addWidget(dialog)
    summary = dialog.texts["summary"].toPlainText()
    assert "attended 3 of 16 planned sessions" in summary
    assert "1 session" in summary and "cancelled" in summary, summary
    assert "PHQ-9 went from 18" in summary and "to 8" in summary
    assert "role transitions" in summary
    assert "PHQ-9" in dialog.texts["warning_signs"].toPlainText()
    assert dialog.texts["recommendations"].toPlainText().strip()


def test_discharge_stores_the_edited_text_and_marks_the_client_discharged(qtbot, ctx, treated_record):
    episode = treated_record.latest_episode
    dialog = DischargeDialog(ctx, treated_record, episode.id)
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2026, 12, 21))
    dialog.reason.setCurrentIndex(dialog.reason.findData("completed"))
    dialog.texts["recommendations"].setPlainText("Monthly maintenance sessions until June.")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert treated_record.client.id in dialog.changes.client_ids

    record = client_service.get_client_record(ctx.practice, client_id=treated_record.client.id)
    assert record.client.status == "discharged"
    stored = record.latest_episode.discharge
    assert stored.date == "2026-12-21" and stored.reason == "completed"
    assert stored.recommendations == "Monthly maintenance sessions until June."
    assert "attended 3 of 16" in stored.summary


def test_a_failed_discharge_keeps_the_dialog_and_the_text(qtbot, ctx, treated_record):
    episode = treated_record.latest_episode
    dialog = DischargeDialog(ctx, treated_record, episode.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.texts["summary"].setPlainText("Careful words the therapist must not lose.")
    dialog.date.setDate(QDate(2026, 9, 1))  # before the episode started
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "before the episode started" in dialog.error_labels["date"].text()
    assert dialog.texts["summary"].toPlainText() == "Careful words the therapist must not lose."
    ctx.practice.close()  # the next write cannot happen at all
    dialog.date.setDate(QDate(2026, 12, 21))
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.general_error.isVisible() and dialog.general_error.text().startswith("Not saved")
    assert dialog.texts["summary"].toPlainText() == "Careful words the therapist must not lose."
