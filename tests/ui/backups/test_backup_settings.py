"""Backup preferences: typed UiSettings accessors with the retention defaults of services.retention,
the Preferences page that edits them, and the scheduler passing the folder and policy on."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from ipt_desktop.services import backups
from ipt_desktop.services.retention import RetentionPolicy
from ipt_desktop.ui.backups.dialog import BackupsDialog
from ipt_desktop.ui.backups.scheduler import BackupScheduler
from ipt_desktop.ui.dialogs.preferences_dialog import PreferencesDialog

SHOTS = Path("/tmp/shots")


def test_defaults_are_the_retention_policy_defaults(ui_settings):
    assert RetentionPolicy() == RetentionPolicy(daily=12, weekly=10, monthly=9)  # the spec's numbers
    assert ui_settings.retention_policy() == RetentionPolicy()
    assert (ui_settings.keep_daily(), ui_settings.keep_weekly(), ui_settings.keep_monthly()) == (12, 10, 9)
    assert ui_settings.backup_folder() is None and not ui_settings.cloud_warning_dismissed()


def test_a_hand_edited_ini_falls_back_to_the_defaults(ui_settings):
    ui_settings.qsettings.setValue("backups/keep_daily", "lots")
    ui_settings.qsettings.setValue("backups/keep_weekly", "-3")
    assert ui_settings.keep_daily() == 12 and ui_settings.keep_weekly() == 0


def test_the_preferences_page_shows_and_stores_the_backup_settings(qtbot, ctx, tmp_path):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.backup_folder.text() == ""
    assert {k: s.value() for k, s in dialog.keep_spins.items()} == {
        "keep_daily": 12, "keep_weekly": 10, "keep_monthly": 9}
    dialog.pages.setCurrentIndex(2)
    dialog.show()
    dialog.resize(640, dialog.sizeHint().height())
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "preferences-backups.png"))
    dialog.backup_folder.setText(str(tmp_path / "usb" / "ipt-backups"))
    dialog.keep_spins["keep_weekly"].setValue(4)
    dialog.accept()
    assert ctx.settings.backup_folder() == tmp_path / "usb" / "ipt-backups"
    assert ctx.settings.retention_policy() == RetentionPolicy(daily=12, weekly=4, monthly=9)
    again = PreferencesDialog(ctx)
    qtbot.addWidget(again)
    assert again.backup_folder.text() == str(tmp_path / "usb" / "ipt-backups")
    again.backup_folder.setText("  ")
    again.accept()
    assert ctx.settings.backup_folder() is None  # blank = the default folder again


def test_the_scheduler_thins_with_the_configured_policy(ctx, tmp_path):
    folder = tmp_path / "chosen"
    ctx.settings.set_backup_folder(folder)
    ctx.settings.set_keep_daily(1)
    ctx.settings.set_keep_weekly(0)
    ctx.settings.set_keep_monthly(0)
    first = backups.create_backup(ctx.practice, reason="manual", folder=folder).path
    for days in range(3, 8):  # five automatic backups on five earlier days
        old = datetime.now() - timedelta(days=days)
        shutil.copy(first, folder / backups.backup_name(old, "auto"))
    scheduler = BackupScheduler(ctx)
    assert scheduler.backup_now("auto") is not None
    reasons = sorted(info.reason for info in backups.list_backups(ctx.practice, folder=folder))
    # The new one (last 24 h), one daily, and the manual backup, which is never thinned.
    assert reasons == ["auto", "auto", "manual"]


def test_screenshot_of_the_backups_dialog(qtbot, ctx):
    from ipt_desktop.services.clients import create_client

    create_client(ctx.practice, first_name="Orla", last_name="Fictional")
    backups.create_backup(ctx.practice, reason="auto")
    backups.create_backup(ctx.practice, reason="quit")
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.backup_now()
    dialog.table.selectRow(1)
    dialog.verify_selected()
    dialog.resize(720, 440)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "backups-dialog.png"))
    assert dialog.model.rowCount() == 3
