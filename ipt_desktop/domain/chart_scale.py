"""Trend-chart geometry shared by the Qt chart widget and the ReportLab chart.

Pure numbers: where points, axes ticks, severity bands and threshold lines go inside a plot
rectangle. No drawing and no formatting (tick dates are ISO strings; callers format them).

Coordinates: ``(x0, y0)`` is the plot rectangle's corner with the smallest coordinates, i.e.
its top-left in Qt (``y_down=True``) and its bottom-left in ReportLab (``y_down=False``).
Value 0 is always drawn at the bottom of the plot, whichever way y grows.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Sequence

from ipt_desktop.domain.measures import Band, get_instrument
from ipt_desktop.domain.progress import chronological
from ipt_desktop.domain.records import MeasureAdministration


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


def _day(iso: str) -> int:
    return _dt.date.fromisoformat(iso[:10]).toordinal()


@dataclass(frozen=True, slots=True)
class ChartScale:
    x0: float
    y0: float
    width: float
    height: float
    date_min: str  # ISO date at the left edge
    date_max: str  # ISO date at the right edge
    value_max: int  # value at the top edge
    y_down: bool = True  # True for Qt (y grows downwards), False for ReportLab/PDF

    def x(self, date: str) -> float:
        """Horizontal position of an ISO date (or "YYYY-MM-DDTHH:MM"; the day is used)."""
        span = _day(self.date_max) - _day(self.date_min)
        if span <= 0:
            return self.x0 + self.width / 2  # one day only: centre it
        return self.x0 + self.width * (_day(date) - _day(self.date_min)) / span

    def y(self, value: float) -> float:
        """Vertical position of a total; 0 at the bottom of the plot in both systems."""
        fraction = value / self.value_max if self.value_max > 0 else 0.0
        if self.y_down:
            return self.y0 + self.height * (1.0 - fraction)
        return self.y0 + self.height * fraction

    def y_ticks(self, max_ticks: int = 6) -> list[int]:
        """Whole-number ticks from 0 with a 1-2-5 step, at most ``max_ticks`` + 1 of them."""
        step = 1
        while self.value_max / step > max_ticks:
            for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
                step = int(step * factor)
                if self.value_max / step <= max_ticks:
                    break
        return list(range(0, self.value_max + 1, step))

    def x_ticks(self, max_ticks: int = 8) -> list[str]:
        """Tick dates inside the range: Mondays for short spans, first-of-months for long ones,
        thinned evenly so there are at most ``max_ticks``."""
        first, last = _dt.date.fromisoformat(self.date_min), _dt.date.fromisoformat(self.date_max)
        if (last - first).days <= 7 * max_ticks:
            day = first + _dt.timedelta(days=(7 - first.weekday()) % 7)
            ticks = []
            while day <= last:
                ticks.append(day)
                day += _dt.timedelta(days=7)
        else:
            ticks = []
            year, month = first.year, first.month
            if first.day != 1:
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            while _dt.date(year, month, 1) <= last:
                ticks.append(_dt.date(year, month, 1))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        stride = max(1, -(-len(ticks) // max_ticks))  # ceiling division
        return [d.isoformat() for d in ticks[::stride]]

    def band_rect(self, band: Band) -> Rect:
        """The horizontal strip of a severity band, clipped to the plot. A band covers totals
        from ``low`` to ``high + 1`` so adjacent strips meet without gaps."""
        low, high = min(band.low, self.value_max), min(band.high + 1, self.value_max)
        top, bottom = self.y(high), self.y(low)
        return Rect(self.x0, min(top, bottom), self.width, abs(bottom - top))


@dataclass(frozen=True, slots=True)
class BandRect:
    band: Band
    rect: Rect


@dataclass(frozen=True, slots=True)
class Threshold:
    kind: str  # "response" | "remission"
    label: str  # "Response" | "Remission"
    value: float  # a total: response = 50% of baseline, remission = remission_max
    y: float


@dataclass(frozen=True, slots=True)
class TrendPoint:
    x: float
    y: float
    date: str
    total: int
    risk: bool
    administration: MeasureAdministration


@dataclass(frozen=True, slots=True)
class TrendGeometry:
    scale: ChartScale
    points: tuple[TrendPoint, ...]
    bands: tuple[BandRect, ...]
    thresholds: tuple[Threshold, ...]
    baseline_point: TrendPoint | None
    latest_point: TrendPoint | None
    risk_points: tuple[TrendPoint, ...]


def build_trend(administrations: Sequence[MeasureAdministration], rect: Rect, *,
                instrument: str | None = None, y_down: bool = True,
                date_min: str | None = None, date_max: str | None = None,
                inset: float = 8.0) -> TrendGeometry:
    """Everything needed to draw one instrument's trend inside ``rect``.

    ``instrument`` is required only when ``administrations`` is empty (to draw empty bands).
    ``date_min``/``date_max`` widen the x range (e.g. to the episode's planned dates); points
    are kept ``inset`` units away from the left/right edges so markers are not cut in half.
    """
    ordered = chronological(administrations)
    keys = {a.instrument for a in ordered} | ({instrument} if instrument else set())
    if len(keys) != 1:
        raise ValueError("build_trend needs administrations of exactly one instrument")
    spec = get_instrument(keys.pop())
    dates = [a.administered_on for a in ordered] + [d for d in (date_min, date_max) if d]
    if not dates:
        dates = [_dt.date.today().isoformat()]  # nothing to place: any day gives empty axes
    lo, hi = min(dates), max(dates)
    inner = min(inset, rect.width / 4)
    scale = ChartScale(rect.x + inner, rect.y, rect.width - 2 * inner, rect.height,
                       lo, hi, spec.max_total, y_down)
    points = tuple(
        TrendPoint(scale.x(a.administered_on), scale.y(sum(a.items)), a.administered_on,
                   sum(a.items), any(n <= len(a.items) and a.items[n - 1] > 0 for n in spec.risk_items), a)
        for a in ordered)
    # Bands span the full rect (not the inset plot) so the coloured background has no margins.
    full = ChartScale(rect.x, rect.y, rect.width, rect.height, lo, hi, spec.max_total, y_down)
    bands = tuple(BandRect(b, full.band_rect(b)) for b in spec.bands)
    thresholds = [Threshold("remission", "Remission", spec.remission_max, scale.y(spec.remission_max))]
    if points and points[0].total > 0:
        half = points[0].total / 2
        thresholds.insert(0, Threshold("response", "Response", half, scale.y(half)))
    return TrendGeometry(
        scale=scale, points=points, bands=bands, thresholds=tuple(thresholds),
        baseline_point=points[0] if points else None, latest_point=points[-1] if points else None,
        risk_points=tuple(p for p in points if p.risk))
