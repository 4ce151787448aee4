"""IPT interventions a therapist can tick in a session note."""

from __future__ import annotations

# Ordered roughly as they appear over a course of IPT, which is the order the session form lists.
INTERVENTIONS: dict[str, str] = {
    "psychoeducation": "Psychoeducation",
    "sick_role": "Sick role",
    "interpersonal_inventory": "Interpersonal inventory",
    "formulation": "Formulation",
    "clarification": "Clarification",
    "communication_analysis": "Communication analysis",
    "role_play": "Role play",
    "decision_analysis": "Decision analysis",
    "encouragement_of_affect": "Encouragement of affect",
    "exploratory_questioning": "Exploratory questioning",
    "homework_review": "Homework review",
    "termination_discussion": "Termination discussion",
    "maintenance_planning": "Maintenance planning",
}


def intervention_label(key: str) -> str:
    """Readable label; unknown keys (e.g. from a newer export) are shown as-is, not dropped."""
    return INTERVENTIONS.get(key, key)
