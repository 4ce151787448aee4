"""The trend chart paints for 0, 1 and many points and puts them where chart_scale says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from ipt_desktop.domain.chart_scale import Rect, build_trend
from ipt_desktop.ui.progress.trend_chart import TrendChart

from progress_records import adm, fictional_record


@pytest.fixture
def chart(qtbot) -> TrendChart:
    widget = TrendChart()
    qtbot.addWidget(widget)
    widget.resize(640, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _phq9():
    return [a for a in fictional_record().latest_episode.measures if a.instrument == "phq9"]


def test_nothing_to_show_paints_a_message_and_no_geometry(chart):
    chart.set_series(None, [])
    assert chart.trend_geometry() is None
    assert not chart.grab().isNull()


def test_an_instrument_without_points_still_draws_its_bands(chart):
    chart.set_series("phq9", [])
    geometry = chart.trend_geometry()
    assert geometry.points == () and geometry.baseline_point is None
    assert [b.band.label for b in geometry.bands][0] == "Minimal"
    assert [t.kind for t in geometry.thresholds] == ["remission"]  # no baseline: no response line
    assert not chart.grab().isNull()


def test_one_point_is_both_baseline_and_latest(chart):
    only = adm("x", "phq9", "2026-09-07", [2] * 9, 1)
    chart.set_series("phq9", [only])
    geometry = chart.trend_geometry()
    assert len(geometry.points) == 1
    assert geometry.baseline_point is geometry.latest_point
    plot = chart.plot_rect()
    assert geometry.points[0].x == pytest.approx(plot.center().x())  # a single day is centred
    assert [text for text, _ in chart.label_boxes(geometry)][0] == "Baseline 18"
    assert not chart.grab().isNull()


def test_many_points_map_through_chart_scale_with_thresholds_and_risk(chart):
    measures = _phq9()
    chart.set_series("phq9", measures + [adm("g", "gad7", "2026-09-07", [1] * 7, 1)])  # other instrument ignored
    geometry = chart.trend_geometry()
    plot = chart.plot_rect()
    expected = build_trend(measures, Rect(plot.x(), plot.y(), plot.width(), plot.height()), y_down=True)
    assert [(p.x, p.y) for p in geometry.points] == [(p.x, p.y) for p in expected.points]
    assert [p.total for p in geometry.points] == [18, 14, 9, 4]
    xs, ys = [p.x for p in geometry.points], [p.y for p in geometry.points]
    assert xs == sorted(xs) and ys == sorted(ys)  # later is right; lower totals sit lower (larger y)
    assert plot.left() <= xs[0] and xs[-1] <= plot.right()
    assert geometry.scale.y(0) == pytest.approx(plot.bottom()) and geometry.scale.y(27) == pytest.approx(plot.top())
    response = next(t for t in geometry.thresholds if t.kind == "response")
    assert response.value == 9 and response.y == pytest.approx(geometry.scale.y(9))
    assert [p.total for p in geometry.risk_points] == [18]  # item 9 scored 1 at baseline
    assert (geometry.baseline_point.total, geometry.latest_point.total) == (18, 4)
    assert not chart.grab().isNull()


def test_labels_stay_in_the_plot_and_do_not_overlap_each_other_or_points(chart):
    chart.set_series("phq9", _phq9())
    geometry = chart.trend_geometry()
    boxes = chart.label_boxes(geometry)
    assert {text for text, _ in boxes} == {"Baseline 18", "Latest 4", "Response (\u2264 9)", "Remission (\u2264 4)"}
    plot = chart.plot_rect()
    for i, (_, box) in enumerate(boxes):
        assert plot.contains(box)
        assert not any(box.intersects(other) for _, other in boxes[i + 1:])
        assert not any(box.contains(QPointF(p.x, p.y)) for p in geometry.points)


def test_resizing_moves_points_with_the_plot(chart, qtbot):
    chart.set_series("phq9", _phq9())
    before = chart.trend_geometry().latest_point.x
    chart.resize(900, 320)
    qtbot.waitUntil(lambda: chart.width() == 900)
    assert chart.trend_geometry().latest_point.x > before


def test_clicking_a_point_reports_its_administration(chart, qtbot):
    chart.set_series("phq9", _phq9())
    point = chart.trend_geometry().points[2]
    with qtbot.waitSignal(chart.point_clicked) as signal:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x), round(point.y)))
    assert signal.args == [point.administration.id]
