"""Dates, times, ages and scores formatted for people — the only place the GUI does this.

Stored values stay ISO ("2026-09-07", "2026-09-07T09:00"); here they become "7 Sep 2026" and
"Mon 7 Sep 2026, 09:00". Day-month-year with an abbreviated month name is unambiguous to both
US and UK readers (07/09 is not), and it does not depend on the machine's locale, so a
screenshot or a printed chart reads the same everywhere. Bad or missing values show an em dash
instead of raising: a display function must never take a window down.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QCoreApplication

from ipt_desktop.domain.validation import parse_date, parse_datetime_minutes

DASH = "\u2014"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _tr(text: str) -> str:
    return QCoreApplication.translate("formatting", text)


def _day_month_year(day: _dt.date) -> str:
    return f"{day.day} {_tr(_MONTHS[day.month - 1])} {day.year}"


def format_date(value: str | _dt.date | None, *, empty: str = DASH) -> str:
    """"2026-09-07" -> "7 Sep 2026"; None/invalid -> em dash (or ``empty``)."""
    day = value if isinstance(value, _dt.date) else parse_date(value)
    if day is None:
        # A datetime string passed by mistake still shows its date rather than a dash.
        moment = parse_datetime_minutes(value)
        if moment is None:
            return empty
        day = moment.date()
    return _day_month_year(day)


def format_time(value: str | None, *, empty: str = DASH) -> str:
    """"2026-09-07T09:05" -> "09:05" (24-hour, as the therapist typed it)."""
    moment = parse_datetime_minutes(value)
    return moment.strftime("%H:%M") if moment is not None else empty


def format_datetime(value: str | None, *, weekday: bool = True, empty: str = DASH) -> str:
    """"2026-09-07T09:00" -> "Mon 7 Sep 2026, 09:00" (``weekday=False`` drops "Mon ")."""
    moment = parse_datetime_minutes(value)
    if moment is None:
        return format_date(value, empty=empty)
    text = f"{_day_month_year(moment.date())}, {moment:%H:%M}"
    if weekday:
        text = f"{_tr(_WEEKDAYS[moment.weekday()])} {text}"
    return text


def format_short_datetime(value: str | None, *, today: _dt.date | None = None,
                          empty: str = DASH, weekday: bool = True) -> str:
    """For narrow columns: "Tue 8 Sep, 09:00" this year ("8 Sep, 09:00" without the weekday),
    "8 Sep 2027, 09:00" otherwise."""
    moment = parse_datetime_minutes(value)
    if moment is None:
        return format_date(value, empty=empty)
    today = today or _dt.date.today()
    if moment.year != today.year:
        return format_datetime(value, weekday=False)
    day = f"{moment.day} {_tr(_MONTHS[moment.month - 1])}, {moment:%H:%M}"
    return f"{_tr(_WEEKDAYS[moment.weekday()])} {day}" if weekday else day


def age(date_of_birth: str | None, today: _dt.date | None = None) -> int | None:
    """Whole years from ``date_of_birth`` to ``today``; None when unknown or in the future."""
    born = parse_date(date_of_birth)
    if born is None:
        return None
    today = today or _dt.date.today()
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years if years >= 0 else None


def format_age(date_of_birth: str | None, today: _dt.date | None = None) -> str:
    """"34 years" or "" when the date of birth is unknown."""
    years = age(date_of_birth, today)
    if years is None:
        return ""
    return _tr("1 year") if years == 1 else _tr("%1 years").replace("%1", str(years))


def format_score(instrument: str | None, total: int | None, *, empty: str = DASH, band: bool = True) -> str:
    """("phq9", 14) -> "PHQ-9 14 · Moderate" ("PHQ-9 14" with ``band=False``, for narrow
    columns); an unknown instrument shows its key and total."""
    if instrument is None or total is None:
        return empty
    from ipt_desktop.domain.measures import INSTRUMENTS, severity

    known = INSTRUMENTS.get(instrument)
    if known is None:
        return f"{instrument} {total}"
    if not band:
        return f"{known.short_name} {total}"
    try:
        band = severity(instrument, total).label
    except ValueError:
        return f"{known.short_name} {total}"
    return f"{known.short_name} {total} \u00b7 {_tr(band)}"


def format_session_count(attended: int, planned: int | None) -> str:
    """"Session 5 of 16"-style progress: "5 of 16", or just "5" with no protocol."""
    if planned:
        return _tr("%1 of %2").replace("%1", str(attended)).replace("%2", str(planned))
    return str(attended) if attended else DASH


def iso_today() -> str:
    return _dt.date.today().isoformat()
