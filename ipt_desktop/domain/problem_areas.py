"""The four IPT problem areas, role-dispute stages and the one colour palette for them.

GUI and PDF both take colours from here so a problem area looks the same on screen and on paper.
"""

from __future__ import annotations

# Dicts keep insertion order: this is the order pickers and legends show.
PROBLEM_AREAS: dict[str, str] = {
    "grief": "Grief",
    "role_dispute": "Role disputes",
    "role_transition": "Role transitions",
    "interpersonal_deficits": "Interpersonal deficits",
}

DISPUTE_STAGES: dict[str, str] = {
    "renegotiation": "Renegotiation",
    "impasse": "Impasse",
    "dissolution": "Dissolution",
}

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies and still
# different in greyscale print (blue/vermillion/green/purple have distinct lightness).
AREA_COLOURS: dict[str, str] = {
    "grief": "#0072B2",  # blue
    "role_dispute": "#D55E00",  # vermillion
    "role_transition": "#009E73",  # bluish green
    "interpersonal_deficits": "#CC79A7",  # reddish purple
}
NO_AREA_COLOUR = "#999999"  # neutral grey for "no problem area chosen"

# Shown wherever no problem area / stage is set. An em dash (not "") so a table cell or PDF
# line visibly says "nothing recorded" rather than looking like a rendering fault.
NONE_LABEL = "\u2014"


def area_label(key: str | None) -> str:
    """Readable label for a problem-area key; "—" for None; unknown keys are shown as-is
    so data imported from a newer version still displays instead of failing."""
    if not key:
        return NONE_LABEL
    return PROBLEM_AREAS.get(key, key)


def area_colour(key: str | None) -> str:
    """``#rrggbb`` for a problem area, grey for None or an unknown key."""
    return AREA_COLOURS.get(key or "", NO_AREA_COLOUR)


def dispute_stage_label(key: str | None) -> str:
    """Readable label for a role-dispute stage; "—" for None; unknown keys as-is."""
    if not key:
        return NONE_LABEL
    return DISPUTE_STAGES.get(key, key)
