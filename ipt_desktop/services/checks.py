"""Field checks for the records the services write, shared by every use case.

Each function returns a list of ``FieldError`` whose path is the record's field name
(``first_name``, ``closeness``, ``items[3]``) so a dialog can mark the widget; ``require_valid``
raises them together as ``ValidationFailed`` before anything is written.
"""

from __future__ import annotations

import uuid

from ipt_desktop.domain.interventions import INTERVENTIONS
from ipt_desktop.domain.measures import INSTRUMENTS, item_errors
from ipt_desktop.domain.problem_areas import DISPUTE_STAGES, PROBLEM_AREAS
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import (
    CLIENT_STATUSES, DISCHARGE_REASONS, SESSION_STATUSES, SUICIDAL_IDEATION_LEVELS, Client, Discharge,
    Relationship, Session,
)
from ipt_desktop.domain.validation import (
    FieldError, ValidationFailed, check_choice, check_date, check_int_range, check_text, parse_date,
    parse_datetime_minutes,
)

AREAS = tuple(PROBLEM_AREAS)


def new_id() -> str:
    return str(uuid.uuid4())


def require_valid(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def client_errors(c: Client) -> list[FieldError]:
    errors: list[FieldError] = []
    check_text(errors, "first_name", c.first_name, required=True, max_length=200)
    check_text(errors, "last_name", c.last_name, required=True, max_length=200)
    for name in ("preferred_name", "pronouns", "phone", "email", "emergency_contact", "referral_source"):
        check_text(errors, name, getattr(c, name), max_length=2000)
    check_date(errors, "date_of_birth", c.date_of_birth, required=False)
    check_text(errors, "notes", c.notes)
    check_choice(errors, "status", c.status, CLIENT_STATUSES)
    return errors


def protocol_errors(protocol: object) -> list[FieldError]:
    errors: list[FieldError] = []
    check_choice(errors, "protocol", protocol, tuple(PROTOCOLS))
    return errors


def dates_in_order(errors: list[FieldError], path: str, start: str | None, later: str | None,
                   start_name: str = "start date") -> None:
    if parse_date(start) and parse_date(later) and later < start:  # type: ignore[operator]
        errors.append(FieldError(path, f"must not be before the {start_name} ({start}), got {later!r}"))


def discharge_errors(d: Discharge, start_date: str) -> list[FieldError]:
    errors: list[FieldError] = []
    check_date(errors, "date", d.date)
    dates_in_order(errors, "date", start_date, d.date, "episode's start date")
    check_choice(errors, "reason", d.reason, DISCHARGE_REASONS)
    for name in ("summary", "warning_signs", "recommendations"):
        check_text(errors, name, getattr(d, name))
    return errors


def relationship_errors(r: Relationship) -> list[FieldError]:
    errors: list[FieldError] = []
    check_text(errors, "name", r.name, required=True, max_length=200)
    check_text(errors, "relationship", r.relationship, max_length=200)
    check_int_range(errors, "closeness", r.closeness, 1, 3)
    for name in ("contact", "positives", "negatives", "expectations", "desired_changes", "notes"):
        check_text(errors, name, getattr(r, name))
    check_choice(errors, "problem_area", r.problem_area, AREAS, required=False)
    check_choice(errors, "dispute_stage", r.dispute_stage, tuple(DISPUTE_STAGES), required=False)
    if not isinstance(r.deceased, bool):
        errors.append(FieldError("deceased", f"expected true or false, got {r.deceased!r}"))
    return errors


def scheduled_at_errors(value: object, path: str = "scheduled_at") -> list[FieldError]:
    if parse_datetime_minutes(value) is None:
        return [FieldError(path, f"expected a local time as YYYY-MM-DDTHH:MM, got {value!r}")]
    return []


def session_errors(s: Session, protocol: str) -> list[FieldError]:
    errors: list[FieldError] = []
    limit = PROTOCOLS[protocol].sessions if protocol in PROTOCOLS else 1000
    check_int_range(errors, "number", s.number, 1, limit)
    errors += scheduled_at_errors(s.scheduled_at)
    check_int_range(errors, "duration_minutes", s.duration_minutes, 1, 600)
    check_choice(errors, "status", s.status, SESSION_STATUSES)
    check_choice(errors, "focus_problem_area", s.focus_problem_area, AREAS, required=False)
    for name in ("notes", "homework_assigned", "homework_review", "risk_notes"):
        check_text(errors, name, getattr(s, name))
    for i, key in enumerate(s.interventions):
        check_choice(errors, f"interventions[{i}]", key, tuple(INTERVENTIONS))
    check_choice(errors, "suicidal_ideation", s.suicidal_ideation, SUICIDAL_IDEATION_LEVELS, required=False)
    check_int_range(errors, "mood", s.mood, 0, 10, required=False)
    return errors


def measure_errors(instrument: object, administered_on: object, items: object) -> list[FieldError]:
    errors: list[FieldError] = []
    check_choice(errors, "instrument", instrument, tuple(INSTRUMENTS))
    check_date(errors, "administered_on", administered_on)
    if instrument in INSTRUMENTS:
        if not isinstance(items, (list, tuple)):
            errors.append(FieldError("items", f"expected a list of item scores, got {type(items).__name__}"))
        else:
            for index, message in item_errors(instrument, items):  # type: ignore[arg-type]
                errors.append(FieldError("items" if index is None else f"items[{index}]", message))
    return errors
