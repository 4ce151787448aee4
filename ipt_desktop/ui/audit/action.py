"""The "Audit log…" menu item, added to the main window's File menu by one call:

    install_audit_log_action(main_window)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from ipt_desktop.ui.menu_helpers import add_file_action


def install_audit_log_action(window: Any) -> QAction:
    """Adds File > Audit log… (before Lock when present); returns the action."""
    return add_file_action(
        window, window.tr("&Audit log\u2026"), "auditLogAction",
        window.tr("Every change, export and printout, with a check that none was altered"),
        lambda: open_audit_log(window))


def open_audit_log(window: Any):
    """Opens the dialog non-modally (kept as ``window.active_dialog`` for tests) and returns it."""
    from ipt_desktop.ui.audit.dialog import AuditLogDialog

    dialog = AuditLogDialog(window.ctx, window)
    window.active_dialog = dialog

    def finished(_result: int) -> None:
        if getattr(window, "active_dialog", None) is dialog:
            window.active_dialog = None
        dialog.deleteLater()

    dialog.finished.connect(finished)
    locked = getattr(window, "locked", None)
    if locked is not None:
        # Client names must not stay on screen once the practice is locked.
        locked.connect(dialog.reject)
    dialog.open()
    return dialog
