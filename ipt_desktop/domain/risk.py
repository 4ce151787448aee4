"""Risk flag for an episode: the latest rating-scale answers and the latest session note.

Only the LATEST administration of each instrument counts: a PHQ-9 item 9 scored 2 in session 1
that is 0 in session 6 is history, not a current flag. The same for session ideation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_desktop.domain.measures import INSTRUMENTS
from ipt_desktop.domain.progress import chronological
from ipt_desktop.domain.records import Episode, MeasureAdministration, Session

IDEATION_LABELS = {"passive": "Passive", "active": "Active"}


@dataclass(frozen=True, slots=True)
class RiskStatus:
    flagged: bool
    reasons: tuple[str, ...] = ()  # human sentences, most recent evidence per source

    def __bool__(self) -> bool:
        return self.flagged


def administration_risk_reasons(adm: MeasureAdministration) -> list[str]:
    """One sentence per risk item above 0, e.g. "PHQ-9 item 9 scored 2 on 2026-10-05"."""
    instrument = INSTRUMENTS.get(adm.instrument)
    if instrument is None:
        return []
    reasons = []
    for number in instrument.risk_items:
        if number <= len(adm.items) and adm.items[number - 1] > 0:
            reasons.append(f"{instrument.short_name} item {number} scored "
                           f"{adm.items[number - 1]} on {adm.administered_on}")
    return reasons


def latest_attended_session(episode: Episode) -> Session | None:
    attended = [s for s in episode.sessions if s.status == "attended"]
    return max(attended, key=lambda s: (s.scheduled_at, s.number)) if attended else None


def episode_risk(episode: Episode) -> RiskStatus:
    """Flagged when the latest administration of any instrument has a risk item above 0, or
    the latest attended session recorded passive or active suicidal ideation."""
    latest: dict[str, MeasureAdministration] = {}
    for adm in chronological(episode.measures):
        latest[adm.instrument] = adm  # chronological order: the last one written wins
    reasons: list[str] = []
    for adm in latest.values():
        reasons.extend(administration_risk_reasons(adm))
    session = latest_attended_session(episode)
    if session is not None and session.suicidal_ideation in IDEATION_LABELS:
        reasons.append(f"{IDEATION_LABELS[session.suicidal_ideation]} suicidal ideation noted "
                       f"in session {session.number}")
    return RiskStatus(flagged=bool(reasons), reasons=tuple(reasons))
