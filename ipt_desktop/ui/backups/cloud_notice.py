"""The once-only warning when the practice or backup folder is inside a cloud-sync folder."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ipt_desktop.services.backups import resolve_folder
from ipt_desktop.services.cloud_sync import cloud_warning


def warn_once_about_cloud(ctx: Any) -> bool:
    """Show the warning through ctx.interaction unless it was shown before; True when shown.

    The main window calls this once after opening the practice. Shown once: the flag is set
    when it is shown (the Backups dialog keeps a dismissable banner for later visits).
    """
    if ctx.settings.cloud_warning_dismissed():
        return False
    practice = ctx.practice
    folder = resolve_folder(practice.data_dir, ctx.settings.backup_folder())
    text = cloud_warning(practice.data_dir, folder)
    if not text:
        return False
    ctx.interaction.warn(QCoreApplication.translate("BackupsDialog", "Folder synced to the cloud"), text)
    ctx.settings.set_cloud_warning_dismissed(True)
    return True
