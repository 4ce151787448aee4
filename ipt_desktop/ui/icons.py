"""Line icons from resources/icons/*.svg, tinted to the current palette.

The SVGs draw with ``stroke="currentColor"``; Qt's SVG renderer does not know currentColor, so
we substitute the palette's text colour before rendering. That keeps one set of files for the
light and dark schemes (call ``clear_cache()`` when the scheme changes). Icons with fixed colours
(the red risk flag) are left as drawn. Rendering happens at 2x and 1x so high-DPI screens stay sharp.
The disabled look is the normal drawing copied at a low opacity rather than rendered again: an SVG
render with group opacity costs ~3x a plain one, and it was two thirds of building the main
window's icons (docs/performance.md, change 20).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from ipt_desktop.assets import asset_path

log = logging.getLogger(__name__)

NAMES = ("new-client", "search", "lock", "save", "print", "pdf", "risk-flag", "backup",
         "settings", "import", "export", "episode")
_SIZES = (16, 20, 24, 32, 48)
# Disabled actions: the same drawing at 45 % (Qt's automatic greying of a pixmap looks muddy on
# dark backgrounds).
DISABLED_OPACITY = 0.45
_cache: dict[tuple[str, str], QIcon] = {}


def _text_colour() -> QColor:
    app = QGuiApplication.instance()
    palette = app.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def _blank(width: int, height: int, dpr: float) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent (see QT_NAMESPACE_NOTE in ui.theme)
    return pixmap


def _render(renderer, size: int, dpr: float) -> QPixmap:
    pixmap = _blank(int(size * dpr), int(size * dpr), dpr)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def _faded(pixmap: QPixmap, opacity: float) -> QPixmap:
    faded = _blank(pixmap.width(), pixmap.height(), pixmap.devicePixelRatio())
    painter = QPainter(faded)
    painter.setOpacity(opacity)
    painter.drawPixmap(0, 0, pixmap)
    painter.end()
    return faded


def icon(name: str, *, colour: QColor | str | None = None) -> QIcon:
    """The named icon (see NAMES) tinted with ``colour`` (default: palette window text)."""
    tint = QColor(colour) if colour is not None else _text_colour()
    key = (name, tint.name(QColor.NameFormat.HexArgb))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    path = asset_path("icons", f"{name}.svg")
    try:
        source = path.read_bytes()
    except OSError:
        # A missing icon must not stop a window opening; the action still has its text.
        log.warning("icon %s not found at %s", name, path)
        return QIcon()
    from PySide6.QtSvg import QSvgRenderer  # not at import: no icon is drawn before the first paint

    renderer = QSvgRenderer(QByteArray(source.replace(b"currentColor", tint.name().encode())))
    result = QIcon()
    for size in _SIZES:
        for dpr in (1.0, 2.0):
            drawn = _render(renderer, size, dpr)  # one parse of the SVG, ten renders
            result.addPixmap(drawn, QIcon.Mode.Normal)
            result.addPixmap(_faded(drawn, DISABLED_OPACITY), QIcon.Mode.Disabled)
    _cache[key] = result
    return result


def app_icon() -> QIcon:
    """The window/taskbar icon from resources/icons/app (PNG sizes plus the SVG master)."""
    result = QIcon()
    folder = asset_path("icons", "app")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = folder / f"ipt-desktop-{size}.png"
        if png.exists():
            result.addFile(str(png), QSize(size, size))
    svg = folder / "ipt-desktop.svg"
    if result.isNull() and svg.exists():
        result.addFile(str(svg))
    return result


def clear_cache() -> None:
    """Forget tinted icons (after a light/dark switch) so the next ``icon()`` re-renders."""
    _cache.clear()
