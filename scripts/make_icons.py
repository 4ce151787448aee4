"""Regenerate the app icon set (PNG 16-512, Windows .ico, macOS .icns) from the one SVG.

Run after editing resources/icons/app/ipt-desktop.svg:
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "app" / "ipt-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    app = QGuiApplication(sys.argv)  # noqa: F841 - QImage/QSvgRenderer need a GUI application
    renderer = QSvgRenderer(str(SVG))
    for size in SIZES:
        render(renderer, size).save(str(SVG.with_name(f"ipt-desktop-{size}.png")))
    render(renderer, 256).save(str(ROOT / "build" / "ipt-desktop.ico"), "ICO")
    render(renderer, 512).save(str(ROOT / "build" / "ipt-desktop.icns"), "ICNS")


if __name__ == "__main__":
    main()
