"""Document 4: the interpersonal inventory: closeness circle and the full relationship table."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph
from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.problem_areas import area_label, dispute_stage_label
from ipt_desktop.domain.records import Relationship
from ipt_desktop.reports import blocks as b
from ipt_desktop.reports.circle import DECEASED, ClosenessCircle
from ipt_desktop.reports.facts import protocol_label
from ipt_desktop.reports.inputs import TITLES, InventorySheetInputs
from ipt_desktop.reports.layout import build_pdf
from ipt_desktop.reports.styles import Styles
from ipt_desktop.reports.text import blocks, date_label, escape, inline

TITLE = TITLES["inventory"]
RING_LABELS = {1: "1 \u00b7 closest", 2: "2 \u00b7 close", 3: "3 \u00b7 less close"}
DETAIL_FIELDS = (("positives", "Positives"), ("negatives", "Negatives"),
                 ("expectations", "Expectations"), ("desired_changes", "Changes wanted"),
                 ("notes", "Notes"))


def _area(rel: Relationship) -> str:
    text = escape(area_label(rel.problem_area))
    if rel.problem_area == "role_dispute" and rel.dispute_stage:
        text += f"<br/>({escape(dispute_stage_label(rel.dispute_stage).lower())})"
    return text


def overview_table(people: list[Relationship], styles: Styles, width: float, frame_height: float) -> Flowable:
    rows = []
    for n, rel in enumerate(people, start=1):
        name = f"<b>{escape(rel.name)}</b>" + (f" {DECEASED}<br/>(deceased)" if rel.deceased else "")
        ring = RING_LABELS.get(rel.closeness, str(rel.closeness))
        rows.append([str(n), name, inline(rel.relationship), ring, _area(rel), inline(rel.contact)])
    widths = [width * f for f in (0.05, 0.22, 0.17, 0.14, 0.19, 0.23)]
    return b.data_table(["#", "Name", "Relationship", "Ring", "Problem area", "Contact"],
                        rows, widths, styles, frame_height)


def details(people: list[Relationship], styles: Styles, title: str) -> list[Flowable]:
    """Per person, the qualities of the relationship as labelled paragraphs that may flow.

    Paragraphs rather than table cells: a long description then continues on the next page
    instead of forcing a table row to split or overflow.
    """
    flow: list[Flowable] = []
    for n, rel in enumerate(people, start=1):
        body: list[Flowable] = []
        for field, label in DETAIL_FIELDS:
            if blocks(getattr(rel, field)):
                body += b.labelled_text(label, getattr(rel, field), styles)
        if not body:
            continue  # the table row already says everything recorded about this person
        head = Paragraph(f"{n}. {escape(rel.name)} \u2014 {escape(rel.relationship or '')}".rstrip(" \u2014"),
                         styles.subheading)
        # The section heading rides in the first person's KeepTogether so it is never orphaned.
        flow.append(KeepTogether([*([] if flow else [b.heading(title, styles)]), head, *body]))
    return flow


def story(inputs: InventorySheetInputs, styles: Styles, width: float, frame_height: float) -> list[Flowable]:
    episode = inputs.episode
    people = sorted(episode.inventory, key=lambda r: (r.position, r.name))
    subtitle = escape(f"{protocol_label(episode.protocol)} \u00b7 episode from "
                      f"{date_label(episode.start_date)}")
    flow: list[Flowable] = [*b.title_block(TITLE, subtitle, styles)]
    if not people:
        return flow + b.text_paragraphs("", styles, empty="No people recorded in the inventory yet.")
    circle_h = min(width * 0.8, frame_height - 40 * mm)
    flow += [KeepTogether([b.heading("Closeness circle", styles),
                           ClosenessCircle(inputs.client, tuple(people), width, circle_h)])]
    flow += [*b.section("Relationships", styles), overview_table(people, styles, width, frame_height)]
    flow += details(people, styles, "About each relationship")
    return flow


def render_inventory_sheet(inputs: InventorySheetInputs, *, invariant: bool = False) -> bytes:
    return build_pdf(inputs, title=TITLE, invariant=invariant,
                     story=lambda styles, width, height: story(inputs, styles, width, height))
