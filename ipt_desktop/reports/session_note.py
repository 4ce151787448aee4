"""Document 1: the note for one session."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.interventions import intervention_label
from ipt_desktop.domain.problem_areas import area_label
from ipt_desktop.domain.risk import administration_risk_reasons
from ipt_desktop.reports import blocks as b
from ipt_desktop.reports.facts import (
    ideation_label, phase_label, planned_sessions, protocol_label, session_has_risk,
    session_measures, status_label,
)
from ipt_desktop.reports.inputs import TITLES, SessionNoteInputs
from ipt_desktop.reports.layout import build_pdf
from ipt_desktop.reports.styles import Styles
from ipt_desktop.reports.text import (
    date_label, dates_in_text, escape, inline, time_label, weekday_date_label,
)

TITLE = TITLES["session"]


def measures_table(measures, styles: Styles, width: float, frame_height: float) -> Flowable:
    rows = []
    for m in measures:
        risk = ", ".join(f"item {n}" for n in m.risk_items) if m.risk_items else "\u2014"
        rows.append([escape(m.short_name), date_label(m.administration.administered_on),
                     "\u2014" if m.total is None else str(m.total), escape(m.severity), risk])
    widths = [width * f for f in (0.2, 0.2, 0.12, 0.28, 0.2)]
    return b.data_table(["Instrument", "Date", "Total", "Severity", "Risk items"], rows, widths,
                        styles, frame_height, right=(2,),
                        extra_style=[("RIGHTPADDING", (2, 0), (2, -1), 14)])  # air before "Severity"


def story(inputs: SessionNoteInputs, styles: Styles, width: float, frame_height: float) -> list[Flowable]:
    episode, session = inputs.episode, inputs.session
    measures = session_measures(episode, session)
    phase = phase_label(episode, session.number)
    subtitle = escape(" \u00b7 ".join(p for p in (
        f"Session {session.number} of {planned_sessions(episode)}", phase,
        protocol_label(episode.protocol)) if p))
    mood = "\u2014" if session.mood is None else f"{session.mood} / 10"
    flow: list[Flowable] = [
        *b.title_block(f"Session note \u2014 session {session.number}", subtitle, styles),
        b.facts_table([
            ("Date", weekday_date_label(session.scheduled_at)),
            ("Time", time_label(session.scheduled_at)),
            ("Duration", f"{session.duration_minutes} minutes"),
            ("Status", escape(status_label(session.status))),
            ("Focus problem area", escape(area_label(session.focus_problem_area))),
            ("Mood (0\u201310)", mood),
        ], styles, width, frame_height),
    ]
    labels = [intervention_label(k) for k in session.interventions]
    flow += [b.heading("Interventions", styles),
             *b.text_paragraphs(", ".join(labels), styles, empty="None recorded")]
    flow += b.text_section("Session notes", session.notes, styles)
    flow += [b.heading("Homework", styles),
             *b.labelled_text("Reviewed", session.homework_review, styles),
             *b.labelled_text("Assigned", session.homework_assigned, styles)]

    flow += b.section("Risk assessment", styles)
    if session_has_risk(session, measures):
        lines = [f"<b>Suicidal ideation:</b> {escape(ideation_label(session.suicidal_ideation))}"]
        for m in measures:
            lines += [escape(dates_in_text(reason)) + "."
                      for reason in administration_risk_reasons(m.administration)]
        lines.append(f"<b>Risk notes:</b> {inline(session.risk_notes)}")
        flow.append(b.alert_box("Risk alert \u2014 review the safety plan", lines, styles, width,
                                frame_height))
    else:
        flow += [*b.labelled_text("Suicidal ideation", ideation_label(session.suicidal_ideation), styles),
                 *b.labelled_text("Risk notes", session.risk_notes, styles)]

    given: list[Flowable] = [b.heading("Measures given in this session", styles)]
    if measures:
        given.append(measures_table(measures, styles, width, frame_height))
    else:
        given += b.text_paragraphs("", styles, empty="No measures recorded for this session.")
    flow.append(b.signature_block(inputs.practice, styles, width, lead=given))
    return flow


def render_session_note(inputs: SessionNoteInputs, *, invariant: bool = False) -> bytes:
    return build_pdf(inputs, title=TITLE, invariant=invariant,
                     story=lambda styles, width, height: story(inputs, styles, width, height))
