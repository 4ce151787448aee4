"""Register DejaVu Sans with ReportLab once per process.

The standard PDF fonts only cover Latin-1, so "Łukasz Żółć" or "Дмитрий" would print as black
boxes. DejaVu Sans covers Latin, Greek and Cyrillic; ReportLab embeds a subset (/FontFile2)
of the glyphs used, so the PDF prints the same everywhere.
"""

from __future__ import annotations

import threading

from ipt_desktop.assets import asset_path

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}
_lock = threading.Lock()  # reports may render on a worker thread while another starts
_registered = False


class FontMissingError(RuntimeError):
    pass


def register_fonts() -> None:
    """Idempotent; raises FontMissingError naming the file when a TTF is not installed."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in _FILES.items():
            path = asset_path("fonts", filename)
            if not path.is_file():
                raise FontMissingError(f"The report font {filename} is missing from {path.parent}.")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b>, <i> and <b><i> in Paragraph markup map to these faces; no bold-oblique face is
        # shipped, so bold italic falls back to bold (we never emit it ourselves).
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, OBLIQUE)
        addMapping(FAMILY, 1, 1, BOLD)
        _registered = True
