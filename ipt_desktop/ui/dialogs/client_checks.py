"""Checks on what a therapist typed into the client form (pure Python, unit-testable).

The services validate again; these run first so every problem shows beside its field at once.
"""

from __future__ import annotations

import datetime as _dt
import re

from ipt_desktop.domain.validation import FieldError

MAX_AGE_YEARS = 120
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
# Digits, spaces and the punctuation people write phone numbers with ("+44 (0)20 7946-0958 x12").
_PHONE = re.compile(r"[0-9+()\-. /x]*")


def check_client_fields(*, first_name: str, last_name: str, date_of_birth: str | None,
                        date_of_birth_problem: str | None, email: str, phone: str,
                        today: _dt.date | None = None) -> list[FieldError]:
    """Every problem at once, each naming its field (first_name, date_of_birth, ...)."""
    today = today or _dt.date.today()
    errors: list[FieldError] = []
    if not first_name.strip():
        errors.append(FieldError("first_name", "Enter a first name."))
    if not last_name.strip():
        errors.append(FieldError("last_name", "Enter a last name."))
    if date_of_birth_problem:
        errors.append(FieldError("date_of_birth", date_of_birth_problem))
    elif date_of_birth:
        born = _dt.date.fromisoformat(date_of_birth)
        if born > today:
            errors.append(FieldError("date_of_birth", "The date of birth is in the future."))
        elif today.year - born.year - ((today.month, today.day) < (born.month, born.day)) > MAX_AGE_YEARS:
            errors.append(FieldError(
                "date_of_birth", f"That would make the client older than {MAX_AGE_YEARS}; check the year."))
    if email.strip() and not _EMAIL.fullmatch(email.strip()):
        errors.append(FieldError("email", "This does not look like an email address (name@example.org)."))
    if phone.strip():
        if not _PHONE.fullmatch(phone.strip().lower()):
            errors.append(FieldError(
                "phone", "Use digits, spaces and + ( ) - . only."))
        elif sum(c.isdigit() for c in phone) < 5:
            errors.append(FieldError("phone", "A phone number needs at least 5 digits."))
    return errors
