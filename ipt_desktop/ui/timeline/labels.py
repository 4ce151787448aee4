"""Words, glyphs and colours for session statuses and session measures, shared by the timeline
cards and the session editor so both say the same thing the same way.

Status is always shown as a glyph + word + colour together: colour alone fails for colour-blind
readers and on a greyscale print-out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ipt_desktop.domain.measures import INSTRUMENTS, severity
from ipt_desktop.domain.records import SESSION_STATUSES, Episode, MeasureAdministration

_CONTEXT = "SessionLabels"

_STATUS_TEXT = {
    "scheduled": "Scheduled",
    "attended": "Attended",
    "cancelled": "Cancelled",
    "no_show": "No-show",
}
# Okabe-Ito hues (the palette domain.problem_areas uses): distinct for the common colour-vision
# deficiencies and still readable as a thin stripe on dark or light window backgrounds.
STATUS_COLOURS = {
    "scheduled": "#56B4E9",  # sky blue
    "attended": "#009E73",  # bluish green
    "cancelled": "#E69F00",  # orange
    "no_show": "#D55E00",  # vermillion
}
STATUS_GLYPHS = {"scheduled": "\u25cb", "attended": "\u2713", "cancelled": "\u2715", "no_show": "!"}

# suicidal_ideation None means the question was not asked this session, which is different
# from "none" (asked, denied); the editor shows both.
IDEATION_TEXT = {
    None: "Not assessed",
    "none": "None",
    "passive": "Passive",
    "active": "Active",
}

# Short names for risk items, used in the warning banner; the full item wording of PHQ-9 item 9
# is too long to read at a glance, and EPDS/PHQ-A wording is not shipped at all.
RISK_ITEM_NAMES = {
    ("phq9", 9): "thoughts of self-harm",
    ("phqa", 9): "thoughts of self-harm",
    ("epds", 10): "thoughts of self-harm",
    ("hamd17", 3): "suicide",
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_text(status: str) -> str:
    """"no_show" -> "No-show"; unknown statuses (a newer export) are shown as stored."""
    return tr(_STATUS_TEXT[status]) if status in _STATUS_TEXT else status


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "#999999")


def status_choices() -> list[tuple[str, str]]:
    """(key, label) in the order the editor lists them."""
    return [(key, status_text(key)) for key in SESSION_STATUSES]


def risk_item_name(instrument: str, number: int) -> str:
    return tr(RISK_ITEM_NAMES.get((instrument, number), "risk item"))


def instrument_short_name(key: str) -> str:
    known = INSTRUMENTS.get(key)
    return known.short_name if known else key


def measure_total_text(measure: MeasureAdministration) -> str:
    """"PHQ-9 14" — a card shows only the number; the band is in the editor's list."""
    return f"{instrument_short_name(measure.instrument)} {sum(measure.items)}"


def measure_band_text(measure: MeasureAdministration) -> str:
    try:
        return tr(severity(measure.instrument, sum(measure.items)).label)
    except ValueError:
        return ""


def session_measures(episode: Episode, number: int) -> list[MeasureAdministration]:
    """Measures given in session ``number``, oldest first (stable for equal dates)."""
    found = [m for m in episode.measures if m.session_number == number]
    return sorted(found, key=lambda m: m.administered_on)
