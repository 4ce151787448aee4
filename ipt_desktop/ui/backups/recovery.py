"""After the practice file failed its check at start-up: offer the newest verified backup.

The start-up code calls ``offer_restore(data_dir, key=..., interaction=...)`` when opening raised
DatabaseUnreadableError (not NewerVersionError). Nothing is ever wiped: the damaged file is moved
to DATA_DIR/replaced/ by the restore, and declining changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ipt_desktop.services import backup_restore
from ipt_desktop.services.backups import resolve_folder
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import formatting


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupRecovery", text)


def offer_restore(data_dir: Path, *, interaction: Any, key: Any = None, passphrase: str | None = None,
                  folder: Path | None = None) -> backup_restore.RestoreResult | None:
    """Ask to restore the newest backup that passes every check; the result, or None."""
    best = backup_restore.newest_verified_backup(data_dir, passphrase=passphrase, key=key, folder=folder)
    title = _tr("The practice file is damaged")
    if best is None:
        interaction.warn(title, _tr("The practice file failed its check and no backup that passes every "
                                    "check was found in %1. Nothing was changed. Keep the folder as it is "
                                    "and restore from a backup stored elsewhere (Restore from file…).")
                         .replace("%1", str(resolve_folder(data_dir, folder))))
        return None
    when = (formatting.format_datetime(best.created_at.strftime("%Y-%m-%dT%H:%M"), weekday=False)
            if best.created_at else best.path.name)
    question = (_tr("The practice file failed its check. Restore the newest good backup, from %1 "
                    "(%2 clients, %3 sessions)? Changes made after it are not in it. The damaged file is "
                    "kept, not deleted.")
                .replace("%1", when).replace("%2", str(best.clients)).replace("%3", str(best.sessions)))
    if not interaction.confirm(title, question, ok=_tr("Restore backup"), cancel=_tr("Not now")):
        return None
    try:
        result = backup_restore.restore_closed(data_dir, path=best.path, passphrase=passphrase, key=key,
                                               folder=folder)
    except ServiceError as exc:
        interaction.warn(_tr("Not restored"), exc.message)
        return None
    interaction.inform(_tr("Backup restored"), " ".join(result.summary_lines()))
    return result
