"""Page furniture shared by every document: letterhead, footer, "Page X of Y", metadata.

The letterhead is measured before the build so the frame starts below it however many lines
the practice address or a long client name take (nothing is clipped or overlapped). "Page X of
Y" needs the total, which is only known at the end, so a canvas subclass keeps each page's
state and stamps the numbers when the document is saved (the classic two-pass "canvasmaker").
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from ipt_desktop import APP_NAME, __version__
from ipt_desktop.reports.fonts import BOLD, REGULAR, register_fonts
from ipt_desktop.reports.inputs import ReportInputs
from ipt_desktop.reports.styles import MUTED, RULE, Styles, make_styles
from ipt_desktop.reports.text import date_label, escape

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
SIDE_MARGIN = 18 * mm
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 20 * mm  # room for the two-line footer
HEADER_GAP = 5 * mm
CONFIDENTIAL = "Confidential \u2014 contains protected health information"


class Letterhead:
    """Practice details on the left, the client on the right, a rule underneath."""

    def __init__(self, inputs: ReportInputs, styles: Styles, width: float):
        practice, client = inputs.practice, inputs.client
        name = practice.practice_name or practice.therapist_name or APP_NAME
        therapist = ", ".join(p for p in (practice.therapist_name, practice.credentials) if p.strip())
        contact = " \u00b7 ".join(p for p in (
            f"Tel. {practice.phone}" if practice.phone.strip() else "",
            f"Licence no. {practice.licence_number}" if practice.licence_number.strip() else "") if p)
        address = ", ".join(line.strip() for line in practice.address.splitlines() if line.strip())
        self.left = [Paragraph(escape(name), styles.letter_name)]
        for line in (therapist, address, contact):
            if line:
                self.left.append(Paragraph(escape(line), styles.letter_line))
        self.right = [
            Paragraph("Client", styles.letter_right),
            Paragraph(escape(client.full_name), styles.letter_client),
            Paragraph(f"Date of birth: {date_label(client.date_of_birth)}", styles.letter_right),
        ]
        self.width = width
        self.left_width = width * 0.6
        self.right_width = width * 0.38
        self.height = max(self._wrap(self.left, self.left_width), self._wrap(self.right, self.right_width))

    @staticmethod
    def _wrap(paragraphs: Sequence[Paragraph], width: float) -> float:
        return sum(p.wrap(width, 10_000)[1] for p in paragraphs)

    def draw(self, canvas: Canvas, x: float, top: float) -> None:
        for paragraphs, left, width in ((self.left, x, self.left_width),
                                        (self.right, x + self.width - self.right_width, self.right_width)):
            y = top
            for p in paragraphs:
                _, h = p.wrap(width, 10_000)
                y -= h
                p.drawOn(canvas, left, y)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        rule_y = top - self.height - 2 * mm
        canvas.line(x, rule_y, x + self.width, rule_y)


def _numbered_canvas(page_width: float, right_x: float, y: float) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Defers each page so "Page X of Y" can be stamped once Y is known."""

        def __init__(self, *args, **kwargs):
            Canvas.__init__(self, *args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(BOLD, 8)
                self.setFillColor(MUTED)
                self.drawRightString(right_x, y, f"Page {number} of {total}")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def build_pdf(inputs: ReportInputs, *, title: str, story: Callable[[Styles, float, float], list[Flowable]],
              invariant: bool = False) -> bytes:
    """Lay out ``story(styles, frame_width, frame_height)`` on letterhead pages and return the PDF bytes.

    ``invariant=True`` fixes the creation date and document /ID so the same inputs give
    byte-identical output (tests, reproducible archives).
    """
    register_fonts()
    styles = make_styles()
    page_width, page_height = PAGE_SIZES[inputs.page_size]
    frame_width = page_width - 2 * SIDE_MARGIN
    letterhead = Letterhead(inputs, styles, frame_width)
    top_margin = TOP_MARGIN + letterhead.height + 2 * mm + HEADER_GAP
    generated = f"Generated {date_label(inputs.generated_on)}"
    footer_y = BOTTOM_MARGIN - 11 * mm

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        letterhead.draw(canvas, SIDE_MARGIN, page_height - TOP_MARGIN)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(SIDE_MARGIN, footer_y + 10, page_width - SIDE_MARGIN, footer_y + 10)
        canvas.setFillColor(MUTED)
        canvas.setFont(BOLD, 8)
        canvas.drawString(SIDE_MARGIN, footer_y, CONFIDENTIAL)
        canvas.setFont(REGULAR, 8)
        canvas.drawString(SIDE_MARGIN, footer_y - 10, f"{title} \u00b7 {generated}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(page_width, page_height), leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
        topMargin=top_margin, bottomMargin=BOTTOM_MARGIN,
        title=f"{title} \u2014 {inputs.client.full_name}", author=inputs.practice.therapist_name,
        subject=title, creator=f"{APP_NAME} {__version__}", producer=f"{APP_NAME} (ReportLab)",
        invariant=1 if invariant else 0, initialFontName=REGULAR)
    frame = Frame(SIDE_MARGIN, BOTTOM_MARGIN, frame_width, page_height - top_margin - BOTTOM_MARGIN,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(story(styles, frame_width, frame.height),
              canvasmaker=_numbered_canvas(page_width, page_width - SIDE_MARGIN, footer_y))
    return buffer.getvalue()
