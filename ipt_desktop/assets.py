"""The one way to find files under resources/ (fonts, icons, stylesheets).

In development resources/ sits at the repository root; inside a PyInstaller bundle it is
unpacked under ``sys._MEIPASS``. Every path to a bundled asset goes through ``asset_path`` so
the packaging spec only has to ship resources/ once (cf. vorta's ``get_asset``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def asset_path(*parts: str) -> Path:
    """``asset_path("fonts", "DejaVuSans.ttf")`` -> absolute path inside resources/."""
    return resources_dir().joinpath(*parts)
