"""Episode use cases: start a course of IPT (with its planned sessions), edit it, discharge."""

from __future__ import annotations

import dataclasses

from ipt_desktop.domain.problem_areas import PROBLEM_AREAS
from ipt_desktop.domain.protocols import PROTOCOLS, planned_session_times
from ipt_desktop.domain.records import Discharge, Episode, Session
from ipt_desktop.domain.validation import (
    FieldError, check_choice, check_date, check_int_range, check_text,
)
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.checks import dates_in_order, discharge_errors, new_id, require_valid
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository

AREAS = tuple(PROBLEM_AREAS)


def load_episode(session, episode_id: str) -> tuple[str, Episode]:
    """(client id, episode) inside a service's session; NotFoundError when it is not there."""
    client_id = repository.episode_client_id(session, episode_id)
    episode = repository.load_episode(session, episode_id) if client_id else None
    if client_id is None or episode is None:
        raise NotFoundError("That episode is not in this practice; it may have been deleted.")
    return client_id, episode


def start_episode(practice: Practice, *, client_id: str, protocol: str, start_date: str,
                  session_time: str = "09:00", interval_days: int = 7, duration_minutes: int = 50,
                  diagnosis: str = "", chief_complaint: str = "") -> tuple[Episode, Changes]:
    """A new episode with every session of the protocol planned, ``interval_days`` apart at
    ``session_time`` from ``start_date``. The client becomes active again if discharged."""
    errors: list[FieldError] = []
    check_choice(errors, "protocol", protocol, tuple(PROTOCOLS))
    check_date(errors, "start_date", start_date)
    if not (isinstance(session_time, str) and len(session_time) == 5 and session_time[2] == ":"
            and session_time[:2].isdigit() and session_time[3:].isdigit()
            and int(session_time[:2]) < 24 and int(session_time[3:]) < 60):
        errors.append(FieldError("session_time", f"expected a time as HH:MM, got {session_time!r}"))
    check_int_range(errors, "interval_days", interval_days, 1, 60)
    check_int_range(errors, "duration_minutes", duration_minutes, 1, 600)
    check_text(errors, "diagnosis", diagnosis, max_length=2000)
    check_text(errors, "chief_complaint", chief_complaint)
    require_valid(errors)
    times = planned_session_times(start_date, session_time, PROTOCOLS[protocol].sessions, interval_days)
    sessions = tuple(Session(id=new_id(), number=n, scheduled_at=when, duration_minutes=duration_minutes)
                     for n, when in enumerate(times, start=1))
    episode = Episode(id=new_id(), protocol=protocol, start_date=start_date, diagnosis=diagnosis,
                      chief_complaint=chief_complaint, sessions=sessions)
    with practice.transaction() as session:
        client = repository.get_client(session, client_id)
        if client is None:
            raise NotFoundError("That client is not in this practice; they may have been deleted.")
        repository.insert_episode(session, client_id, episode)
        if client.status != "active":
            repository.set_client_status(session, client_id, "active")
    return episode, Changes.of(client_id, "client", "episode", "sessions")


def update_episode(practice: Practice, *, episode: Episode) -> Changes:
    """Episode-level fields only (diagnosis, chief complaint, problem areas, formulation, dates).

    The protocol cannot change once sessions are planned; children (sessions, inventory, goals,
    measures, discharge) have their own services and are ignored here.
    """
    errors: list[FieldError] = []
    check_date(errors, "start_date", episode.start_date)
    check_date(errors, "end_date", episode.end_date, required=False)
    dates_in_order(errors, "end_date", episode.start_date, episode.end_date)
    check_text(errors, "diagnosis", episode.diagnosis, max_length=2000)
    check_text(errors, "chief_complaint", episode.chief_complaint)
    check_choice(errors, "primary_problem_area", episode.primary_problem_area, AREAS, required=False)
    check_choice(errors, "secondary_problem_area", episode.secondary_problem_area, AREAS, required=False)
    check_text(errors, "formulation", episode.formulation)
    check_date(errors, "formulation_agreed_on", episode.formulation_agreed_on, required=False)
    require_valid(errors)
    with practice.transaction() as session:
        client_id, stored = load_episode(session, episode.id)
        if episode.protocol != stored.protocol:
            require_valid([FieldError("protocol", "cannot be changed once the episode has started; "
                                                  "start a new episode instead")])
        if stored.discharge is not None and episode.start_date > stored.discharge.date:
            # The discharge date is the end of treatment: keep the two consistent.
            require_valid([FieldError("start_date", f"must not be after the discharge date "
                                                    f"({stored.discharge.date})")])
        repository.update_episode(session, episode)
    return Changes.of(client_id, "episode")


def discharge_episode(practice: Practice, *, episode_id: str, discharge: Discharge) -> Changes:
    """Record the discharge, set the episode's end date to it and the client's status to discharged."""
    with practice.transaction() as session:
        client_id, stored = load_episode(session, episode_id)
        require_valid(discharge_errors(discharge, stored.start_date))
        repository.set_discharge(session, episode_id, discharge)
        repository.update_episode(session, dataclasses.replace(stored, end_date=discharge.date))
        repository.set_client_status(session, client_id, "discharged")
    return Changes.of(client_id, "client", "episode")
