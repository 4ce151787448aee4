"""Placing an action that another module adds to the main window's menus and toolbar.

Modules such as the audit log, the database check and backups install their own actions after
the window is built; they want a stable place (before Lock, before Preferences) whatever order
they are installed in, and still work on a window without that anchor (tests, trimmed builds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


def insert_before(widget: QWidget, action: QAction, anchor: object) -> None:
    """Inserts ``action`` before ``anchor`` when that is one of ``widget``'s actions, else appends."""
    if isinstance(anchor, QAction) and anchor in widget.actions():
        widget.insertAction(anchor, action)
    else:
        widget.addAction(action)


def window_action(window: Any, name: str) -> object:
    """The main window's action ``name`` (e.g. "lock"), or None when the window has none."""
    return getattr(getattr(window, "actions_", None), name, None)


def add_to_file_menu(window: Any, action: QAction, before: str = "lock") -> None:
    """Adds ``action`` to File, before the window's ``before`` action when present."""
    insert_before(window.menus["file"], action, window_action(window, before))


def add_file_action(window: Any, text: str, object_name: str, tip: str, slot: Callable[[], object],
                    *, before: str = "lock") -> QAction:
    """A File-menu action (tool and status tip ``tip``) that calls ``slot()``, placed before the
    window's ``before`` action when present; returns it. ``text`` is already translated."""
    action = QAction(text, window)
    action.setObjectName(object_name)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    add_to_file_menu(window, action, before=before)
    return action
