"""File > Check database…: the GUI's face of `ipt-desktop check`.

Runs the full checks (SQLite integrity_check, foreign_key_check, SQLCipher's page HMACs and the
audit hash chain) through services.integrity and says the result in plain sentences. It stays on
the GUI thread (SQLite connections live there) with a busy cursor: a practice of ten years is
checked in about a second.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication

from ipt_desktop.ui.menu_helpers import add_file_action

log = logging.getLogger(__name__)


def install_check_database_action(window: Any) -> QAction:
    """Adds File > Check database… (before Lock when present); returns the action."""
    return add_file_action(
        window, window.tr("&Check database\u2026"), "checkDatabaseAction",
        window.tr("Check the practice file for damage and the audit trail for alterations"),
        lambda: check_database(window))


def check_database(window: Any) -> bool:
    """Runs the checks and tells the therapist; True when the file is intact."""
    from ipt_desktop.services.errors import ServiceError
    from ipt_desktop.services.integrity import check_practice

    ctx = window.ctx
    title = window.tr("Check database")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = check_practice(ctx.practice)
    except ServiceError as exc:
        ctx.interaction.warn(title, exc.message)
        return False
    except Exception:  # noqa: BLE001 - a check must never crash the window; details to the log
        log.exception("the database check failed unexpectedly")
        ctx.interaction.warn(title, window.tr("The check could not be completed. Details are in the log file."))
        return False
    finally:
        QGuiApplication.restoreOverrideCursor()
    text = "\n".join(report.lines())
    if report.ok:
        ctx.interaction.inform(title, text)
    else:
        ctx.interaction.warn(title, text + "\n\n" + window.tr(
            "Your records have not been changed. Open File > Backups… to restore a verified backup."))
    return report.ok
