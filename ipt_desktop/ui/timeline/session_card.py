"""One session of the timeline as a focusable card: number, time, status, measures, markers.

The card paints its own frame (palette colours, antialiased, logical coordinates) and uses plain
labels for the text so fonts, DPI scaling and screen readers behave. Enter, Space or a click
emits ``activated(number)``; the tab opens the session editor.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ipt_desktop.domain.problem_areas import area_colour, area_label
from ipt_desktop.domain.records import MeasureAdministration, Session
from ipt_desktop.domain.validation import parse_datetime_minutes
from ipt_desktop.ui.formatting import format_datetime
from ipt_desktop.ui.timeline.labels import (
    STATUS_GLYPHS, measure_total_text, status_colour, status_text,
)

CARD_WIDTH = 224
_RADIUS = 6.0
_STRIPE = 5.0


class SessionCard(QWidget):
    activated = Signal(int)  # session number

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.session: Session | None = None
        self.is_next = False
        self.raise_termination = False
        self._status = "scheduled"
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedWidth(CARD_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

        self.title = QLabel(self.tr("Session %1").replace("%1", str(number)))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.when_label = QLabel()
        self.measures_label = QLabel()
        self.measures_label.setWordWrap(True)
        self.focus_label = QLabel()
        self.focus_label.setTextFormat(Qt.TextFormat.RichText)
        self.marker_label = QLabel()
        self.marker_label.setTextFormat(Qt.TextFormat.RichText)
        self.marker_label.setWordWrap(True)
        for label in (self.title, self.status_label, self.when_label, self.measures_label,
                      self.focus_label, self.marker_label):
            # Clicks and keys belong to the card, not to the labels on it.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.status_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(int(_STRIPE) + 10, 8, 10, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.when_label)
        layout.addWidget(self.focus_label)
        layout.addWidget(self.measures_label)
        layout.addWidget(self.marker_label)
        layout.addStretch(1)

    # -- data ----------------------------------------------------------------------------------
    def set_data(self, session: Session | None, measures: list[MeasureAdministration], *,
                 raise_termination: bool, is_next: bool) -> None:
        self.session = session
        self.is_next = is_next
        self.raise_termination = raise_termination
        self._status = session.status if session else "scheduled"
        glyph = STATUS_GLYPHS.get(self._status, "")
        self.status_label.setText(
            f'<span style="color:{status_colour(self._status)}; font-weight:bold">{glyph}</span>'
            f"&nbsp;{_escape(status_text(self._status))}")
        if session is None:
            self.when_label.setText(self.tr("Not planned"))
        else:
            self.when_label.setText(_when_text(session, self.tr("%1 min")))
        area = session.focus_problem_area if session else None
        if area:
            self.focus_label.setText(
                f'<span style="color:{area_colour(area)}">\u25a0</span>&nbsp;'
                + _escape(self.tr("Focus: %1").replace("%1", area_label(area))))
            self.focus_label.show()
        else:
            self.focus_label.hide()
        totals = " \u00b7 ".join(measure_total_text(m) for m in measures)
        self.measures_label.setText(totals)
        self.measures_label.setVisible(bool(totals))
        markers = []
        if is_next:
            markers.append(f"<b>\u25b6 {_escape(self.tr('Next session'))}</b>")
        if raise_termination:
            markers.append(f"<b>\u2691 {_escape(self.tr('Raise termination'))}</b>")
        self.marker_label.setText("<br>".join(markers))
        self.marker_label.setVisible(bool(markers))
        self.setAccessibleName(self._accessible_text(totals))
        self.setToolTip(self.tr("Open session %1 (Enter)").replace("%1", str(self.number)))
        self.update()

    def _accessible_text(self, totals: str) -> str:
        parts = [self.title.text(), self.when_label.text().replace("\n", " "), status_text(self._status)]
        if totals:
            parts.append(totals)
        if self.is_next:
            parts.append(self.tr("next session"))
        if self.raise_termination:
            parts.append(self.tr("raise termination in this session"))
        return ", ".join(parts)

    def summary_text(self) -> str:
        """Everything the card says, for tests and screen readers."""
        return self.accessibleName()

    # -- input ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.number)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activated.emit(self.number)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        fill = palette.color(QPalette.ColorRole.Base)
        if self.is_next:
            # A light wash of the highlight colour marks the next session without hiding text.
            tint = QColor(highlight)
            tint.setAlphaF(0.14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
            fill = tint
        focused = self.hasFocus()
        border = highlight if (focused or self.is_next) else palette.color(QPalette.ColorRole.Mid)
        pen = QPen(border, 2.5 if focused else (1.5 if self.is_next else 1.0))
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
        # Status stripe on the left edge, clipped to the card's rounded corners.
        stripe = QRectF(rect.left(), rect.top(), _STRIPE + _RADIUS, rect.height())
        painter.save()
        painter.setClipRect(QRectF(rect.left(), rect.top(), _STRIPE, rect.height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(status_colour(self._status)))
        painter.drawRoundedRect(stripe, _RADIUS, _RADIUS)
        painter.restore()
        if focused:
            # A second, inner ring: keyboard focus must not look like the "next session" frame.
            ring = QPen(highlight, 1.0, Qt.PenStyle.DashLine)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(_STRIPE + 2.5, 3.5, -3.5, -3.5), _RADIUS - 2, _RADIUS - 2)
        painter.end()


def _when_text(session: Session, minutes_template: str) -> str:
    """"Mon 23 Nov 2026" over "09:00–09:50 (50 min)": one line for both does not fit a card."""
    start = parse_datetime_minutes(session.scheduled_at)
    if start is None:
        return format_datetime(session.scheduled_at)
    end = start + _dt.timedelta(minutes=session.duration_minutes)
    day = format_datetime(session.scheduled_at).rsplit(", ", 1)[0]
    minutes = minutes_template.replace("%1", str(session.duration_minutes))
    return f"{day}\n{start:%H:%M}\u2013{end:%H:%M} ({minutes})"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
