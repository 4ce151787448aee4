"""Reading and writing the client exchange format (docs/exchange-format.md), version 1.

``parse_client_document`` checks EVERYTHING before anything is written: it collects every
problem as a ``FieldError`` whose path names the JSON location (``episodes[0].measures[2].
items[3]``) and raises one ``ValidationFailed`` with all of them. ``client_record_to_document``
is its inverse: every field, nulls included, in a stable order.
"""

from __future__ import annotations

import uuid
from typing import Any

from ipt_desktop.domain.interventions import INTERVENTIONS
from ipt_desktop.domain.measures import INSTRUMENTS, item_errors
from ipt_desktop.domain.problem_areas import DISPUTE_STAGES, PROBLEM_AREAS
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import (
    CLIENT_STATUSES, DISCHARGE_REASONS, SESSION_STATUSES, SUICIDAL_IDEATION_LEVELS, Client,
    ClientRecord, Discharge, Episode, Goal, GoalRating, MeasureAdministration, Relationship,
    Session,
)
from ipt_desktop.domain.validation import FieldError, ValidationFailed, parse_date, parse_datetime_minutes

FORMAT = "ipt-desktop/client"
FORMAT_VERSION = 1
MAX_ID_LENGTH = 64
MAX_TEXT = 200_000

TOP_FIELDS = ("format", "format_version", "client", "episodes")
CLIENT_FIELDS = ("id", "first_name", "last_name", "preferred_name", "date_of_birth", "pronouns", "phone",
                 "email", "emergency_contact", "referral_source", "notes", "status")
EPISODE_FIELDS = ("id", "protocol", "start_date", "end_date", "diagnosis", "chief_complaint",
                  "primary_problem_area", "secondary_problem_area", "formulation", "formulation_agreed_on",
                  "discharge", "inventory", "goals", "sessions", "measures")
DISCHARGE_FIELDS = ("date", "reason", "summary", "warning_signs", "recommendations")
RELATIONSHIP_FIELDS = ("id", "name", "relationship", "closeness", "contact", "positives", "negatives",
                       "expectations", "desired_changes", "problem_area", "dispute_stage", "deceased",
                       "notes")
GOAL_FIELDS = ("id", "problem_area", "description", "ratings")
RATING_FIELDS = ("date", "value")
SESSION_FIELDS = ("id", "number", "scheduled_at", "duration_minutes", "status", "focus_problem_area", "notes",
                  "interventions", "homework_assigned", "homework_review", "suicidal_ideation", "risk_notes",
                  "mood")
MEASURE_FIELDS = ("id", "instrument", "administered_on", "session_number", "items")

_MISSING = object()
_JSON_TYPES = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
               float: "a number", type(None): "null"}


def _kind(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Collects every problem instead of stopping at the first, so a user fixes a file once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []
        self.seen_ids: set[str] = set()

    def error(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def obj(self, path: str, value: object, fields: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, f"expected an object, got {_kind(value)}")
            return None
        for key in value:
            if key not in fields:
                self.error(_join(path, str(key)), "unknown field; expected only " + ", ".join(fields))
        return value

    def array(self, d: dict, path: str, key: str) -> list:
        value = d.get(key, [])
        if not isinstance(value, list):
            self.error(_join(path, key), f"expected a list, got {_kind(value)}")
            return []
        return value

    def _value(self, d: dict, path: str, key: str, required: bool) -> object:
        if key not in d:
            if required:
                self.error(_join(path, key), "is required")
            return _MISSING
        return d[key]

    def text(self, d: dict, path: str, key: str, *, required: bool = False, nullable: bool = False,
             default: str | None = "") -> str | None:
        value = self._value(d, path, key, required)
        if value is _MISSING:
            return default
        if value is None:
            if nullable:
                return None
            self.error(_join(path, key), "expected text, got null")
        elif not isinstance(value, str):
            self.error(_join(path, key), f"expected text, got {_kind(value)}")
        elif required and not value.strip():
            self.error(_join(path, key), "must not be empty")
        elif len(value) > MAX_TEXT:
            self.error(_join(path, key), f"is longer than {MAX_TEXT} characters")
        else:
            return value
        return default

    def ident(self, d: dict, path: str) -> str:
        """The record's id, or a new uuid4 when the file has none (ids are optional on import)."""
        value = d.get("id")
        if value is None:
            return str(uuid.uuid4())
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID_LENGTH:
            self.error(_join(path, "id"), f"expected an id (text of 1 to {MAX_ID_LENGTH} characters), "
                                          f"got {value!r}")
        elif value in self.seen_ids:
            self.error(_join(path, "id"), f"id {value!r} is used twice in this file")
        else:
            self.seen_ids.add(value)
            return value
        return str(uuid.uuid4())

    def date(self, d: dict, path: str, key: str, *, required: bool = True) -> str | None:
        value = self._value(d, path, key, required)
        if value is _MISSING or (value is None and not required):
            return None
        if parse_date(value) is None:
            self.error(_join(path, key), f"expected a date as YYYY-MM-DD, got {value!r}")
            return None
        return value  # type: ignore[return-value]

    def choice(self, d: dict, path: str, key: str, choices, *, required: bool = False,
               nullable: bool = True, default: str | None = None) -> str | None:
        value = self._value(d, path, key, required)
        if value is _MISSING:
            return default
        if value is None and nullable:
            return None
        if not isinstance(value, str) or value not in choices:
            allowed = ", ".join(repr(c) for c in choices) + (" or null" if nullable else "")
            self.error(_join(path, key), f"expected one of {allowed}, got {value!r}")
            return default
        return value

    def integer(self, d: dict, path: str, key: str, low: int, high: int, *, required: bool = False,
                nullable: bool = False, default: int | None = None) -> int | None:
        value = self._value(d, path, key, required)
        if value is _MISSING:
            return default
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(_join(path, key), f"expected a whole number from {low} to {high}"
                                         f"{' or null' if nullable else ''}, got {value!r}")
            return default
        return value

    def boolean(self, d: dict, path: str, key: str) -> bool:
        value = d.get(key, False)
        if not isinstance(value, bool):
            self.error(_join(path, key), f"expected true or false, got {value!r}")
            return False
        return value


def parse_client_document(data: object) -> ClientRecord:
    """The ClientRecord a version-1 document describes; ValidationFailed listing every problem."""
    r = _Reader()
    top = r.obj("", data, TOP_FIELDS)
    if top is None:
        raise ValidationFailed(r.errors)
    if top.get("format") != FORMAT:
        r.error("format", f"expected {FORMAT!r}, got {top.get('format')!r}")
    version = top.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        r.error("format_version", f"this file was written by a newer IPT Desktop (format version {version}); "
                                  f"this version reads version {FORMAT_VERSION}")
    elif version != FORMAT_VERSION or isinstance(version, bool):
        r.error("format_version", f"expected {FORMAT_VERSION}, got {version!r}")
    client = _client(r, top.get("client", _MISSING))
    episodes = tuple(ep for i, raw in enumerate(r.array(top, "", "episodes"))
                     if (ep := _episode(r, f"episodes[{i}]", raw)) is not None)
    if r.errors or client is None:
        raise ValidationFailed(r.errors or [FieldError("client", "is required")])
    return ClientRecord(client=client, episodes=tuple(sorted(episodes, key=lambda e: e.start_date)))


def _client(r: _Reader, raw: object) -> Client | None:
    if raw is _MISSING:
        r.error("client", "is required")
        return None
    d = r.obj("client", raw, CLIENT_FIELDS)
    if d is None:
        return None
    p = "client"
    return Client(
        id=r.ident(d, p),
        first_name=r.text(d, p, "first_name", required=True) or "",
        last_name=r.text(d, p, "last_name", required=True) or "",
        preferred_name=r.text(d, p, "preferred_name", nullable=True, default=None),
        date_of_birth=r.date(d, p, "date_of_birth", required=False),
        pronouns=r.text(d, p, "pronouns", nullable=True, default=None),
        phone=r.text(d, p, "phone", nullable=True, default=None),
        email=r.text(d, p, "email", nullable=True, default=None),
        emergency_contact=r.text(d, p, "emergency_contact", nullable=True, default=None),
        referral_source=r.text(d, p, "referral_source", nullable=True, default=None),
        notes=r.text(d, p, "notes") or "",
        status=r.choice(d, p, "status", CLIENT_STATUSES, nullable=False, default="active") or "active",
    )


def _episode(r: _Reader, p: str, raw: object) -> Episode | None:
    d = r.obj(p, raw, EPISODE_FIELDS)
    if d is None:
        return None
    ident = r.ident(d, p)
    protocol = r.choice(d, p, "protocol", tuple(PROTOCOLS), required=True, nullable=False)
    start = r.date(d, p, "start_date")
    end = r.date(d, p, "end_date", required=False)
    if start and end and end < start:
        r.error(_join(p, "end_date"), f"must not be before start_date ({start}), got {end!r}")
    discharge = None
    raw_discharge = d.get("discharge")
    if raw_discharge is not None:
        discharge = _discharge(r, _join(p, "discharge"), raw_discharge, start)
    sessions = [s for i, raw_s in enumerate(r.array(d, p, "sessions"))
                if (s := _session(r, f"{p}.sessions[{i}]", raw_s)) is not None]
    numbers: set[int] = set()
    limit = PROTOCOLS[protocol].sessions if protocol else None
    for i, s in enumerate(sessions):
        if s.number < 1:
            continue  # already reported by _session
        if s.number in numbers:
            r.error(f"{p}.sessions[{i}].number", f"session number {s.number} appears more than once")
        elif limit is not None and s.number > limit:
            r.error(f"{p}.sessions[{i}].number",
                    f"{protocol} has sessions 1 to {limit}, got session number {s.number}")
        numbers.add(s.number)
    measures = tuple(m for i, raw_m in enumerate(r.array(d, p, "measures"))
                     if (m := _measure(r, f"{p}.measures[{i}]", raw_m, numbers)) is not None)
    area = tuple(PROBLEM_AREAS)
    return Episode(
        id=ident, protocol=protocol or "", start_date=start or "", end_date=end,
        diagnosis=r.text(d, p, "diagnosis") or "",
        chief_complaint=r.text(d, p, "chief_complaint") or "",
        primary_problem_area=r.choice(d, p, "primary_problem_area", area),
        secondary_problem_area=r.choice(d, p, "secondary_problem_area", area),
        formulation=r.text(d, p, "formulation") or "",
        formulation_agreed_on=r.date(d, p, "formulation_agreed_on", required=False),
        discharge=discharge,
        inventory=tuple(x for i, raw_x in enumerate(r.array(d, p, "inventory"))
                        if (x := _relationship(r, f"{p}.inventory[{i}]", raw_x, i)) is not None),
        goals=tuple(g for i, raw_g in enumerate(r.array(d, p, "goals"))
                    if (g := _goal(r, f"{p}.goals[{i}]", raw_g, i)) is not None),
        sessions=tuple(sorted(sessions, key=lambda s: s.number)),
        measures=measures,
    )


def _discharge(r: _Reader, p: str, raw: object, start: str | None) -> Discharge | None:
    d = r.obj(p, raw, DISCHARGE_FIELDS)
    if d is None:
        return None
    day = r.date(d, p, "date")
    if day and start and day < start:
        r.error(_join(p, "date"), f"must not be before the episode's start_date ({start}), got {day!r}")
    return Discharge(
        date=day or "",
        reason=r.choice(d, p, "reason", DISCHARGE_REASONS, required=True, nullable=False) or "",
        summary=r.text(d, p, "summary") or "",
        warning_signs=r.text(d, p, "warning_signs") or "",
        recommendations=r.text(d, p, "recommendations") or "",
    )


def _relationship(r: _Reader, p: str, raw: object, position: int) -> Relationship | None:
    d = r.obj(p, raw, RELATIONSHIP_FIELDS)
    if d is None:
        return None
    return Relationship(
        id=r.ident(d, p),
        name=r.text(d, p, "name", required=True) or "",
        relationship=r.text(d, p, "relationship") or "",
        closeness=r.integer(d, p, "closeness", 1, 3, required=True) or 1,
        contact=r.text(d, p, "contact") or "",
        positives=r.text(d, p, "positives") or "",
        negatives=r.text(d, p, "negatives") or "",
        expectations=r.text(d, p, "expectations") or "",
        desired_changes=r.text(d, p, "desired_changes") or "",
        problem_area=r.choice(d, p, "problem_area", tuple(PROBLEM_AREAS)),
        dispute_stage=r.choice(d, p, "dispute_stage", tuple(DISPUTE_STAGES)),
        deceased=r.boolean(d, p, "deceased"),
        notes=r.text(d, p, "notes") or "",
        position=position,
    )


def _goal(r: _Reader, p: str, raw: object, position: int) -> Goal | None:
    d = r.obj(p, raw, GOAL_FIELDS)
    if d is None:
        return None
    ratings = []
    for i, raw_rating in enumerate(r.array(d, p, "ratings")):
        rp = f"{p}.ratings[{i}]"
        rd = r.obj(rp, raw_rating, RATING_FIELDS)
        if rd is not None:
            ratings.append(GoalRating(date=r.date(rd, rp, "date") or "",
                                      value=r.integer(rd, rp, "value", 0, 10, required=True) or 0))
    return Goal(
        id=r.ident(d, p),
        description=r.text(d, p, "description", required=True) or "",
        problem_area=r.choice(d, p, "problem_area", tuple(PROBLEM_AREAS)),
        ratings=tuple(ratings),
        position=position,
    )


def _session(r: _Reader, p: str, raw: object) -> Session | None:
    d = r.obj(p, raw, SESSION_FIELDS)
    if d is None:
        return None
    scheduled = r._value(d, p, "scheduled_at", True)
    if scheduled is not _MISSING and parse_datetime_minutes(scheduled) is None:
        r.error(_join(p, "scheduled_at"), f"expected a local time as YYYY-MM-DDTHH:MM, got {scheduled!r}")
    interventions: list[str] = []
    for i, key in enumerate(r.array(d, p, "interventions")):
        if not isinstance(key, str) or key not in INTERVENTIONS:
            r.error(f"{p}.interventions[{i}]",
                    f"expected one of {', '.join(repr(k) for k in INTERVENTIONS)}, got {key!r}")
        else:
            interventions.append(key)
    return Session(
        id=r.ident(d, p),
        number=r.integer(d, p, "number", 1, 1000, required=True) or 0,
        scheduled_at=scheduled if isinstance(scheduled, str) else "",
        duration_minutes=r.integer(d, p, "duration_minutes", 1, 600, default=50) or 50,
        status=r.choice(d, p, "status", SESSION_STATUSES, nullable=False, default="scheduled") or "scheduled",
        focus_problem_area=r.choice(d, p, "focus_problem_area", tuple(PROBLEM_AREAS)),
        notes=r.text(d, p, "notes") or "",
        interventions=tuple(interventions),
        homework_assigned=r.text(d, p, "homework_assigned") or "",
        homework_review=r.text(d, p, "homework_review") or "",
        suicidal_ideation=r.choice(d, p, "suicidal_ideation", SUICIDAL_IDEATION_LEVELS),
        risk_notes=r.text(d, p, "risk_notes") or "",
        mood=r.integer(d, p, "mood", 0, 10, nullable=True),
    )


def _measure(r: _Reader, p: str, raw: object, session_numbers: set[int]) -> MeasureAdministration | None:
    d = r.obj(p, raw, MEASURE_FIELDS)
    if d is None:
        return None
    instrument = r.choice(d, p, "instrument", tuple(INSTRUMENTS), required=True, nullable=False)
    number = r.integer(d, p, "session_number", 1, 1000, nullable=True)
    if number is not None and number not in session_numbers:
        r.error(_join(p, "session_number"), f"there is no session {number} in this episode")
    items = r._value(d, p, "items", True)
    values: tuple[int, ...] = ()
    if items is not _MISSING:
        if not isinstance(items, list):
            r.error(_join(p, "items"), f"expected a list of item scores, got {_kind(items)}")
        else:
            values = tuple(items)
            if instrument:
                for index, message in item_errors(instrument, items):
                    r.error(_join(p, "items") if index is None else f"{p}.items[{index}]", message)
    return MeasureAdministration(
        id=r.ident(d, p), instrument=instrument or "", administered_on=r.date(d, p, "administered_on") or "",
        items=values, session_number=number)


# --- export ------------------------------------------------------------------------------

def client_record_to_document(record: ClientRecord) -> dict[str, Any]:
    """Every field (nulls included); sessions by number, measures by date then instrument,
    inventory and goals in their stored order, so two exports of the same data are identical."""
    c = record.client
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "client": {name: getattr(c, name) for name in CLIENT_FIELDS},
        "episodes": [_episode_doc(e) for e in record.episodes],
    }


def _episode_doc(e: Episode) -> dict[str, Any]:
    doc: dict[str, Any] = {name: getattr(e, name) for name in EPISODE_FIELDS[:10]}
    doc["discharge"] = (None if e.discharge is None
                        else {name: getattr(e.discharge, name) for name in DISCHARGE_FIELDS})
    doc["inventory"] = [{name: getattr(x, name) for name in RELATIONSHIP_FIELDS}
                        for x in sorted(e.inventory, key=lambda x: x.position)]
    doc["goals"] = [{"id": g.id, "problem_area": g.problem_area, "description": g.description,
                     "ratings": [{"date": rt.date, "value": rt.value} for rt in g.ratings]}
                    for g in sorted(e.goals, key=lambda g: g.position)]
    doc["sessions"] = [{**{name: getattr(s, name) for name in SESSION_FIELDS},
                        "interventions": list(s.interventions)}
                       for s in sorted(e.sessions, key=lambda s: s.number)]
    doc["measures"] = [{"id": m.id, "instrument": m.instrument, "administered_on": m.administered_on,
                        "session_number": m.session_number, "items": list(m.items)}
                       for m in sorted(e.measures, key=lambda m: (m.administered_on, m.instrument))]
    return doc
