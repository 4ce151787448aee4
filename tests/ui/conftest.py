"""Shared GUI fixtures: an AppContext on a real temporary encrypted practice.

``practice`` comes from tests/conftest.py (a fresh encrypted practice per test). ``ctx`` wraps it
with a ScriptedInteraction (no modal dialogs in tests; read ``ctx.interaction.messages``) and a
UiSettings on an ini file in the test's temp dir (never the user's real settings).
``demo_ctx`` is the same with the fictional demo clients added. ``make_episode`` makes a fictional
client with a freshly planned episode through the real services; ``read_record`` reads it back.
``show_main_window(size=None)`` shows the real MainWindow on the demo practice (closed after the
test); ``window`` is one such window at its default size (modules override it to add a size or
a selected client).
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from ipt_desktop.ui.context import AppContext  # noqa: E402
from ipt_desktop.ui.interaction import ScriptedInteraction  # noqa: E402
from ipt_desktop.ui.settings import UiSettings  # noqa: E402


@pytest.fixture
def ui_settings(tmp_path, qapp) -> UiSettings:
    qs = QSettings(str(tmp_path / "ui-settings.ini"), QSettings.Format.IniFormat)
    return UiSettings(qs)


@pytest.fixture
def interaction() -> ScriptedInteraction:
    return ScriptedInteraction()


@pytest.fixture
def ctx(qapp, practice, ui_settings, interaction) -> AppContext:
    return AppContext(practice=practice, settings=ui_settings, interaction=interaction)


@pytest.fixture
def demo_ctx(ctx) -> AppContext:
    # Imported here so tests that never need demo data do not depend on services.demo existing.
    from ipt_desktop.services.demo import add_demo_clients

    add_demo_clients(ctx.practice)
    return ctx


@pytest.fixture
def make_episode(ctx):
    """make_episode(protocol="ipt-16", **start_episode kwargs) -> (client_id, episode)."""
    from ipt_desktop.services.clients import create_client
    from ipt_desktop.services.episodes import start_episode

    def make(protocol: str = "ipt-16", start_date: str = "2026-09-07", **kwargs):
        client, _ = create_client(ctx.practice, first_name="Robin", last_name="Testperson")
        episode, _ = start_episode(ctx.practice, client_id=client.id, protocol=protocol,
                                   start_date=start_date, session_time="09:00", **kwargs)
        return client.id, episode

    return make


@pytest.fixture
def read_record(ctx):
    from ipt_desktop.services.clients import get_client_record

    return lambda client_id: get_client_record(ctx.practice, client_id=client_id)


@pytest.fixture
def show_main_window(qtbot, demo_ctx):
    """show_main_window(size=None) -> a MainWindow on the demo practice, shown and exposed.

    ``size`` is applied before the first show, as a first run at that screen size would be.
    """
    from ipt_desktop.ui.main_window import MainWindow

    windows = []

    def show(size: tuple[int, int] | None = None) -> MainWindow:
        win = MainWindow(demo_ctx, demo=True)
        qtbot.addWidget(win)
        if size is not None:
            win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield show
    for win in windows:
        win.close()  # also closes an unlock dialog left by a lock test


@pytest.fixture
def window(show_main_window):
    return show_main_window()
