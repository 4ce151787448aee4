"""Paragraph styles and colours shared by the four documents."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ipt_desktop.reports.fonts import BOLD, REGULAR

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5b6470")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#b8c2cc")
ZEBRA = colors.HexColor("#f3f5f8")
HEADER_FILL = colors.HexColor("#e4eaf1")
ALERT = colors.HexColor("#b00020")
ALERT_FILL = colors.HexColor("#fdecee")
OK = colors.HexColor("#1e6b3a")

BASE_SIZE = 9.5


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    alert: ParagraphStyle
    alert_title: ParagraphStyle
    letter_name: ParagraphStyle
    letter_line: ParagraphStyle
    letter_right: ParagraphStyle
    letter_client: ParagraphStyle


def make_styles() -> Styles:
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=BASE_SIZE, leading=BASE_SIZE * 1.35, textColor=INK,
        alignment=TA_LEFT, spaceAfter=4, splitLongWords=1, allowWidows=0, allowOrphans=0)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, spaceAfter=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0)
    return Styles(
        body=body,
        small=small,
        muted=ParagraphStyle("muted", parent=small, textColor=MUTED),
        label=ParagraphStyle("label", parent=cell, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD, textColor=INK),
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20,
                             textColor=ACCENT, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=body, textColor=MUTED, spaceAfter=8),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=11, leading=14,
                               textColor=ACCENT, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        subheading=ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=9.5,
                                  spaceBefore=6, spaceAfter=2, keepWithNext=1),
        alert=ParagraphStyle("alert", parent=body, textColor=INK, spaceAfter=0),
        alert_title=ParagraphStyle("alert_title", parent=body, fontName=BOLD, textColor=ALERT,
                                   spaceAfter=2),
        letter_name=ParagraphStyle("letter_name", parent=body, fontName=BOLD, fontSize=13,
                                   leading=16, textColor=ACCENT, spaceAfter=0),
        letter_line=ParagraphStyle("letter_line", parent=small, textColor=MUTED),
        letter_right=ParagraphStyle("letter_right", parent=small, textColor=MUTED, alignment=TA_RIGHT),
        letter_client=ParagraphStyle("letter_client", parent=body, fontName=BOLD, fontSize=10.5,
                                     leading=13, alignment=TA_RIGHT, spaceAfter=0),
    )

