"""Derived facts the documents print, computed with the domain rules (no ReportLab here).

Kept apart from the layout code so the numbers a report states can be checked without a PDF
and so each document builder stays a readable list of sections.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_desktop.domain.measures import INSTRUMENTS, score
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import Episode, MeasureAdministration, Session
from ipt_desktop.domain.validation import ValidationFailed

SESSION_STATUS_LABELS = {"scheduled": "Scheduled", "attended": "Attended",
                         "cancelled": "Cancelled", "no_show": "No-show"}
IDEATION_LABELS = {"none": "None reported", "passive": "Passive", "active": "Active"}
DISCHARGE_REASON_LABELS = {"completed": "Completed treatment", "dropped_out": "Dropped out",
                           "referred": "Referred on", "other": "Other"}


def status_label(status: str) -> str:
    return SESSION_STATUS_LABELS.get(status, status)


def ideation_label(value: str | None) -> str:
    return "Not assessed" if value is None else IDEATION_LABELS.get(value, value)


def protocol_label(key: str) -> str:
    protocol = PROTOCOLS.get(key)
    return f"{protocol.short_name} \u2014 {protocol.name}" if protocol else key


def planned_sessions(episode: Episode) -> int:
    protocol = PROTOCOLS.get(episode.protocol)
    return protocol.sessions if protocol else len(episode.sessions)


def phase_label(episode: Episode, number: int) -> str:
    protocol = PROTOCOLS.get(episode.protocol)
    if protocol is None:
        return ""
    try:
        return f"{protocol.phase_of(number).label} phase"
    except ValueError:  # an extra session beyond the protocol's plan
        return "Beyond the planned sessions"


@dataclass(frozen=True, slots=True)
class ScoredMeasure:
    administration: MeasureAdministration
    short_name: str
    total: int | None  # None when stored items cannot be scored (shown, never crash a report)
    severity: str
    risk_items: tuple[int, ...]


def scored(adm: MeasureAdministration) -> ScoredMeasure:
    instrument = INSTRUMENTS.get(adm.instrument)
    name = instrument.short_name if instrument else adm.instrument
    try:
        result = score(adm.instrument, adm.items)
    except (ValidationFailed, ValueError):
        return ScoredMeasure(adm, name, None, "Cannot be scored", ())
    return ScoredMeasure(adm, name, result.total, result.band.label, result.risk_items)


def session_measures(episode: Episode, session: Session) -> list[ScoredMeasure]:
    """Measures given in this session: linked by number, or unlinked on the same day."""
    day = session.scheduled_at[:10]
    chosen = [m for m in episode.measures
              if m.session_number == session.number
              or (m.session_number is None and m.administered_on == day)]
    return [scored(m) for m in sorted(chosen, key=lambda m: (m.administered_on, m.instrument))]


def session_has_risk(session: Session, measures: list[ScoredMeasure]) -> bool:
    return session.suicidal_ideation in ("passive", "active") or any(m.risk_items for m in measures)
