"""The closeness circle: the client in the centre, three rings, one labelled marker per person.

Positions come from domain.inventory_layout (shared with the PDF) in widget pixels. Markers are
filled with the problem area's colour; a deceased person's marker is hollow and the label ends in
"†". Dragging a marker into another ring emits ``ring_changed``; the tab saves it, and the marker
snaps to its ring when the saved record comes back. ``drop_marker`` is the one method the mouse
handler uses, so tests and the keyboard (keys 1-3) take the same path as a drag.
"""

from __future__ import annotations

import math
from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ipt_desktop.domain.inventory_layout import RINGS, Placement, label_box, layout, ring_of_radius
from ipt_desktop.domain.problem_areas import area_colour, area_label
from ipt_desktop.domain.records import Relationship
from ipt_desktop.ui.inventory.table_model import closeness_label

MARKER_RADIUS = 8.0
_LABEL_GAP = 4.0
_MARGIN = 12.0


class ClosenessCircle(QWidget):
    selection_changed = Signal(str)  # relationship id picked by the user
    ring_changed = Signal(str, int)  # relationship id, new ring (1..3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people: list[Relationship] = []
        self._client_name = ""
        self._selected: str | None = None
        self._placements: dict[str, Placement] = {}
        self._ring_width = 20.0
        self._layout_key: tuple | None = None
        self._drag_id: str | None = None
        self._drag_pos: QPointF | None = None
        self.setMinimumSize(280, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Closeness circle"))

    def sizeHint(self) -> QSize:
        return QSize(460, 460)

    # -- data ----------------------------------------------------------------------------------
    def set_people(self, people: Sequence[Relationship], client_name: str = "") -> None:
        self._people = sorted(people, key=lambda r: r.position)
        self._client_name = client_name
        if self._selected not in {p.id for p in self._people}:
            self._selected = None
        self._layout_key = None
        self.update()

    def set_selected(self, relationship_id: str | None) -> None:
        """Select without emitting (the caller already knows)."""
        if relationship_id != self._selected:
            self._selected = relationship_id
            self.update()

    def selected_id(self) -> str | None:
        return self._selected

    # -- geometry ------------------------------------------------------------------------------
    def centre(self) -> QPointF:
        return QPointF(self.width() / 2, self.height() / 2)

    def ring_width(self) -> float:
        """Pixels per ring: the largest that keeps every marker and label inside the widget."""
        return self._ensure_layout()[0]

    def placements(self) -> dict[str, Placement]:
        """Layout placements (relative to the centre, pixels), recomputed when size or data change."""
        return self._ensure_layout()[1]

    def label_text(self, person: Relationship) -> str:
        return f"{person.name} \u2020" if person.deceased else person.name

    def _label_sizes(self) -> dict[str, tuple[float, float]]:
        metrics = QFontMetricsF(self.font())
        # Measured bold (the selected person's label is bold) so selection never changes the fit.
        bold = self.font()
        bold.setBold(True)
        wide = QFontMetricsF(bold)
        return {p.id: (max(metrics.horizontalAdvance(self.label_text(p)),
                           wide.horizontalAdvance(self.label_text(p))) + 2, metrics.height())
                for p in self._people}

    def _ensure_layout(self) -> tuple[float, dict[str, Placement]]:
        key = (self.width(), self.height(), tuple(self._people), self.font().toString())
        if key == self._layout_key:
            return self._ring_width, self._placements
        sizes = self._label_sizes()
        half_w, half_h = self.width() / 2 - _MARGIN / 2, self.height() / 2 - _MARGIN / 2

        def attempt(width: float) -> tuple[bool, list[Placement]]:
            placed = layout(self._people, width, marker_radius=MARKER_RADIUS, label_size=sizes,
                            gap=_LABEL_GAP, y_down=True)
            for p in placed:
                left, top, right, bottom = label_box(p.x, p.y, p.label_anchor, sizes[p.relationship_id],
                                                     MARKER_RADIUS, _LABEL_GAP)
                r = MARKER_RADIUS
                if min(left, p.x - r) < -half_w or max(right, p.x + r) > half_w \
                        or min(top, p.y - r) < -half_h or max(bottom, p.y + r) > half_h:
                    return False, placed
            return True, placed

        # Largest ring width that fits: the rings alone bound it; labels may need less (bisection).
        high = max(12.0, (min(half_w, half_h) - 2) / RINGS)
        ok, placed = attempt(high)
        if not ok:
            low, best = 12.0, attempt(12.0)[1]
            for _ in range(12):
                middle = (low + high) / 2
                fits, candidate = attempt(middle)
                if fits:
                    low, best = middle, candidate
                else:
                    high = middle
            high, placed = low, best
        self._ring_width = high
        self._placements = {p.relationship_id: p for p in placed}
        self._layout_key = key
        return self._ring_width, self._placements

    def marker_centre(self, relationship_id: str) -> QPointF | None:
        placement = self.placements().get(relationship_id)
        if placement is None:
            return None
        return self.centre() + QPointF(placement.x, placement.y)

    def ring_at(self, point: QPointF) -> int:
        offset = point - self.centre()
        return ring_of_radius(math.hypot(offset.x(), offset.y()), self.ring_width())

    def ring_point(self, ring: int, degrees: float = 45.0) -> QPointF:
        """A point in the middle of ``ring`` (for tests and drag previews)."""
        radius = (ring - 0.5) * self.ring_width()
        angle = math.radians(degrees)
        return self.centre() + QPointF(radius * math.cos(angle), -radius * math.sin(angle))

    def person_at(self, point: QPointF) -> str | None:
        metrics = QFontMetricsF(self.font())
        sizes = self._label_sizes()
        for person in reversed(self._people):  # topmost first: later ones are painted last
            centre = self.marker_centre(person.id)
            if centre is None:
                continue
            if math.hypot(point.x() - centre.x(), point.y() - centre.y()) <= MARKER_RADIUS + 3:
                return person.id
            placement = self._placements[person.id]
            left, top, right, bottom = label_box(centre.x(), centre.y(), placement.label_anchor,
                                                 sizes.get(person.id, (40.0, metrics.height())),
                                                 MARKER_RADIUS, _LABEL_GAP)
            if left <= point.x() <= right and top <= point.y() <= bottom:
                return person.id
        return None

    # -- the drop (used by the mouse handler and the keyboard) ---------------------------------
    def drop_marker(self, relationship_id: str, point: QPointF) -> int | None:
        """Snap a marker dropped at ``point`` to the ring under it; emits ``ring_changed`` when
        that is not the person's current ring. Returns the ring, None for an unknown id."""
        return self.move_to_ring(relationship_id, self.ring_at(point))

    def move_to_ring(self, relationship_id: str, ring: int) -> int | None:
        person = next((p for p in self._people if p.id == relationship_id), None)
        if person is None:
            return None
        ring = min(RINGS, max(1, int(ring)))
        if ring != person.closeness:
            self.ring_changed.emit(relationship_id, ring)
        return ring

    # -- events --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        hit = self.person_at(event.position())
        if hit is not None:
            self._drag_id, self._drag_pos = hit, None
            if hit != self._selected:
                self._selected = hit
                self.selection_changed.emit(hit)
            self.update()
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._drag_id is not None:
            self._drag_pos = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.update()
        else:
            over = self.person_at(event.position()) is not None
            self.setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event) -> None:
        drag_id, moved = self._drag_id, self._drag_pos is not None
        self._drag_id = self._drag_pos = None
        self.unsetCursor()
        if drag_id is not None and moved:
            self.drop_marker(drag_id, event.position())
        self.update()

    def keyPressEvent(self, event) -> None:
        keys = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3}
        if self._selected is not None and event.key() in keys:
            self.move_to_ring(self._selected, keys[event.key()])
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.person_at(QPointF(event.pos()))
            person = next((p for p in self._people if p.id == hit), None)
            if person is None:
                QToolTip.hideText()
            else:
                who = f"{person.name} \u2014 {person.relationship}" if person.relationship else person.name
                lines = [who,
                         closeness_label(person.closeness), self.tr(area_label(person.problem_area))]
                if person.deceased:
                    lines.append(self.tr("Deceased"))
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_rings(painter, text)
        self._paint_client(painter, text)
        for person in self._people:
            if person.id != self._drag_id or self._drag_pos is None:
                self._paint_person(painter, person, self.marker_centre(person.id), text)
        if self._drag_id is not None and self._drag_pos is not None:
            person = next((p for p in self._people if p.id == self._drag_id), None)
            if person is not None:
                self._paint_person(painter, person, self._drag_pos, text)
        if not self._people:
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(0, self.height() - 28, self.width(), 24), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Add people with \u201cAdd person\u201d"))

    def _paint_rings(self, painter: QPainter, text: QColor) -> None:
        centre, width = self.centre(), self.ring_width()
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        target = self.ring_at(self._drag_pos) if self._drag_pos is not None else None
        for ring in range(RINGS, 0, -1):
            radius = ring * width
            fill = QColor(text)
            fill.setAlpha(10 + 8 * (RINGS - ring))  # inner rings a touch darker: closer
            if ring == target:
                fill = QColor(highlight)
                fill.setAlpha(60)
            painter.setPen(QPen(QColor(text.red(), text.green(), text.blue(), 110), 1.2))
            painter.setBrush(fill)
            painter.drawEllipse(centre, radius, radius)
        muted = QColor(text)
        muted.setAlpha(150)
        painter.setPen(muted)
        for label, box in self.ring_label_boxes():
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def ring_label_boxes(self) -> list[tuple[str, QRectF]]:
        """Where "1 · Inner" etc. go: just inside each ring's edge, at the first angle (bottom
        first) where they cover no marker, no name and no other ring label."""
        metrics = QFontMetricsF(self.font())
        centre, width = self.centre(), self.ring_width()
        sizes = self._label_sizes()
        taken: list[QRectF] = [QRectF(centre.x() - MARKER_RADIUS - 4, centre.y() - MARKER_RADIUS - 4,
                                      2 * MARKER_RADIUS + 8, 2 * MARKER_RADIUS + 8)]
        for person_id, placement in self.placements().items():
            x, y = centre.x() + placement.x, centre.y() + placement.y
            taken.append(QRectF(x - MARKER_RADIUS - 4, y - MARKER_RADIUS - 4, 2 * MARKER_RADIUS + 8,
                                2 * MARKER_RADIUS + 8))
            left, top, right, bottom = label_box(x, y, placement.label_anchor, sizes[person_id],
                                                 MARKER_RADIUS, _LABEL_GAP)
            taken.append(QRectF(left - 3, top - 3, right - left + 6, bottom - top + 6))
        result = []
        for ring in range(1, RINGS + 1):
            label = closeness_label(ring)
            w, h = metrics.horizontalAdvance(label) + 4, metrics.height()
            radius = ring * width - h * 0.5 - 2
            boxes = []
            for degrees in (-90, -60, -120, -30, -150, 90, 60, 120, 30, 150):
                angle = math.radians(degrees)
                x, y = centre.x() + radius * math.cos(angle), centre.y() - radius * math.sin(angle)
                boxes.append(QRectF(x - w / 2, y - h / 2, w, h))
            box = next((b for b in boxes if not any(b.intersects(t) for t in taken)), boxes[0])
            taken.append(box)
            result.append((label, box))
        return result

    def _paint_client(self, painter: QPainter, text: QColor) -> None:
        centre = self.centre()
        radius = MARKER_RADIUS + 4
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(text)
        painter.drawEllipse(centre, radius, radius)
        initials = "".join(part[:1] for part in self._client_name.split()[:2]).upper() or "\u2022"
        painter.setPen(self.palette().color(QPalette.ColorRole.Base))
        font = painter.font()
        font.setBold(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.save()
        painter.setFont(font)
        painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                         Qt.AlignmentFlag.AlignCenter, initials)
        painter.restore()

    def _paint_person(self, painter: QPainter, person: Relationship, centre: QPointF | None,
                      text: QColor) -> None:
        if centre is None:
            return
        colour = QColor(area_colour(person.problem_area))
        if person.id == self._selected:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, MARKER_RADIUS + 4, MARKER_RADIUS + 4)
        if person.deceased:
            # Hollow: the outline keeps the problem-area colour, the centre shows the background.
            painter.setPen(QPen(colour, 3))
            painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        else:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(colour)
        painter.drawEllipse(centre, MARKER_RADIUS, MARKER_RADIUS)
        placement = self._placements.get(person.id)
        anchor = placement.label_anchor if placement is not None and person.id != self._drag_id else "right"
        size = self._label_sizes().get(person.id, (40.0, 14.0))
        left, top, right, bottom = label_box(centre.x(), centre.y(), anchor, size, MARKER_RADIUS, _LABEL_GAP)
        painter.setPen(text)
        font = painter.font()
        font.setBold(person.id == self._selected)
        painter.save()
        painter.setFont(font)
        extra = 6 if person.id == self._selected else 0  # bold text is a little wider
        painter.drawText(QRectF(left, top, right - left + extra, bottom - top),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label_text(person))
        painter.restore()
