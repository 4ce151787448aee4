"""Turning user text and stored values into safe, readable report text (no ReportLab here).

Everything a therapist typed is printed literally: ``<b>`` in a note must appear as ``<b>``,
not turn bold, so it is escaped before it reaches ReportLab's Paragraph mini-markup. Dates are
formatted here without the machine's locale, so a report reads the same on every computer.
"""

from __future__ import annotations

import datetime as _dt
import re

from ipt_desktop.domain.problem_areas import NONE_LABEL

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# C0 controls other than tab/newline are invalid in PDF text and break ReportLab's parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def escape(text: str) -> str:
    """Escape the three characters Paragraph markup treats specially."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str | None) -> str:
    """Normalise newlines and tabs and drop control characters."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def inline(text: str | None) -> str:
    """One value as Paragraph markup: escaped, line breaks kept, "—" when empty."""
    text = clean(text).strip()
    if not text:
        return NONE_LABEL
    return "<br/>".join(escape(line) for line in text.split("\n"))


def blocks(text: str | None) -> list[str]:
    """Long text as a list of Paragraph markups, one per blank-line separated block.

    Separate paragraphs (rather than one huge one) let a 20-page note split across pages
    cheaply; single line breaks inside a block are kept as ``<br/>``.
    """
    text = clean(text).strip("\n")
    if not text.strip():
        return []
    parts = re.split(r"\n[ \t]*\n", text)
    return ["<br/>".join(escape(line) if line else "" for line in part.split("\n"))
            for part in parts if part.strip()]


def _day(iso: str | None) -> _dt.date | None:
    """The calendar day of an ISO date or wall-clock time; None when missing or unparseable."""
    try:
        return _dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def date_label(iso: str | None) -> str:
    """"2026-11-25" -> "25 Nov 2026"; "—" when missing; unparseable values shown as-is."""
    day = _day(iso)
    if day is None:
        return iso or NONE_LABEL
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def weekday_date_label(iso: str | None) -> str:
    day = _day(iso)
    if day is None:
        return iso or NONE_LABEL
    return f"{_WEEKDAYS[day.weekday()]} {date_label(iso)}"


def time_label(wall_clock: str | None) -> str:
    """"2026-11-25T09:00" -> "09:00" (the wall-clock time as typed)."""
    if not wall_clock or len(wall_clock) < 16:
        return NONE_LABEL
    return wall_clock[11:16]


def signed(value: int) -> str:
    """+3 / −4 / 0 with a real minus sign (reads better in print than a hyphen)."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


def percent_label(value: float | None) -> str:
    if value is None:
        return NONE_LABEL
    rounded = round(value)
    return f"{signed(int(rounded))}%"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def dates_in_text(sentence: str) -> str:
    """ISO dates inside a domain sentence ("... on 2026-10-05") in the report's date format."""
    return _ISO_DATE.sub(lambda m: date_label(m.group()), sentence)
