"""Light/dark scheme: follow the system, expose the few colours the palette has no role for.

Widgets use palette roles for text and backgrounds; only the risk banner and the "secondary
text" need colours of their own, and those are picked per scheme here so every screen agrees.

QT_NAMESPACE_NOTE: the modules that run before the unlock dialog's first paint (this one,
ui.icons, ui.startup.unlock_dialog and worker) do not touch ``Qt`` at import or while building
that dialog. PySide6 builds all ~100 enum types of the Qt namespace on its first use, about
20 ms of a 150 ms start (docs/performance.md, change 16); that includes ``QColor(other_qcolor)``,
whose overload check asks for ``Qt.GlobalColor``. The benchmark smoke test checks it.
"""

from __future__ import annotations

import sys
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class RiskColours(NamedTuple):  # not a dataclass: dataclasses costs ~7 ms before the first paint
    background: QColor
    text: QColor
    border: QColor


def is_dark(palette: QPalette | None = None) -> bool:
    """True in a dark scheme: the style hint when the platform reports one, else the palette."""
    app = QGuiApplication.instance()
    if palette is None and app is not None:
        from PySide6.QtCore import Qt  # here, not at import: see QT_NAMESPACE_NOTE

        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
    palette = palette or (app.palette() if app is not None else QPalette())
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def risk_colours(palette: QPalette | None = None) -> RiskColours:
    """Red that reads as a warning in both schemes with enough contrast for its text."""
    if is_dark(palette):
        return RiskColours(QColor("#4a1717"), QColor("#ffd8d4"), QColor("#e57373"))
    return RiskColours(QColor("#fdecea"), QColor("#8b1a1a"), QColor("#d32f2f"))


def secondary_text(widget: QWidget) -> QColor:
    """Quieter text (hints, sub-headings): the window text at reduced contrast."""
    colour = widget.palette().color(QPalette.ColorRole.WindowText)  # a copy, safe to change
    colour.setAlphaF(0.68)
    return colour


def error_text(palette: QPalette | None = None) -> QColor:
    """The colour of validation messages beside fields."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


def hint_css(widget: QWidget) -> str:
    c = secondary_text(widget)
    return f"color: rgba({c.red()}, {c.green()}, {c.blue()}, {c.alphaF():.2f});"


def error_css() -> str:
    return f"color: {error_text().name()};"


def dark_palette() -> QPalette:
    """A Fusion-style dark palette: what a dark desktop hands Qt, for previews and screenshots
    on platforms that report no scheme (offscreen)."""
    p = QPalette()
    window, base, text = QColor("#2b2b2b"), QColor("#1f1f1f"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor("#262626"),
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: QColor("#353535"),
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.ToolTipBase: QColor("#3a3a3a"),
        QPalette.ColorRole.ToolTipText: text, QPalette.ColorRole.Highlight: QColor("#3d7ab8"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"), QPalette.ColorRole.Link: QColor("#7fb4ff"),
        QPalette.ColorRole.PlaceholderText: QColor("#9a9a9a"), QPalette.ColorRole.Mid: QColor("#444444"),
        QPalette.ColorRole.Midlight: QColor("#3c3c3c"), QPalette.ColorRole.Dark: QColor("#1a1a1a"),
        QPalette.ColorRole.Light: QColor("#505050"), QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


class ThemeWatcher(QObject):
    """Emits ``changed`` when the system switches light/dark (icons are re-tinted on it)."""

    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.styleHints().colorSchemeChanged.connect(self._on_scheme)

    def _on_scheme(self, *_args: object) -> None:
        from ipt_desktop.ui import icons

        icons.clear_cache()
        self.changed.emit()


# Styles that draw fixed light colours whatever the palette says (Windows 10's native look).
_LIGHT_ONLY_STYLES = ("windowsvista", "windows")


def apply_theme(app: QApplication) -> ThemeWatcher:
    """Keep the platform's own style where it follows the system scheme (Windows 11, macOS,
    Breeze, GTK); swap the light-only Windows 10 style for Fusion, which draws with the palette."""
    # Windows only: asking for app.style() elsewhere builds QStyle's enums for nothing (~5 ms
    # before the first paint).
    if sys.platform == "win32" and app.style().name().lower() in _LIGHT_ONLY_STYLES:
        app.setStyle("Fusion")
    return ThemeWatcher(app)
