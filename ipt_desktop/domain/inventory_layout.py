"""Where people of the interpersonal inventory go on the closeness circle (GUI and PDF).

Three concentric rings around the client at (0, 0): ring k is the annulus between radius
(k-1)*R and k*R (R = ``radius_per_ring``), ring 1 closest. People in a ring are spread evenly
by angle; if markers or labels would collide, the ring's people are rotated and/or staggered
across two or three radii inside the annulus until nothing overlaps (or the least overlap is
found). Labels sit beside their marker on the side facing away from the centre.

Coordinates are in the caller's units with y growing DOWN by default (Qt); pass
``y_down=False`` for ReportLab, where y grows up. Anchors name the side of the marker the label
is drawn on: "right", "left", "above", "below" (already flipped for ``y_down``).
"""

from __future__ import annotations

import math
from typing import Mapping, NamedTuple, Sequence

from ipt_desktop.domain.records import Relationship

RINGS = 3


class Placement(NamedTuple):
    relationship_id: str
    x: float
    y: float
    label_anchor: str  # "right" | "left" | "above" | "below"


Box = tuple[float, float, float, float]  # left, top, right, bottom with top < bottom (any y direction)


def ring_of_radius(r: float, radius_per_ring: float = 1.0) -> int:
    """The ring (1..3) a distance from the centre falls in: for dropping a marker. Outside the
    outer circle counts as ring 3, the very centre as ring 1."""
    if radius_per_ring <= 0:
        raise ValueError("radius_per_ring must be positive")
    return min(RINGS, max(1, math.ceil(r / radius_per_ring)))


def _anchor(angle: float) -> str:
    # Mostly-horizontal directions put the label to the side; near the top/bottom above/below.
    c, s = math.cos(angle), math.sin(angle)
    if c > 0.38:
        return "right"
    if c < -0.38:
        return "left"
    return "above" if s > 0 else "below"


def label_box(x: float, y: float, anchor: str, size: tuple[float, float], marker_radius: float,
              gap: float, *, y_down: bool = True) -> Box:
    """The rectangle a label of ``size`` (width, height) occupies for a placed marker."""
    w, h = size
    offset = marker_radius + gap
    if anchor == "right":
        return (x + offset, y - h / 2, x + offset + w, y + h / 2)
    if anchor == "left":
        return (x - offset - w, y - h / 2, x - offset, y + h / 2)
    # "above" means smaller y on screen (y down) but larger y on paper (y up).
    toward_smaller_y = (anchor == "above") == y_down
    if toward_smaller_y:
        return (x - w / 2, y - offset - h, x + w / 2, y - offset)
    return (x - w / 2, y + offset, x + w / 2, y + offset + h)


def _marker_box(x: float, y: float, r: float) -> Box:
    return (x - r, y - r, x + r, y + r)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _radii(ring: int, levels: int, r: float) -> tuple[float, ...]:
    inner = 0.35 if ring == 1 else 0.2  # ring 1 keeps clear of the client's own marker
    if levels == 1:
        return ((ring - 0.5) * r,)
    lo, hi = (ring - 1 + inner) * r, (ring - 0.2) * r
    return tuple(lo + (hi - lo) * i / (levels - 1) for i in range(levels))


def layout(relationships: Sequence[Relationship], radius_per_ring: float, *,
           marker_radius: float | None = None,
           label_size: tuple[float, float] | Mapping[str, tuple[float, float]] | None = None,
           gap: float | None = None, y_down: bool = True) -> list[Placement]:
    """Placements for every relationship, in the order given.

    ``label_size`` is (width, height) for all labels or a mapping relationship id -> size
    (measure the real text with the caller's font); the defaults suit short first names.
    ``closeness`` outside 1..3 is clamped so bad data still draws.
    """
    r = float(radius_per_ring)
    marker = 0.09 * r if marker_radius is None else marker_radius
    space = 0.05 * r if gap is None else gap
    default_size = (0.8 * r, 0.18 * r)

    def size_of(rel: Relationship) -> tuple[float, float]:
        if label_size is None:
            return default_size
        if isinstance(label_size, tuple):
            return label_size
        return label_size.get(rel.id, default_size)

    sign = -1.0 if y_down else 1.0
    obstacles: list[Box] = [_marker_box(0.0, 0.0, marker)]  # the client in the centre
    placed: dict[str, Placement] = {}
    for ring in range(1, RINGS + 1):
        people = sorted((rel for rel in relationships
                         if min(RINGS, max(1, rel.closeness)) == ring), key=lambda rel: rel.position)
        if not people:
            continue
        step = 2 * math.pi / len(people)
        best: tuple[int, list[Placement], list[Box]] | None = None
        for levels in (1, 2, 3):
            radii = _radii(ring, levels, r)
            for turn in (0.0, 0.5, 0.25, 0.75):
                # Start at the top; rings are offset by a fraction of a turn so neighbouring
                # rings' markers do not line up along the same spoke.
                start = math.pi / 2 + (turn + 0.5 * (ring - 1)) * step
                candidate, boxes, clashes = [], [], 0
                for i, rel in enumerate(people):
                    angle = start - i * step  # clockwise, reading order from the top
                    radius = radii[i % levels]
                    x, y = radius * math.cos(angle), sign * radius * math.sin(angle)
                    anchor = _anchor(angle)
                    mine = [_marker_box(x, y, marker),
                            label_box(x, y, anchor, size_of(rel), marker, space, y_down=y_down)]
                    clashes += sum(_overlap(m, o) for m in mine for o in obstacles + boxes)
                    candidate.append(Placement(rel.id, x, y, anchor))
                    boxes.extend(mine)
                if best is None or clashes < best[0]:
                    best = (clashes, candidate, boxes)
                if clashes == 0:
                    break
            if best[0] == 0:
                break
        obstacles.extend(best[2])
        placed.update((p.relationship_id, p) for p in best[1])
    return [placed[rel.id] for rel in relationships if rel.id in placed]


def placement_boxes(placements: Sequence[Placement], relationships: Sequence[Relationship],
                    radius_per_ring: float, *, marker_radius: float | None = None,
                    label_size: tuple[float, float] | None = None, gap: float | None = None,
                    y_down: bool = True) -> list[tuple[Box, Box]]:
    """(marker box, label box) per placement with the same defaults as ``layout``; for
    hit-testing in the GUI and for tests."""
    r = float(radius_per_ring)
    marker = 0.09 * r if marker_radius is None else marker_radius
    space = 0.05 * r if gap is None else gap
    size = label_size or (0.8 * r, 0.18 * r)
    return [(_marker_box(p.x, p.y, marker),
             label_box(p.x, p.y, p.label_anchor, size, marker, space, y_down=y_down))
            for p in placements]
