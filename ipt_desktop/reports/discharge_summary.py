"""Document 3: discharge summary of an ended episode."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.episode_stats import attendance, first_attended_date, last_attended_date
from ipt_desktop.domain.problem_areas import area_label
from ipt_desktop.reports import blocks as b
from ipt_desktop.reports import outcomes
from ipt_desktop.reports.facts import DISCHARGE_REASON_LABELS, protocol_label
from ipt_desktop.reports.inputs import TITLES, DischargeSummaryInputs
from ipt_desktop.reports.layout import build_pdf
from ipt_desktop.reports.styles import Styles
from ipt_desktop.reports.text import date_label, escape, inline

TITLE = TITLES["discharge"]


def story(inputs: DischargeSummaryInputs, styles: Styles, width: float,
          frame_height: float) -> list[Flowable]:
    episode = inputs.episode
    discharge = episode.discharge
    assert discharge is not None  # DischargeSummaryInputs checks this on construction
    counts = attendance(episode)
    first, last = first_attended_date(episode), last_attended_date(episode)
    dates = f"{date_label(first)} to {date_label(last)}" if first else "No session attended"
    subtitle = escape(f"{protocol_label(episode.protocol)} \u00b7 discharged {date_label(discharge.date)}")
    flow: list[Flowable] = [*b.title_block(TITLE, subtitle, styles)]
    flow += [b.heading("Treatment", styles), b.facts_table([
        ("Treatment dates", dates),
        ("Protocol", escape(protocol_label(episode.protocol))),
        ("Sessions attended", f"<b>{counts.attended}</b> of {counts.planned} planned"),
        ("Cancelled / no-show", f"{counts.cancelled} cancelled, {counts.no_show} no-show"),
        ("Discharge date", date_label(discharge.date)),
        ("Reason for discharge", escape(DISCHARGE_REASON_LABELS.get(discharge.reason, discharge.reason))),
        ("Diagnosis", inline(episode.diagnosis)),
        ("Chief complaint", inline(episode.chief_complaint)),
    ], styles, width, frame_height)]
    areas = "; ".join(f"{area_label(k)} ({role})" for k, role in (
        (episode.primary_problem_area, "primary"), (episode.secondary_problem_area, "secondary")) if k)
    flow += [b.heading("Problem areas and formulation", styles),
             *b.labelled_text("Problem area(s)", areas, styles),
             *b.text_paragraphs(episode.formulation, styles, empty="No formulation recorded.")]
    flow += [*b.section("Goals outcome", styles), *outcomes.goals_table(episode, styles, width, frame_height)]
    flow += [*b.section("Outcome measures", styles),
             *outcomes.scores_table(episode, styles, width, frame_height, latest_heading="Final")]
    flow += outcomes.trend_charts(episode, styles, width)
    flow += b.text_section("Summary", discharge.summary, styles)
    flow += b.text_section("Relapse warning signs", discharge.warning_signs, styles)
    flow.append(b.signature_block(inputs.practice, styles, width, lead=b.text_section(
        "Recommendations and maintenance", discharge.recommendations, styles)))
    return flow


def render_discharge_summary(inputs: DischargeSummaryInputs, *, invariant: bool = False) -> bytes:
    return build_pdf(inputs, title=TITLE, invariant=invariant,
                     story=lambda styles, width, height: story(inputs, styles, width, height))
