"""Document 2: progress report for the current (or chosen) episode."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.episode_stats import attendance, current_phase
from ipt_desktop.domain.problem_areas import area_label
from ipt_desktop.reports import blocks as b
from ipt_desktop.reports import outcomes
from ipt_desktop.reports.facts import protocol_label
from ipt_desktop.reports.inputs import TITLES, ProgressReportInputs
from ipt_desktop.reports.layout import build_pdf
from ipt_desktop.reports.styles import Styles
from ipt_desktop.reports.text import date_label, escape, inline

TITLE = TITLES["progress"]


def phase_text(inputs: ProgressReportInputs) -> str:
    episode = inputs.episode
    try:
        phase = current_phase(episode, inputs.generated_on)
    except ValueError:  # unknown protocol (data from a newer version): say so, do not fail
        return "\u2014"
    if phase is None:
        end = episode.end_date or (episode.discharge.date if episode.discharge else None)
        return f"Treatment ended {date_label(end)}"
    return phase.heading


def story(inputs: ProgressReportInputs, styles: Styles, width: float, frame_height: float) -> list[Flowable]:
    episode = inputs.episode
    counts = attendance(episode)
    subtitle = escape(f"{protocol_label(episode.protocol)} \u00b7 as of {date_label(inputs.generated_on)}")
    flow: list[Flowable] = [*b.title_block(TITLE, subtitle, styles)]
    flow += [b.heading("Episode summary", styles), b.facts_table([
        ("Protocol", escape(protocol_label(episode.protocol))),
        ("Start date", date_label(episode.start_date)),
        ("Sessions attended", f"<b>{counts.attended}</b> of {counts.planned}"),
        ("Cancelled / no-show", f"{counts.cancelled} cancelled, {counts.no_show} no-show"),
        ("Current phase", escape(phase_text(inputs))),
        ("Diagnosis", inline(episode.diagnosis)),
    ], styles, width, frame_height)]
    flow += [b.heading("Formulation and focus", styles), b.facts_table([
        ("Primary problem area", escape(area_label(episode.primary_problem_area))),
        ("Secondary problem area", escape(area_label(episode.secondary_problem_area))),
        ("Chief complaint", inline(episode.chief_complaint)),
        ("Formulation agreed", date_label(episode.formulation_agreed_on)),
    ], styles, width, frame_height), b.spacer(2),
        *b.text_paragraphs(episode.formulation, styles, empty="No formulation recorded yet.")]
    flow += [*b.section("Goals", styles), *outcomes.goals_table(episode, styles, width, frame_height)]
    flow += [*b.section("Rating scales", styles),
             *outcomes.scores_table(episode, styles, width, frame_height)]
    flow += outcomes.trend_charts(episode, styles, width)
    flow += [*b.section("Risk status", styles), *outcomes.risk_section(episode, styles, width, frame_height)]
    return flow


def render_progress_report(inputs: ProgressReportInputs, *, invariant: bool = False) -> bytes:
    return build_pdf(inputs, title=TITLE, invariant=invariant,
                     story=lambda styles, width, height: story(inputs, styles, width, height))
