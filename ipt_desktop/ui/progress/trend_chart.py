"""QPainter trend chart of one instrument's totals over time.

All geometry comes from domain.chart_scale.build_trend — the same numbers the PDF chart uses — so
this module only decides margins, colours and text. Severity bands are light translucent tints
over the window colour, which reads in both light and dark palettes.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ipt_desktop.domain.chart_scale import Rect, TrendGeometry, TrendPoint, build_trend
from ipt_desktop.domain.measures import get_instrument, severity
from ipt_desktop.domain.records import MeasureAdministration
from ipt_desktop.ui.formatting import format_date

RISK_COLOUR = QColor("#D62728")
_MARGIN_LEFT, _MARGIN_TOP, _MARGIN_RIGHT, _MARGIN_BOTTOM = 52.0, 14.0, 128.0, 44.0
_POINT_RADIUS = 4.5


def band_tint(index: int, count: int) -> QColor:
    """Green (mild) to red (severe), translucent so the window colour shows through."""
    hue = 120 - int(120 * index / max(1, count - 1))
    return QColor.fromHsv(hue, 170, 225, 48)


def _short_date(iso: str) -> str:
    # "7 Sep 2026" -> "7 Sep": the year is given once, in the axis title.
    return format_date(iso).rsplit(" ", 1)[0]


class TrendChart(QWidget):
    """Call ``set_series``; read ``trend_geometry()`` to know where everything is drawn."""

    point_clicked = Signal(str)  # MeasureAdministration.id of the point under the click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._instrument: str | None = None
        self._administrations: tuple[MeasureAdministration, ...] = ()
        self.setMinimumSize(360, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    # -- data ----------------------------------------------------------------------------------
    def set_series(self, instrument: str | None, administrations: Sequence[MeasureAdministration]) -> None:
        """Show ``administrations`` of ``instrument`` (None clears the chart)."""
        self._instrument = instrument
        self._administrations = tuple(a for a in administrations if a.instrument == instrument)
        self.setToolTip("")
        self.update()

    def instrument(self) -> str | None:
        return self._instrument

    def plot_rect(self) -> QRectF:
        return QRectF(_MARGIN_LEFT, _MARGIN_TOP,
                      max(10.0, self.width() - _MARGIN_LEFT - _MARGIN_RIGHT),
                      max(10.0, self.height() - _MARGIN_TOP - _MARGIN_BOTTOM))

    def trend_geometry(self) -> TrendGeometry | None:
        """Where bands, points and thresholds go at the widget's current size (None when empty)."""
        if self._instrument is None:
            return None
        plot = self.plot_rect()
        return build_trend(self._administrations, Rect(plot.x(), plot.y(), plot.width(), plot.height()),
                           instrument=self._instrument, y_down=True)

    def point_at(self, pos: QPointF, tolerance: float = 8.0) -> TrendPoint | None:
        geometry = self.trend_geometry()
        if geometry is None:
            return None
        best = min(geometry.points, default=None,
                   key=lambda p: (p.x - pos.x()) ** 2 + (p.y - pos.y()) ** 2)
        if best is not None and (best.x - pos.x()) ** 2 + (best.y - pos.y()) ** 2 <= tolerance ** 2:
            return best
        return None

    # -- events --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        point = self.point_at(event.position())
        if point is not None and event.button() == Qt.MouseButton.LeftButton:
            self.point_clicked.emit(point.administration.id)
        super().mousePressEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(QPointF(event.pos()))
            if point is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._point_text(point), self)
            return True
        return super().event(event)

    def _point_text(self, point: TrendPoint) -> str:
        spec = get_instrument(point.administration.instrument)
        text = f"{format_date(point.date)}: {spec.short_name} {point.total}"
        try:
            text += f" \u00b7 {self.tr(severity(spec.key, point.total).label)}"
        except ValueError:
            pass  # a total outside the scale (damaged import): show the number alone
        if point.risk:
            text += "\n" + self.tr("Risk item above 0")
        return text

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        geometry = self.trend_geometry()
        if geometry is None:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No measures recorded yet"))
            return
        self._paint_bands(painter, geometry, text_colour)
        self._paint_axes(painter, geometry, text_colour, muted)
        self._paint_thresholds(painter, geometry, text_colour)
        self._paint_points(painter, geometry)
        self._paint_labels(painter, geometry, text_colour)
        if not geometry.points:
            painter.setPen(muted)
            painter.drawText(self.plot_rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No %1 recorded yet").replace(
                                 "%1", get_instrument(self._instrument).short_name))

    def _paint_bands(self, painter: QPainter, geometry: TrendGeometry, text_colour: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        count = len(geometry.bands)
        plot = self.plot_rect()
        for index, band_rect in enumerate(geometry.bands):
            r = band_rect.rect
            rect = QRectF(r.x, r.y, r.width, r.height)
            painter.fillRect(rect, band_tint(index, count))
            # Label in the right margin, beside its strip, when the strip is tall enough.
            if r.height >= metrics.height() * 0.9:
                label = metrics.elidedText(self.tr(band_rect.band.label), Qt.TextElideMode.ElideRight,
                                           _MARGIN_RIGHT - 8)
                painter.setPen(text_colour)
                painter.drawText(QRectF(plot.right() + 6, r.y, _MARGIN_RIGHT - 8, r.height),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)

    def _paint_axes(self, painter: QPainter, geometry: TrendGeometry, text_colour: QColor,
                    muted: QColor) -> None:
        plot = self.plot_rect()
        metrics = QFontMetricsF(self.font())
        scale = geometry.scale
        grid = QColor(muted)
        grid.setAlpha(70)
        for tick in scale.y_ticks():
            y = scale.y(tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(tick))
        ticks = scale.x_ticks(max_ticks=max(2, int(plot.width() // 80)))
        for tick in ticks:
            x = scale.x(tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.setPen(text_colour)
            painter.drawText(QRectF(x - 40, plot.bottom() + 5, 80, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, _short_date(tick))
        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        spec = get_instrument(self._instrument)
        years = sorted({scale.date_min[:4], scale.date_max[:4]})
        painter.drawText(QRectF(plot.left(), plot.bottom() + 6 + metrics.height(), plot.width(),
                                metrics.height()),
                         Qt.AlignmentFlag.AlignHCenter,
                         self.tr("Date (%1)").replace("%1", "\u2013".join(years)))
        painter.save()
        painter.translate(12, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-plot.height() / 2, -metrics.height() / 2 - 2, plot.height(),
                                metrics.height() + 4),
                         Qt.AlignmentFlag.AlignCenter,
                         self.tr("%1 total").replace("%1", spec.short_name))
        painter.restore()

    def _paint_thresholds(self, painter: QPainter, geometry: TrendGeometry, text_colour: QColor) -> None:
        plot = self.plot_rect()
        painter.setPen(QPen(text_colour, 1.2, Qt.PenStyle.DashLine))
        for threshold in geometry.thresholds:
            painter.drawLine(QPointF(plot.left(), threshold.y), QPointF(plot.right(), threshold.y))

    def _paint_points(self, painter: QPainter, geometry: TrendGeometry) -> None:
        points = geometry.points
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        if len(points) > 1:
            path = QPainterPath(QPointF(points[0].x, points[0].y))
            for point in points[1:]:
                path.lineTo(QPointF(point.x, point.y))
            painter.setPen(QPen(accent, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        for point in points:
            centre = QPointF(point.x, point.y)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(accent)
            painter.drawEllipse(centre, _POINT_RADIUS, _POINT_RADIUS)
            if point.risk:
                painter.setPen(QPen(RISK_COLOUR, 2.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, _POINT_RADIUS + 4, _POINT_RADIUS + 4)

    def label_boxes(self, geometry: TrendGeometry) -> list[tuple[str, QRectF]]:
        """(text, box) of the baseline/latest and threshold labels, placed so they cover no point,
        no stretch of the line and no other label (first free spot from a short list)."""
        metrics = QFontMetricsF(self.font())
        plot = self.plot_rect()
        height = metrics.height()
        obstacles = [QRectF(p.x - _POINT_RADIUS - 5, p.y - _POINT_RADIUS - 5,
                            2 * _POINT_RADIUS + 10, 2 * _POINT_RADIUS + 10) for p in geometry.points]
        for a, b in zip(geometry.points, geometry.points[1:]):
            steps = max(1, int(max(abs(b.x - a.x), abs(b.y - a.y)) // 6))
            for i in range(1, steps):
                x, y = a.x + (b.x - a.x) * i / steps, a.y + (b.y - a.y) * i / steps
                obstacles.append(QRectF(x - 2, y - 2, 4, 4))
        placed: list[tuple[str, QRectF]] = []

        def place(text: str, candidates: list[QPointF]) -> None:
            width = metrics.horizontalAdvance(text) + 8
            # Candidates are nudged inside the plot so a label never hangs off its edge.
            boxes = [QRectF(min(max(c.x(), plot.left() + 2), plot.right() - width - 2),
                            min(max(c.y(), plot.top() + 1), plot.bottom() - height - 1), width, height)
                     for c in candidates]
            taken = obstacles + [box for _, box in placed]
            box = next((b for b in boxes if not any(b.intersects(o) for o in taken)), boxes[0])
            placed.append((text, box))

        marks = []
        if geometry.baseline_point is not None:
            marks.append((geometry.baseline_point, self.tr("Baseline %1")))
        if geometry.latest_point is not None and geometry.latest_point is not geometry.baseline_point:
            marks.append((geometry.latest_point, self.tr("Latest %1")))
        gap = _POINT_RADIUS + 6
        for point, template in marks:
            text = template.replace("%1", str(point.total))
            width = metrics.horizontalAdvance(text) + 8
            place(text, [QPointF(point.x - width / 2, point.y - gap - height),
                         QPointF(point.x - width / 2, point.y + gap),
                         QPointF(point.x + gap, point.y - height / 2),
                         QPointF(point.x - gap - width, point.y - height / 2),
                         QPointF(plot.left() + 2, point.y - gap - height),
                         QPointF(plot.right() - width - 2, point.y - gap - height),
                         QPointF(plot.right() - width - 2, point.y + gap)])
        for threshold in geometry.thresholds:
            template = (self.tr("Response (\u2264 %1)") if threshold.kind == "response"
                        else self.tr("Remission (\u2264 %1)"))
            text = template.replace("%1", f"{threshold.value:g}")
            width = metrics.horizontalAdvance(text) + 8
            above, below = threshold.y - height - 1, threshold.y + 1
            xs = (plot.left() + 4, plot.right() - width - 4, plot.center().x() - width / 2,
                  plot.left() + plot.width() / 4 - width / 2, plot.left() + 3 * plot.width() / 4 - width / 2)
            place(text, [QPointF(x, y) for y in (above, below) for x in xs])
        return placed

    def _paint_labels(self, painter: QPainter, geometry: TrendGeometry, text_colour: QColor) -> None:
        background = QColor(self.palette().color(QPalette.ColorRole.Base))
        background.setAlpha(215)
        for text, box in self.label_boxes(geometry):
            painter.fillRect(box, background)
            painter.setPen(text_colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
