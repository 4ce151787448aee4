"""Field-level validation shared by dialogs, import and the command line.

Every check names the field it rejects (a dotted/indexed path such as
``episodes[0].measures[2].items[3]`` or a dialog field such as ``first_name``), so each entry
point can show the message beside the right widget or print it on one line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationFailed(ValueError):
    """Raised with every problem found; callers show ``errors`` and write nothing."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]):
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:5]) + (" …" if len(self.errors) > 5 else ""))

    @property
    def first(self) -> FieldError:
        return self.errors[0]


def parse_date(value: object) -> _dt.date | None:
    """An ISO date ``YYYY-MM-DD`` or None when it is not one (no locale involved)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_datetime_minutes(value: object) -> _dt.datetime | None:
    """A local wall-clock time ``YYYY-MM-DDTHH:MM`` or None when it is not one."""
    if not isinstance(value, str) or len(value) != 16 or value[10] != "T":
        return None
    try:
        return _dt.datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def check_date(errors: list[FieldError], path: str, value: object, *, required: bool = True) -> None:
    if value is None and not required:
        return
    if parse_date(value) is None:
        errors.append(FieldError(path, f"expected a date as YYYY-MM-DD, got {value!r}"))


def check_int_range(errors: list[FieldError], path: str, value: object, low: int, high: int,
                    *, required: bool = True) -> None:
    if value is None and not required:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.append(FieldError(path, f"expected a whole number from {low} to {high}, got {value!r}"))


def check_choice(errors: list[FieldError], path: str, value: object, choices, *,
                 required: bool = True) -> None:
    if value is None and not required:
        return
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        errors.append(FieldError(path, f"expected one of {allowed}, got {value!r}"))


def check_text(errors: list[FieldError], path: str, value: object, *, required: bool = False,
               max_length: int = 200_000) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str):
        errors.append(FieldError(path, f"expected text, got {type(value).__name__}"))
    elif required and not value.strip():
        errors.append(FieldError(path, "must not be empty"))
    elif len(value) > max_length:
        errors.append(FieldError(path, f"is longer than {max_length} characters"))
