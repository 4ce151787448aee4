"""The Backups dialog, its model and the BackupScheduler, driven offscreen on a real practice."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.services import backups
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.ui.backups.cloud_notice import warn_once_about_cloud
from ipt_desktop.ui.backups.dialog import BackupsDialog
from ipt_desktop.ui.backups.model import CHECK, BackupsModel
from ipt_desktop.ui.backups.scheduler import BackupScheduler



def _names(ctx) -> list[str]:
    return sorted(s.first_name for s in list_clients(ctx.practice))


def _select_row(dialog: BackupsDialog, row: int) -> None:
    dialog.table.selectRow(row)
    assert dialog.selected_backup() is not None


@pytest.fixture
def dialog(ctx, qtbot):
    create_client(ctx.practice, first_name="Orla", last_name="Fictional", notes="before")
    widget = BackupsDialog(ctx)
    qtbot.addWidget(widget)
    return widget


def test_model_passes_qt_model_tester(ctx):
    model = BackupsModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    backups.create_backup(ctx.practice)
    model.set_rows(backups.list_backups(ctx.practice))
    model.set_check(model.backup_at(0).path, False, "damaged")
    assert model.rowCount() == 1 and model.index(0, CHECK).data() == "Failed"


def test_back_up_now_verify_and_restore(dialog, ctx, qtbot, tmp_path):
    dialog.show()
    info = dialog.backup_now()
    assert info is not None and dialog.model.rowCount() == 1
    create_client(ctx.practice, first_name="Piet", last_name="Fictional", notes="after the backup")
    _select_row(dialog, 0)
    assert dialog.verify_selected().clients == 1
    assert "intact" in dialog.status.text()
    with qtbot.waitSignal(ctx.hub.changed) as changed:
        assert dialog.restore_selected()
    assert changed.args[0].touches("all")
    assert _names(ctx) == ["Orla"]
    assert ctx.interaction.messages[0][0] == "confirm" and "1 clients" in ctx.interaction.messages[0][2]
    reasons = sorted(dialog.model.backup_at(r).reason for r in range(dialog.model.rowCount()))
    assert reasons == ["manual", "pre-restore"]  # the replaced data is one click away
    assert "Restored the backup from" in dialog.status.text()
    dialog.resize(720, 440)
    dialog.grab().save(str(tmp_path / "backups-dialog.png"))


def test_declining_the_confirmation_changes_nothing(dialog, ctx):
    dialog.backup_now()
    create_client(ctx.practice, first_name="Piet", last_name="Fictional")
    ctx.interaction.confirm_answers = [False]
    _select_row(dialog, 0)
    assert not dialog.restore_selected()
    assert _names(ctx) == ["Orla", "Piet"]


def test_a_damaged_file_is_refused_with_a_message_and_nothing_changes(dialog, ctx, tmp_path):
    good = dialog.backup_now().path
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bad.ipt-backup"
    bad.write_bytes(bytes(data))
    create_client(ctx.practice, first_name="Piet", last_name="Fictional")
    ctx.interaction.files = [str(bad)]
    assert not dialog.restore_from_file()
    kind, title, text = ctx.interaction.messages[-1]
    assert kind == "warn" and "damaged" in text
    assert _names(ctx) == ["Orla", "Piet"]


def test_backup_with_other_passphrase_asks_for_it(dialog, ctx, tmp_path):
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    other = create_practice(tmp_path / "other", passphrase="the old one", profile=PracticeProfile())
    create_client(other, first_name="Olga", last_name="Fictional")
    foreign = backups.create_backup(other).path
    other.close()
    asked = []
    dialog.ask_passphrase = lambda reason: asked.append(reason) or "the old one"
    ctx.interaction.files = [str(foreign)]
    assert dialog.restore_from_file()
    assert asked and "different passphrase" in asked[0]
    assert _names(ctx) == ["Olga"]


def test_cloud_folder_banner_shows_until_dismissed(ctx, qtbot, tmp_path):
    ctx.settings.set_backup_folder(str(tmp_path / "Dropbox" / "ipt"))
    first = BackupsDialog(ctx)
    qtbot.addWidget(first)
    first.show()
    assert first.cloud_banner.isVisible() and "Dropbox" in first.cloud_text.text()
    first.grab().save(str(tmp_path / "banner.png"))
    first._dismiss_cloud_warning()
    second = BackupsDialog(ctx)
    qtbot.addWidget(second)
    second.show()
    assert not second.cloud_banner.isVisible()
    assert not warn_once_about_cloud(ctx)  # already dismissed: shown once only


def test_cloud_warning_is_shown_once(ctx, tmp_path):
    ctx.settings.set_backup_folder(str(tmp_path / "OneDrive" / "b"))
    assert warn_once_about_cloud(ctx)
    assert not warn_once_about_cloud(ctx)
    assert [m[0] for m in ctx.interaction.messages] == ["warn"]


def test_scheduler_backs_up_after_a_change_at_most_once_per_interval(ctx, qtbot):
    scheduler = BackupScheduler(ctx, interval_ms=300)
    assert scheduler.backup_on_quit()  # nothing changed: nothing to do, nothing lost
    assert backups.list_backups(ctx.practice) == []
    with qtbot.waitSignal(scheduler.backed_up, timeout=5000) as done:
        ctx.hub.changed.emit(None)
    assert done.args[0].reason == "auto"
    ctx.hub.changed.emit(None)
    ctx.hub.changed.emit(None)
    assert len(backups.list_backups(ctx.practice)) == 1  # not at every change
    with qtbot.waitSignal(scheduler.backed_up, timeout=5000):
        pass
    assert len(backups.list_backups(ctx.practice)) == 2
    ctx.hub.changed.emit(None)
    assert scheduler.backup_on_quit()
    assert backups.list_backups(ctx.practice)[0].reason == "quit"


def test_scheduler_reports_a_backup_it_could_not_write(ctx, qtbot, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    ctx.settings.set_backup_folder(str(blocker))
    scheduler = BackupScheduler(ctx, interval_ms=0)
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as failed:
        ctx.hub.changed.emit(None)
    assert failed.args[0].startswith("Not backed up")
    assert scheduler.dirty  # still owed: retried later and on quit


def test_damaged_practice_offers_the_newest_verified_backup(ctx, passphrase):
    from ipt_desktop.services.errors import DatabaseUnreadableError
    from ipt_desktop.services.practice import open_practice, unlock_key
    from ipt_desktop.ui.backups.recovery import offer_restore

    create_client(ctx.practice, first_name="Orla", last_name="Fictional")
    backups.create_backup(ctx.practice)
    data_dir, db_path = ctx.practice.data_dir, ctx.practice.db_path
    ctx.practice.close()
    damaged = bytearray(db_path.read_bytes())
    for offset in range(4096 + 100, len(damaged), 4096):
        damaged[offset] ^= 0xFF
    db_path.write_bytes(bytes(damaged))
    with pytest.raises(DatabaseUnreadableError):
        open_practice(data_dir, passphrase=passphrase)
    key = unlock_key(data_dir, passphrase)
    ctx.interaction.confirm_answers = [False]
    assert offer_restore(data_dir, interaction=ctx.interaction, key=key) is None  # declined: untouched
    assert db_path.read_bytes() == bytes(damaged)
    result = offer_restore(data_dir, interaction=ctx.interaction, key=key)
    assert result is not None and result.previous.is_file()
    reopened = open_practice(data_dir, passphrase=passphrase)
    try:
        assert [s.first_name for s in list_clients(reopened)] == ["Orla"]
    finally:
        reopened.close()
    key.wipe()
