"""The IPT task checklist per phase, ticked from what is recorded in the episode.

Each task is ticked from data the therapist already enters (session interventions, inventory,
discharge), so the checklist never needs its own bookkeeping and cannot drift out of date.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_desktop.domain.protocols import get_protocol
from ipt_desktop.domain.records import Episode


@dataclass(frozen=True, slots=True)
class Task:
    key: str
    label: str
    done: bool


def _used(episode: Episode, intervention: str) -> bool:
    return any(s.status == "attended" and intervention in s.interventions for s in episode.sessions)


def phase_tasks(episode: Episode) -> dict[str, tuple[Task, ...]]:
    """``{"initial": (...), "middle": (...), "termination": (...)}`` for the episode's protocol."""
    middle = get_protocol(episode.protocol).phase("middle")
    middle_attended = [s for s in episode.sessions if s.status == "attended" and s.number in middle]
    discharge = episode.discharge
    maintenance = _used(episode, "maintenance_planning")
    return {
        "initial": (
            Task("diagnosis", "Diagnosis given", bool(episode.diagnosis.strip())),
            Task("sick_role", "Sick role", _used(episode, "sick_role")),
            Task("inventory", "Interpersonal inventory",
                 bool(episode.inventory) or _used(episode, "interpersonal_inventory")),
            Task("formulation", "Formulation agreed", bool(episode.formulation_agreed_on)),
        ),
        "middle": (
            Task("focus", "Focus worked on", any(s.focus_problem_area for s in middle_attended)),
            Task("homework", "Homework",
                 any(s.homework_assigned.strip() for s in middle_attended)),
        ),
        "termination": (
            Task("termination", "Termination discussed",
                 discharge is not None or _used(episode, "termination_discussion")),
            Task("warning_signs", "Warning signs",
                 bool(discharge and discharge.warning_signs.strip()) or maintenance),
            Task("maintenance", "Maintenance plan",
                 bool(discharge and discharge.recommendations.strip()) or maintenance),
        ),
    }
