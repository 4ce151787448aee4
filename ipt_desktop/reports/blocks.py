"""Building blocks the four documents share: headings, fact grids, tables, alert box, signature.

Tables never split a row across pages (``splitInRow=0``) so a reader never sees half a row;
the one exception is a row taller than a whole page (a pasted essay in a table cell), which
would otherwise make ReportLab give up, so only then is that table allowed to split inside rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.reports.fonts import REGULAR
from ipt_desktop.reports.styles import (
    ALERT, ALERT_FILL, HEADER_FILL, INK, RULE, ZEBRA, Styles,
)
from ipt_desktop.reports.text import blocks, escape

NOT_RECORDED = "Not recorded"


def heading(text: str, styles: Styles) -> Paragraph:
    """A section heading that stays with the next flowable (use for short sections)."""
    return Paragraph(escape(text), styles.heading)


def section(text: str, styles: Styles, *, keep: float = 60.0) -> list[Flowable]:
    """A heading for a section that may be long (a table, pages of notes).

    A conditional page break keeps the heading with at least ``keep`` points of what follows;
    keepWithNext would instead push a long table or a page-long paragraph, heading and all, to
    the next page and leave a half-empty page behind.
    """
    flowing = ParagraphStyle("heading_flow", parent=styles.heading, keepWithNext=0)
    return [CondPageBreak(styles.heading.leading + styles.heading.spaceBefore + keep),
            Paragraph(escape(text), flowing)]


def title_block(title: str, subtitle: str, styles: Styles) -> list[Flowable]:
    return [Paragraph(escape(title), styles.title), Paragraph(subtitle, styles.subtitle)]


def text_paragraphs(text: str | None, styles: Styles, *, empty: str = NOT_RECORDED) -> list[Flowable]:
    """User text as flowing paragraphs (escaped, line breaks kept); a muted note when empty."""
    parts = blocks(text)
    if not parts:
        return [Paragraph(escape(empty), styles.muted)]
    return [Paragraph(part, styles.body) for part in parts]


def text_section(title: str, text: str | None, styles: Styles, *,
                 empty: str = NOT_RECORDED) -> list[Flowable]:
    """Heading plus flowing text, the heading kept with at least a few lines of it."""
    return [*section(title, styles, keep=4 * styles.body.leading), *text_paragraphs(text, styles, empty=empty)]


def labelled_text(label: str, text: str | None, styles: Styles) -> list[Flowable]:
    """"Label: text" with the label in bold, the first block of text on the same line."""
    parts = blocks(text) or [f'<font color="#5b6470">{NOT_RECORDED}</font>']
    first = Paragraph(f"<b>{escape(label)}:</b> {parts[0]}", styles.body)
    return [first, *(Paragraph(p, styles.body) for p in parts[1:])]


def _row_heights(rows: Sequence[Sequence[Flowable]], widths: Sequence[float]) -> list[float]:
    heights = []
    for row in rows:
        heights.append(max((cell.wrap(w - 8, 100_000)[1] if isinstance(cell, Flowable) else 12)
                           for cell, w in zip(row, widths)) + 6)
    return heights


def _table(rows: list[list[Flowable]], widths: Sequence[float], frame_height: float,
           style: list[tuple], *, repeat_rows: int = 0) -> Table:
    too_tall = any(h > frame_height * 0.9 for h in _row_heights(rows, widths))
    table = Table(rows, colWidths=list(widths), repeatRows=repeat_rows, hAlign="LEFT",
                  splitInRow=1 if too_tall else 0)
    # Plain-string cells would otherwise use Table's default Helvetica (not embedded, Latin-1 only).
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *style]))
    return table


def facts_table(pairs: Sequence[tuple[str, str]], styles: Styles, width: float, frame_height: float,
                *, columns: int = 2) -> Table:
    """Label/value pairs in ``columns`` label-value column pairs; values are Paragraph markup."""
    label_w = width / columns * 0.42
    value_w = width / columns - label_w
    rows: list[list[Flowable]] = []
    for start in range(0, len(pairs), columns):
        row: list[Flowable] = []
        for label, value in pairs[start:start + columns]:
            row += [Paragraph(escape(label), styles.label), Paragraph(value, styles.cell)]
        while len(row) < 2 * columns:
            row.append(Paragraph("", styles.cell))
        rows.append(row)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    return _table(rows, [label_w, value_w] * columns, frame_height, style)


def data_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
               styles: Styles, frame_height: float, *, right: Sequence[int] = (),
               extra_style: Sequence[tuple] = ()) -> Table:
    """A header row plus data rows of Paragraph markup; ``right`` = right-aligned columns."""
    def para(markup: str, column: int) -> Paragraph:
        return Paragraph(markup, styles.cell_right if column in right else styles.cell)

    head_right = ParagraphStyle("cell_head_right", parent=styles.cell_head, alignment=2)
    head = [Paragraph(escape(h), head_right if c in right else styles.cell_head) for c, h in enumerate(header)]
    body = [[para(cell, c) for c, cell in enumerate(row)] for row in rows]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *[("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(body) + 1, 2)],
        *extra_style,
    ]
    return _table([head, *body], widths, frame_height, style, repeat_rows=1)


def alert_box(title: str, lines: Sequence[str], styles: Styles, width: float,
              frame_height: float) -> Table:
    """A red-bordered box for risk: impossible to miss on paper, still legible in greyscale."""
    cells = [[Paragraph(escape(title), styles.alert_title)],
             *[[Paragraph(line, styles.alert)] for line in lines]]
    style = [
        ("BOX", (0, 0), (-1, -1), 1.6, ALERT),
        ("BACKGROUND", (0, 0), (-1, -1), ALERT_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
    ]
    return _table(cells, [width], frame_height, style)


def signature_block(practice: PracticeProfile, styles: Styles, width: float, *,
                    lead: Sequence[Flowable] = ()) -> KeepTogether:
    """Signature and date lines above the therapist's name, credentials and licence number.

    ``lead`` (the document's last section) is kept on the same page where it fits, so the
    signature never sits alone on a final page.
    """
    who = ", ".join(p for p in (practice.therapist_name, practice.credentials) if p.strip())
    licence = f"Licence no. {practice.licence_number}" if practice.licence_number.strip() else ""
    sig_w, gap = width * 0.58, width * 0.06
    rows = [
        [Paragraph("", styles.cell), "", Paragraph("", styles.cell)],
        [Paragraph("Therapist signature", styles.label), "", Paragraph("Date", styles.label)],
        [Paragraph(escape(who) or "&nbsp;", styles.cell), "", Paragraph("", styles.cell)],
        [Paragraph(escape(licence), styles.label), "", Paragraph("", styles.cell)],
    ]
    table = Table(rows, colWidths=[sig_w, gap, width - sig_w - gap], rowHeights=[14 * mm, None, None, None],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LINEBELOW", (0, 0), (0, 0), 0.8, INK), ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return KeepTogether([*lead, Spacer(1, 5 * mm), table])


def spacer(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
