"""Fictional demo clients, one module each, built as exchange-format documents.

Every module exposes ``CLIENT_ID`` (fixed, so re-running the demo never duplicates a client) and
``build(today) -> dict``; dates are relative to ``today`` so the demo always looks current.
All people, names and stories are invented.
"""

from __future__ import annotations

from ipt_desktop.services.demo_data import adolescent, discharged, grief, late_life, risk, role_dispute

MODULES = (discharged, role_dispute, adolescent, late_life, grief, risk)
