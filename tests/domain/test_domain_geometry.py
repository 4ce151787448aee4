"""Trend-chart scale and closeness-circle layout: numbers the Qt and PDF drawings rely on."""

from __future__ import annotations

import math

import pytest

from ipt_desktop.domain.chart_scale import ChartScale, Rect, build_trend
from ipt_desktop.domain.inventory_layout import layout, placement_boxes, ring_of_radius
from ipt_desktop.domain.records import MeasureAdministration, Relationship


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_scale_maps_dates_and_values_both_ways():
    down = ChartScale(10, 20, 300, 270, "2026-01-01", "2026-01-31", 27, y_down=True)
    assert down.x("2026-01-01") == 10 and down.x("2026-01-31") == 310
    assert down.x("2026-01-16") == pytest.approx(160)
    assert down.y(0) == 290 and down.y(27) == 20  # Qt: 0 at the bottom edge (largest y)
    up = ChartScale(10, 20, 300, 270, "2026-01-01", "2026-01-31", 27, y_down=False)
    assert up.y(0) == 20 and up.y(27) == 290  # PDF: 0 at the bottom edge (smallest y)
    single = ChartScale(0, 0, 100, 100, "2026-01-01", "2026-01-01", 27)
    assert single.x("2026-01-01") == 50


def test_ticks():
    assert ChartScale(0, 0, 1, 1, "2026-01-01", "2026-01-31", 27).y_ticks() == [0, 5, 10, 15, 20, 25]
    assert ChartScale(0, 0, 1, 1, "2026-01-01", "2026-01-31", 52).y_ticks() == [0, 10, 20, 30, 40, 50]
    assert ChartScale(0, 0, 1, 1, "2026-01-01", "2026-01-31", 3).y_ticks() == [0, 1, 2, 3]
    weekly = ChartScale(0, 0, 1, 1, "2026-01-01", "2026-01-31", 27).x_ticks()
    assert weekly == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]  # Mondays
    monthly = ChartScale(0, 0, 1, 1, "2026-01-15", "2026-12-20", 27).x_ticks(max_ticks=6)
    assert monthly[0] == "2026-02-01" and len(monthly) <= 6
    assert all(t.endswith("-01") for t in monthly)


def test_build_trend_points_bands_and_thresholds():
    adms = [MeasureAdministration("b", "phq9", "2026-02-01", (3, 3, 2, 2, 0, 0, 0, 0, 0)),
            MeasureAdministration("a", "phq9", "2026-01-01", (3, 3, 3, 3, 3, 3, 0, 0, 1))]
    trend = build_trend(adms, Rect(0, 0, 316, 270), inset=8)
    assert [p.total for p in trend.points] == [19, 10]  # chronological
    assert trend.baseline_point.x == 8 and trend.latest_point.x == 308
    assert trend.baseline_point.y == pytest.approx(270 * (1 - 19 / 27))
    assert [p.date for p in trend.risk_points] == ["2026-01-01"]
    kinds = {t.kind: t for t in trend.thresholds}
    assert kinds["response"].value == 9.5 and kinds["remission"].value == 4
    assert kinds["remission"].y == pytest.approx(270 * (1 - 4 / 27))
    # Bands tile the full height from bottom to top without gaps.
    rects = [b.rect for b in trend.bands]
    assert [b.band.label for b in trend.bands][0] == "Minimal"
    assert rects[0].y + rects[0].height == pytest.approx(270) and rects[-1].y == pytest.approx(0)
    for lower, upper in zip(rects, rects[1:]):
        assert upper.y + upper.height == pytest.approx(lower.y)
    empty = build_trend([], Rect(0, 0, 100, 100), instrument="gds15", date_min="2026-01-01",
                        date_max="2026-04-01")
    assert empty.points == () and empty.baseline_point is None and len(empty.bands) == 4
    with pytest.raises(ValueError):
        build_trend([], Rect(0, 0, 100, 100))


def people(counts: dict[int, int]) -> list[Relationship]:
    return [Relationship(id=f"{ring}-{i}", name=f"Person {i}", relationship="friend",
                         closeness=ring, position=i)
            for ring, n in counts.items() for i in range(n)]


@pytest.mark.parametrize("counts", [{1: 12}, {2: 12}, {3: 12}, {1: 12, 2: 12, 3: 12}, {1: 3, 3: 7}])
@pytest.mark.parametrize("y_down", [True, False])
def test_layout_has_no_overlaps_and_keeps_rings(counts, y_down):
    rels = people(counts)
    placements = layout(rels, 100, y_down=y_down)
    assert [p.relationship_id for p in placements] == [r.id for r in rels]
    for rel, p in zip(rels, placements):
        assert ring_of_radius(math.hypot(p.x, p.y), 100) == rel.closeness
    boxes = [box for pair in placement_boxes(placements, rels, 100, y_down=y_down) for box in pair]
    clashes = [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[i + 1:], i + 1)
               if boxes_overlap(a, b)]
    assert clashes == []


def test_labels_face_outward_and_ring_of_radius():
    placements = layout(people({1: 4}), 100)  # ring 1 starts at the top
    by_anchor = {p.label_anchor: p for p in placements}
    assert set(by_anchor) == {"above", "right", "below", "left"}
    assert by_anchor["above"].y < 0 and by_anchor["right"].x > 0  # y grows down by default
    assert [ring_of_radius(r, 100) for r in (0, 100, 100.5, 250, 999)] == [1, 1, 2, 3, 3]
