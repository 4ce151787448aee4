"""Legend under the closeness circle: problem-area colours and the deceased marker."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from ipt_desktop.domain.problem_areas import NO_AREA_COLOUR, PROBLEM_AREAS, area_colour


def marker_pixmap(colour: str, *, hollow: bool, base: QColor, size: int = 14, ratio: float = 1.0) -> QPixmap:
    pixmap = QPixmap(QSize(int(size * ratio), int(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = size / 2 - 2
    if hollow:
        painter.setPen(QPen(QColor(colour), 2.5))
        painter.setBrush(base)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
    painter.drawEllipse(QPointF(size / 2, size / 2), radius, radius)
    painter.end()
    return pixmap


class CircleLegend(QWidget):
    """Two columns of swatches so the legend fits under a narrow circle (the main window leaves
    about 740 px for a whole tab at 1280x800)."""

    COLUMNS = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        entries = [(area_colour(key), self.tr(label), False) for key, label in PROBLEM_AREAS.items()]
        entries.append((NO_AREA_COLOUR, self.tr("No problem area"), False))
        entries.append((NO_AREA_COLOUR, self.tr("Deceased (hollow, \u2020)"), True))
        self._icons: list[tuple[QLabel, str, bool]] = []
        for index, (colour, label, hollow) in enumerate(entries):
            cell = QWidget()
            row = QHBoxLayout(cell)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            icon = QLabel()
            self._icons.append((icon, colour, hollow))
            row.addWidget(icon)
            row.addWidget(QLabel(label))
            row.addStretch(1)
            grid.addWidget(cell, index // self.COLUMNS, index % self.COLUMNS)
        self._paint_icons()

    def _paint_icons(self) -> None:
        # The hollow marker's centre is the view's base colour, so repaint on a light/dark switch.
        base = self.palette().color(QPalette.ColorRole.Base)
        ratio = self.devicePixelRatioF()
        for icon, colour, hollow in self._icons:
            icon.setPixmap(marker_pixmap(colour, hollow=hollow, base=base, ratio=ratio))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.PaletteChange and hasattr(self, "_icons"):
            self._paint_icons()
        super().changeEvent(event)
