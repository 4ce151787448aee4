"""The trend chart of an instrument's totals, drawn with the geometry the Qt widget uses.

All positions come from ``domain.chart_scale.build_trend`` (y_down=False for PDF coordinates),
so the printed chart and the on-screen chart can never disagree about where a point or a
severity band is. This module only chooses colours, fonts and labels.
"""

from __future__ import annotations

import datetime as _dt

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.chart_scale import Rect, build_trend
from ipt_desktop.domain.measures import get_instrument
from ipt_desktop.domain.records import Episode
from ipt_desktop.reports.fonts import BOLD, OBLIQUE, REGULAR
from ipt_desktop.reports.styles import ACCENT, ALERT, INK, MUTED, RULE
from ipt_desktop.reports.text import date_label

# Band fills from mild to severe: pale enough that points and text stay legible in greyscale.
_BAND_FILLS = ("#e6f2e8", "#f1f5dc", "#fbf1d6", "#fbe4d3", "#f8d7d7", "#f3c9cc")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LEFT, RIGHT, BOTTOM, TOP, LEGEND = 26.0, 86.0, 16.0, 8.0, 16.0


def _band_fill(index: int, count: int) -> colors.Color:
    if count <= 1:
        return colors.HexColor(_BAND_FILLS[0])
    pick = round(index * (len(_BAND_FILLS) - 1) / (count - 1))
    return colors.HexColor(_BAND_FILLS[pick])


def _tick_label(iso: str, monthly: bool) -> str:
    day = _dt.date.fromisoformat(iso)
    return f"{_MONTHS[day.month - 1]} {day.year}" if monthly else f"{day.day} {_MONTHS[day.month - 1]}"


def episode_date_range(episode: Episode) -> tuple[str, str]:
    """From the start of treatment to the last planned session or discharge, whichever is later,
    so the chart shows where in the course of treatment each score sits."""
    ends = [s.scheduled_at[:10] for s in episode.sessions]
    ends += [d for d in (episode.end_date, episode.discharge.date if episode.discharge else None) if d]
    ends += [m.administered_on for m in episode.measures]
    return episode.start_date, max([episode.start_date, *ends])


class TrendChart(Flowable):
    def __init__(self, episode: Episode, instrument: str, width: float, height: float = 170.0):
        super().__init__()
        self.instrument = get_instrument(instrument)
        self.administrations = [m for m in episode.measures if m.instrument == instrument]
        self.date_min, self.date_max = episode_date_range(episode)
        self.width, self.height = width, height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        plot = Rect(LEFT, BOTTOM + LEGEND, self.width - LEFT - RIGHT, self.height - BOTTOM - TOP - LEGEND)
        geo = build_trend(self.administrations, plot, instrument=self.instrument.key, y_down=False,
                          date_min=self.date_min, date_max=self.date_max)
        # Severity bands with their labels in the right margin.
        for i, br in enumerate(geo.bands):
            r = br.rect
            if r.height <= 0:
                continue
            c.setFillColor(_band_fill(i, len(geo.bands)))
            c.rect(r.x, r.y, r.width, r.height, stroke=0, fill=1)
            self._band_label(br.band, r)
        # Grid and axes.
        c.setLineWidth(0.3)
        c.setStrokeColor(RULE)
        c.setFont(REGULAR, 7)
        c.setFillColor(MUTED)
        for value in geo.scale.y_ticks():
            y = geo.scale.y(value)
            c.line(plot.x, y, plot.x + plot.width, y)
            c.drawRightString(plot.x - 4, y - 2.4, str(value))
        ticks = geo.scale.x_ticks()
        monthly = bool(ticks) and all(t.endswith("-01") for t in ticks) and \
            (_dt.date.fromisoformat(self.date_max) - _dt.date.fromisoformat(self.date_min)).days > 56
        for tick in ticks:
            x = geo.scale.x(tick)
            c.line(x, plot.y, x, plot.y - 3)
            c.drawCentredString(x, plot.y - 11, _tick_label(tick, monthly))
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.line(plot.x, plot.y, plot.x + plot.width, plot.y)
        c.line(plot.x, plot.y, plot.x, plot.y + plot.height)
        c.saveState()
        c.setFont(REGULAR, 7)
        c.setFillColor(MUTED)
        c.translate(7, plot.y + plot.height / 2)
        c.rotate(90)
        c.drawCentredString(0, 0, f"{self.instrument.short_name} total")
        c.restoreState()
        # Response / remission thresholds as dashed lines (explained in the legend).
        dashes = {"response": (4, 2), "remission": (1, 2)}
        for t in geo.thresholds:
            c.setStrokeColor(MUTED)
            c.setLineWidth(0.8)
            c.setDash(*dashes.get(t.kind, (2, 2)))
            c.line(plot.x, t.y, plot.x + plot.width, t.y)
        c.setDash()
        # The line of totals, markers, value labels.
        points = geo.points
        if len(points) > 1:
            c.setStrokeColor(ACCENT)
            c.setLineWidth(1.4)
            path = c.beginPath()
            path.moveTo(points[0].x, points[0].y)
            for p in points[1:]:
                path.lineTo(p.x, p.y)
            c.drawPath(path, stroke=1, fill=0)
        crowded = len(points) > 1 and min(b.x - a.x for a, b in zip(points, points[1:])) < 14
        for i, p in enumerate(points):
            c.setLineWidth(1.2)
            c.setStrokeColor(ALERT if p.risk else ACCENT)
            c.setFillColor(ALERT if p.risk else colors.white)
            c.circle(p.x, p.y, 2.8, stroke=1, fill=1)
            if not crowded or i in (0, len(points) - 1):
                c.setFillColor(INK)
                c.setFont(BOLD, 7)
                label_y = p.y + 5 if p.y + 12 < plot.y + plot.height else p.y - 11
                c.drawCentredString(p.x, label_y, str(p.total))
        self._legend(geo)

    def _band_label(self, band, r: Rect) -> None:
        """Label and range beside the band; on two lines, or the label alone, when space is short."""
        if r.height < 7.5:
            return  # a sliver of a band (tiny range on a tall scale): the legend colours suffice
        c = self.canv
        c.setFillColor(MUTED)
        c.setFont(REGULAR, 6.8)
        x, middle = r.x + r.width + 5, r.y + r.height / 2
        label, span = band.label, f"({band.low}\u2013{band.high})"
        if c.stringWidth(f"{label} {span}", REGULAR, 6.8) <= RIGHT - 7:
            c.drawString(x, middle - 2.4, f"{label} {span}")
        elif r.height >= 16:
            c.drawString(x, middle + 1.2, label)
            c.drawString(x, middle - 6.4, span)
        else:
            c.drawString(x, middle - 2.4, label)

    def _legend(self, geo) -> None:
        c = self.canv
        y = 3.0
        x = LEFT
        c.setFont(REGULAR, 7)
        entries = [("line", None, f"{self.instrument.short_name} total")]
        labels = {"response": "Response threshold (50% of baseline)",
                  "remission": f"Remission (\u2264 {self.instrument.remission_max})"}
        entries += [("dash", t.kind, labels.get(t.kind, t.label)) for t in geo.thresholds]
        if geo.risk_points:
            entries.append(("risk", None, "Risk item above 0"))
        for kind, key, text in entries:
            if kind == "line":
                c.setStrokeColor(ACCENT)
                c.setLineWidth(1.4)
                c.line(x, y + 2.5, x + 14, y + 2.5)
                c.setFillColor(colors.white)
                c.circle(x + 7, y + 2.5, 2.4, stroke=1, fill=1)
            elif kind == "dash":
                c.setStrokeColor(MUTED)
                c.setLineWidth(0.8)
                c.setDash(*((4, 2) if key == "response" else (1, 2)))
                c.line(x, y + 2.5, x + 14, y + 2.5)
                c.setDash()
            else:
                c.setStrokeColor(ALERT)
                c.setFillColor(ALERT)
                c.circle(x + 7, y + 2.5, 2.4, stroke=1, fill=1)
            c.setFillColor(MUTED)
            c.drawString(x + 18, y, text)
            x += 18 + c.stringWidth(text, REGULAR, 7) + 14
        if not geo.points:
            c.setFont(OBLIQUE, 8)
            c.setFillColor(MUTED)
            c.drawCentredString(LEFT + (self.width - LEFT - RIGHT) / 2, self.height / 2,
                                "No scores recorded yet")


def chart_caption(episode: Episode, instrument: str) -> str:
    start, end = episode_date_range(episode)
    return f"{get_instrument(instrument).short_name}: {date_label(start)} to {date_label(end)}"
