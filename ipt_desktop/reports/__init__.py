"""Printable PDF reports: plain dataclasses in (``reports.inputs``), PDF bytes out.

Kept light on purpose: ReportLab is imported only when a report is actually rendered, so the
application's start-up never pays for it.

    from ipt_desktop.reports import render
    from ipt_desktop.reports.inputs import SessionNoteInputs
    pdf = render("session", SessionNoteInputs(practice=..., client=..., episode=...,
                                              session_number=3, generated_on="2026-11-25"))
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ipt_desktop.reports.inputs import (
        DischargeSummaryInputs, InventorySheetInputs, ProgressReportInputs, ReportInputs,
        SessionNoteInputs,
    )

# kind -> (module, function); each module imports ReportLab at import time.
_RENDERERS = {
    "session": ("session_note", "render_session_note"),
    "progress": ("progress_report", "render_progress_report"),
    "discharge": ("discharge_summary", "render_discharge_summary"),
    "inventory": ("inventory_sheet", "render_inventory_sheet"),
}
KINDS = tuple(_RENDERERS)


def render(kind: str, inputs: ReportInputs, *, invariant: bool = False) -> bytes:
    """The PDF for ``kind`` ("session" | "progress" | "discharge" | "inventory") as bytes.

    ``inputs`` must be the matching class from ``reports.inputs``; ``invariant=True`` gives
    byte-identical output for identical inputs (fixed creation date and /ID).
    """
    from ipt_desktop.reports.inputs import INPUT_TYPES

    if kind not in _RENDERERS:
        raise ValueError(f"unknown report kind {kind!r}; expected one of {', '.join(KINDS)}")
    expected = INPUT_TYPES[kind]
    if not isinstance(inputs, expected):
        raise TypeError(f"a {kind} report needs {expected.__name__}, got {type(inputs).__name__}")
    module, function = _RENDERERS[kind]
    return getattr(import_module(f"ipt_desktop.reports.{module}"), function)(inputs, invariant=invariant)


def render_session_note(inputs: SessionNoteInputs, *, invariant: bool = False) -> bytes:
    return render("session", inputs, invariant=invariant)


def render_progress_report(inputs: ProgressReportInputs, *, invariant: bool = False) -> bytes:
    return render("progress", inputs, invariant=invariant)


def render_discharge_summary(inputs: DischargeSummaryInputs, *, invariant: bool = False) -> bytes:
    return render("discharge", inputs, invariant=invariant)


def render_inventory_sheet(inputs: InventorySheetInputs, *, invariant: bool = False) -> bytes:
    return render("inventory", inputs, invariant=invariant)
