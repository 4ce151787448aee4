"""Shared GUI fixtures: an AppContext on a real temporary encrypted practice.

``practice`` comes from tests/conftest.py (a fresh encrypted practice per test). ``ctx`` wraps it
with a ScriptedInteraction (no modal dialogs in tests; read ``ctx.interaction.messages``) and a
UiSettings on an ini file in the test's temp dir (never the user's real settings).
``demo_ctx`` is the same with the fictional demo clients added.
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
