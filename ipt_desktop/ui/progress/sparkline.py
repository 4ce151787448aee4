"""A tiny line of a goal's 0-10 ratings drawn in its table cell, followed by the numbers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ipt_desktop.ui.progress.models import RATINGS_ROLE

SPARK_WIDTH = 60.0
RATING_MAX = 10


def spark_points(values: tuple[int, ...], rect: QRectF) -> list[QPointF]:
    """Where each rating goes in ``rect``: evenly spaced, 0 at the bottom, 10 at the top."""
    if not values:
        return []
    step = rect.width() / (len(values) - 1) if len(values) > 1 else 0.0
    x0 = rect.left() if len(values) > 1 else rect.center().x()
    return [QPointF(x0 + i * step, rect.bottom() - rect.height() * min(max(v, 0), RATING_MAX) / RATING_MAX)
            for i, v in enumerate(values)]


class SparklineDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        values = index.data(RATINGS_ROLE) or ()
        if not values:
            super().paint(painter, option, index)
            return
        # Background/selection from the style, then our drawing on top.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        roles = QPalette.ColorRole
        colour = option.palette.color(roles.HighlightedText if selected else roles.Text)
        accent = option.palette.color(roles.HighlightedText if selected else roles.Highlight)
        cell = QRectF(option.rect)
        spark = QRectF(cell.left() + 6, cell.top() + 5, SPARK_WIDTH, max(4.0, cell.height() - 10))
        points = spark_points(tuple(values), spark)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(accent, 1.6))
        for a, b in zip(points, points[1:]):
            painter.drawLine(a, b)
        painter.setBrush(accent)
        painter.setPen(Qt.PenStyle.NoPen)
        for point in points:
            painter.drawEllipse(point, 2.4, 2.4)
        painter.setPen(colour)
        text_rect = cell.adjusted(SPARK_WIDTH + 14, 0, -4, 0)
        text = option.fontMetrics.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                             Qt.TextElideMode.ElideLeft, int(text_rect.width()))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + int(SPARK_WIDTH) + 14, max(size.height(), 24))
