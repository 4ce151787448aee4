"""Client use cases: the client list, a client's whole record, create and edit."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata

from ipt_desktop.domain.records import Client, ClientRecord, ClientSummary
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.checks import client_errors, new_id, require_valid
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.practice import Practice
from ipt_desktop.domain.validation import FieldError, ValidationFailed
from ipt_desktop.store import repository

LIST_STATUSES = ("active", "discharged", "archived", "all")


def list_clients(practice: Practice, *, status: str = "all",
                 client_ids: list[str] | tuple[str, ...] | None = None) -> list[ClientSummary]:
    """Client-list rows (latest episode, attendance, headline measure, next session), by name.

    client_ids limits the rows to those clients: the refresh after a save re-reads one row, not
    two thousand.
    """
    if status not in LIST_STATUSES:
        raise ValidationFailed([FieldError("status", f"expected one of {', '.join(LIST_STATUSES)}, "
                                                     f"got {status!r}")])
    with practice.reading() as session:
        rows = repository.list_client_summaries(session, status, client_ids=client_ids)
    # SQLite's NOCASE only folds ASCII, which would put "Álvarez" after "Zubizarreta".
    return sorted(rows, key=lambda r: (name_key(r.last_name), name_key(r.first_name), r.id))


@functools.lru_cache(maxsize=16384)  # the same names are sorted again on every list reload
def name_key(text: str | None) -> str:
    """A sort key that ignores case and accents (Łukasiewicz files under L, Ørsted under O)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_UNDECOMPOSABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Letters with a stroke have no Unicode decomposition; map them to their base letter.
_UNDECOMPOSABLE = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss",
                                 "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe"})


def get_client_record(practice: Practice, *, client_id: str) -> ClientRecord:
    """The client with every episode and everything in them; NotFoundError when absent."""
    with practice.reading() as session:
        record = repository.load_client_record(session, client_id)
    if record is None:
        raise NotFoundError("That client is not in this practice; they may have been deleted.")
    return record


def create_client(practice: Practice, *, first_name: str, last_name: str, preferred_name: str | None = None,
                  date_of_birth: str | None = None, pronouns: str | None = None, phone: str | None = None,
                  email: str | None = None, emergency_contact: str | None = None,
                  referral_source: str | None = None, notes: str = "") -> tuple[Client, Changes]:
    """A new active client (no episode yet). Blank optional fields are stored as None."""
    client = Client(
        id=new_id(), first_name=(first_name or "").strip() if isinstance(first_name, str) else first_name,
        last_name=(last_name or "").strip() if isinstance(last_name, str) else last_name,
        preferred_name=_blank_to_none(preferred_name), date_of_birth=_blank_to_none(date_of_birth),
        pronouns=_blank_to_none(pronouns), phone=_blank_to_none(phone), email=_blank_to_none(email),
        emergency_contact=_blank_to_none(emergency_contact), referral_source=_blank_to_none(referral_source),
        notes=notes if notes is not None else "", status="active")
    require_valid(client_errors(client))
    with practice.transaction() as session:
        repository.insert_client(session, client)
    return client, Changes.of(client.id, "client")


def update_client(practice: Practice, *, client: Client) -> Changes:
    """Store every field of ``client`` (matched by id); NotFoundError when it is not there."""
    client = dataclasses.replace(
        client, preferred_name=_blank_to_none(client.preferred_name),
        date_of_birth=_blank_to_none(client.date_of_birth), pronouns=_blank_to_none(client.pronouns),
        phone=_blank_to_none(client.phone), email=_blank_to_none(client.email),
        emergency_contact=_blank_to_none(client.emergency_contact),
        referral_source=_blank_to_none(client.referral_source))
    require_valid(client_errors(client))
    with practice.transaction() as session:
        repository.update_client(session, client)
    return Changes.of(client.id, "client")


def _blank_to_none(value):
    # A cleared line edit means "not recorded", which the records spell None, not "".
    if isinstance(value, str) and not value.strip():
        return None
    return value
