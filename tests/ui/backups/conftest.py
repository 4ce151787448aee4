"""Shared by the backup tests: a client saved as the dialogs save one (with the hub broadcast
the scheduler listens to), and the main window with a chosen backup folder."""

from __future__ import annotations

import pytest

from ipt_desktop.services.clients import create_client
from ipt_desktop.ui.main_window import MainWindow


@pytest.fixture
def add_client(ctx):
    def add(first: str) -> str:
        client, changes = create_client(ctx.practice, first_name=first, last_name="Fictional")
        ctx.hub.changed.emit(changes)  # as every dialog does after a write
        return client.id

    return add


@pytest.fixture
def open_window(qtbot, ctx, tmp_path):
    """``open_window()`` shows a MainWindow backing up into tmp_path/chosen-backups."""
    windows: list[MainWindow] = []

    def open_() -> MainWindow:
        ctx.settings.set_backup_folder(tmp_path / "chosen-backups")
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield open_
    for win in windows:
        win.close()
