"""One line per instrument: baseline, latest, change in points and percent, status."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ipt_desktop.domain.measures import get_instrument
from ipt_desktop.domain.progress import InstrumentProgress
from ipt_desktop.ui.formatting import format_date

_MINUS = "\u2212"


def _tr(text: str) -> str:
    return QApplication.translate("ProgressSummary", text)


def _signed(value: float, suffix: str = "") -> str:
    text = f"{abs(value):.0f}{suffix}"
    if value > 0:
        return "+" + text
    return (_MINUS + text) if value < 0 and text.strip("0%") else text


def summary_text(progress: InstrumentProgress) -> str:
    """"PHQ-9: baseline 18 → latest 4, −14 points (−78%) · Remission" (dates: summary_tooltip)."""
    name = get_instrument(progress.instrument).short_name
    baseline = _tr("baseline %1").replace("%1", str(progress.baseline_total))
    status = _tr(progress.status)
    if progress.baseline.id == progress.latest.id:
        return f"{name}: {baseline} \u00b7 {status}"
    latest = _tr("latest %1").replace("%1", str(progress.latest_total))
    points = abs(progress.change_points)
    unit = _tr("point") if points == 1 else _tr("points")
    change = f"{_signed(progress.change_points)} {unit}"
    if progress.change_percent is not None:
        change += f" ({_signed(progress.change_percent, '%')})"
    return f"{name}: {baseline} \u2192 {latest}, {change} \u00b7 {status}"


def summary_tooltip(progress: InstrumentProgress) -> str:
    """When the baseline and latest were taken, for the summary line's tooltip."""
    name = get_instrument(progress.instrument).short_name
    return _tr("%1 baseline on %2, latest on %3").replace("%1", name) \
        .replace("%2", format_date(progress.baseline.administered_on)) \
        .replace("%3", format_date(progress.latest.administered_on))
