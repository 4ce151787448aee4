"""Printable reports: gather the records a report needs, render it, audit the disclosure.

The PDF leaves the encrypted practice file, so each rendering is recorded in the audit trail
("print" of a "pdf_<kind>" for the episode) before the bytes are handed back: no audit, no PDF.
ReportLab is only imported when ``render`` actually runs (see ``ipt_desktop.reports``).
"""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.domain.records import ClientRecord, Episode
from ipt_desktop.domain.validation import FieldError, ValidationFailed
from ipt_desktop.reports import KINDS, render
from ipt_desktop.reports.inputs import INPUT_TYPES, PAGE_SIZES, ReportInputs
from ipt_desktop.services.errors import NotFoundError, ServiceError
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository
from ipt_desktop.store.audit import append_event


class NotDischargedError(ServiceError):
    """A discharge summary was asked for an episode that has not been discharged."""

    exit_code = 2


def render_report(practice: Practice, *, kind: str, client_id: str, session_number: int | None = None,
                  episode_id: str | None = None, generated_on: str | None = None,
                  invariant: bool = False) -> bytes:
    """The PDF of ``kind`` ("session" | "progress" | "discharge" | "inventory") as bytes.

    Uses the client's latest episode unless ``episode_id`` is given; ``session_number`` is
    required for a session note. ``generated_on`` (ISO date, default today) is printed on every
    page. Raises ValidationFailed for a bad kind or a missing session number, NotFoundError
    for an unknown client, episode or session, NotDischargedError (exit 2) for a discharge
    summary of an episode that was not discharged.
    """
    inputs = report_inputs(practice, kind=kind, client_id=client_id, session_number=session_number,
                           episode_id=episode_id, generated_on=generated_on)
    pdf = render(kind, inputs, invariant=invariant)
    record_printed(practice, kind=kind, client_id=client_id, episode_id=inputs.episode.id)
    return pdf


def report_inputs(practice: Practice, *, kind: str, client_id: str, session_number: int | None = None,
                  episode_id: str | None = None, generated_on: str | None = None) -> ReportInputs:
    """Everything a report needs, read in one short session (same checks as ``render_report``).

    The GUI calls this on the GUI thread, renders ``ipt_desktop.reports.render(kind, inputs)``
    on a worker, then calls ``record_printed`` once the PDF is saved.
    """
    _check_arguments(kind, session_number)
    with practice.reading() as session:
        record = repository.load_client_record(session, client_id)
        profile = repository.get_profile(session)
    if record is None:
        raise NotFoundError(f"There is no client with id {client_id} in this practice.")
    episode = _episode(record, episode_id)
    if kind == "session" and not any(s.number == session_number for s in episode.sessions):
        numbers = sorted(s.number for s in episode.sessions)
        planned = f" (sessions {numbers[0]}-{numbers[-1]})" if numbers else ""
        raise NotFoundError(f"Session {session_number} does not exist in this episode{planned}.")
    if kind == "discharge" and episode.discharge is None:
        raise NotDischargedError(f"{record.client.full_name} has not been discharged from this episode, "
                                 "so there is no discharge summary to print yet.")
    page_size = profile.page_size if profile.page_size in PAGE_SIZES else "A4"
    values = dict(practice=profile, client=record.client, episode=episode, page_size=page_size,
                  generated_on=generated_on or _dt.date.today().isoformat())
    if kind == "session":
        values["session_number"] = session_number
    return INPUT_TYPES[kind](**values)


def record_printed(practice: Practice, *, kind: str, client_id: str, episode_id: str) -> None:
    """Audit that a PDF of this episode left the practice file (ids and kind only, no text)."""
    with practice.transaction() as tx:
        append_event(tx, action="print", entity=f"pdf_{kind}", entity_id=episode_id, client_id=client_id)


def _check_arguments(kind: str, session_number: int | None) -> None:
    if kind not in KINDS:
        raise ValidationFailed([FieldError("kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")])
    if kind == "session" and (isinstance(session_number, bool) or not isinstance(session_number, int)):
        raise ValidationFailed([FieldError("session_number", "a session note needs the session number")])


def _episode(record: ClientRecord, episode_id: str | None) -> Episode:
    if episode_id is None:
        episode = record.latest_episode
        if episode is None:
            raise NotFoundError(f"{record.client.full_name} has no episode of treatment yet, "
                                "so there is nothing to report.")
        return episode
    for episode in record.episodes:
        if episode.id == episode_id:
            return episode
    raise NotFoundError(f"Episode {episode_id} does not belong to {record.client.full_name}.")
