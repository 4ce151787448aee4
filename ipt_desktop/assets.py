"""The one way to find bundled files (icons, fonts, stylesheets).

In development they live in ``resources/`` at the repository root; inside a PyInstaller bundle
they are unpacked under ``sys._MEIPASS/resources``. Every path to a resource goes through here so
the bundle and the source tree can never disagree (cf. vorta's get_asset()).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir:
        return Path(bundle_dir) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def asset_path(*parts: str) -> Path:
    """Absolute path of a file under resources/, e.g. asset_path("fonts", "DejaVuSans.ttf")."""
    return resources_root().joinpath(*parts)
