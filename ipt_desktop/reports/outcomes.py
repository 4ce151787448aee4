"""Sections the progress report and the discharge summary share: goals, scores, charts, risk."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph
from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.measures import get_instrument, severity
from ipt_desktop.domain.problem_areas import area_label
from ipt_desktop.domain.progress import (
    STATUS_REMISSION, STATUS_RESPONSE, episode_progress, goal_progress, main_instrument,
)
from ipt_desktop.domain.records import Episode
from ipt_desktop.domain.risk import episode_risk
from ipt_desktop.reports import blocks as b
from ipt_desktop.reports.chart import TrendChart
from ipt_desktop.reports.facts import ideation_label
from ipt_desktop.reports.styles import OK, Styles
from ipt_desktop.reports.text import date_label, dates_in_text, escape, inline, percent_label, signed

def goals_table(episode: Episode, styles: Styles, width: float, frame_height: float) -> list[Flowable]:
    if not episode.goals:
        return b.text_paragraphs("", styles, empty="No goals recorded.")
    rows = []
    for n, goal in enumerate(sorted(episode.goals, key=lambda g: g.position), start=1):
        first, latest = goal_progress(goal)
        rating = lambda r: "\u2014" if r is None else (  # noqa: E731
            f'<b>{r.value}</b>/10<br/><font size="7.5" color="#5b6470">{date_label(r.date)}</font>')
        rated_twice = first is not None and latest is not None and first is not latest
        change = signed(latest.value - first.value) if rated_twice else "\u2014"
        rows.append([str(n), inline(goal.description), escape(area_label(goal.problem_area)),
                     rating(first), rating(latest), change])
    widths = [width * f for f in (0.05, 0.35, 0.16, 0.17, 0.17, 0.10)]
    return [b.data_table(["#", "Goal", "Problem area", "First rating", "Latest rating", "Change"],
                         rows, widths, styles, frame_height, right=(5,))]


def _status_markup(status: str) -> str:
    colour = OK.hexval()[2:] if status in (STATUS_REMISSION, STATUS_RESPONSE) else None
    return f'<font color="#{colour}"><b>{escape(status)}</b></font>' if colour else f"<b>{escape(status)}</b>"


def scores_table(episode: Episode, styles: Styles, width: float, frame_height: float, *,
                 latest_heading: str = "Latest") -> list[Flowable]:
    """Per instrument: baseline and latest (or final) total with severity, change, status."""
    progress = episode_progress(episode)
    if not progress:
        return b.text_paragraphs("", styles, empty="No rating scales recorded.")
    rows = []
    for key, p in progress.items():
        name = get_instrument(key).short_name
        base_band, last_band = severity(key, p.baseline_total).label, severity(key, p.latest_total).label
        rows.append([
            f"<b>{escape(name)}</b>",
            f"<b>{p.baseline_total}</b> {escape(base_band)}<br/>"
            f'<font size="7.5" color="#5b6470">{date_label(p.baseline.administered_on)}</font>',
            f"<b>{p.latest_total}</b> {escape(last_band)}<br/>"
            f'<font size="7.5" color="#5b6470">{date_label(p.latest.administered_on)}</font>',
            f"{signed(p.change_points)} points<br/>{percent_label(p.change_percent)}",
            _status_markup(p.status),
        ])
    widths = [width * f for f in (0.14, 0.26, 0.26, 0.15, 0.19)]
    return [b.data_table(["Instrument", "Baseline", latest_heading, "Change", "Status"],
                         rows, widths, styles, frame_height)]


def trend_charts(episode: Episode, styles: Styles, width: float, *, title: str = "Trend",
                 main_only: bool = False) -> list[Flowable]:
    """One chart per instrument (headline instrument first), each kept whole on a page.

    The section heading goes inside the first chart's KeepTogether: ReportLab's keepWithNext
    does not bind a heading to a following KeepTogether, which left "Trend" orphaned.
    """
    progress = episode_progress(episode)
    if not progress:
        return [b.heading(title, styles), *b.text_paragraphs("", styles, empty="No scores to chart yet.")]
    main = main_instrument(episode)
    keys = sorted(progress, key=lambda k: k != main)
    if main_only:
        keys = keys[:1]
    flow: list[Flowable] = []
    for key in keys:
        instrument = get_instrument(key)
        caption = f"{instrument.name} ({instrument.short_name})"
        head = [] if flow else [b.heading(title, styles)]
        flow.append(KeepTogether([*head, Paragraph(escape(caption), styles.subheading),
                                  TrendChart(episode, key, width)]))
    return flow


def risk_section(episode: Episode, styles: Styles, width: float, frame_height: float) -> list[Flowable]:
    """The current flag from domain.risk: a red box listing the evidence, or a plain statement."""
    status = episode_risk(episode)
    attended = [s for s in episode.sessions if s.status == "attended"]
    latest = max(attended, key=lambda s: (s.scheduled_at, s.number)) if attended else None
    ideation = (f"Suicidal ideation at the latest session (session {latest.number}, "
                f"{date_label(latest.scheduled_at)}): {escape(ideation_label(latest.suicidal_ideation))}."
                if latest else "No session attended yet.")
    if status.flagged:
        lines = [escape(dates_in_text(r)) + "." for r in status.reasons]
        if latest and latest.risk_notes.strip():
            lines.append(f"<b>Latest risk notes:</b> {inline(latest.risk_notes)}")
        return [b.alert_box("Current risk flag", lines, styles, width, frame_height)]
    return [Paragraph(f'<font color="#{OK.hexval()[2:]}"><b>No current risk flag</b></font> in the latest '
                      "rating-scale answers or the latest session note.", styles.body),
            Paragraph(ideation, styles.body)]

