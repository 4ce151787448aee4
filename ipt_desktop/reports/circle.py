"""The closeness circle as vector graphics, using the GUI's placement rules.

Positions come from ``domain.inventory_layout.layout`` with the real label sizes measured in
the PDF font, so no two names overlap and the printed circle matches the screen.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

from ipt_desktop.domain.inventory_layout import RINGS, label_box, layout
from ipt_desktop.domain.problem_areas import AREA_COLOURS, NO_AREA_COLOUR, PROBLEM_AREAS, area_colour
from ipt_desktop.domain.records import Client, Relationship
from ipt_desktop.reports.fonts import BOLD, REGULAR
from ipt_desktop.reports.styles import INK, MUTED, RULE

NAME_SIZE, ROLE_SIZE, LINE = 7.5, 6.5, 8.6
MAX_LABEL = 96.0  # points; longer names are shortened on the circle (the table has them in full)
MARKER, GAP = 4.6, 2.5
LEGEND_HEIGHT = 30.0
DECEASED = "\u2020"  # dagger, the usual genealogical mark
RING_FILLS = ("#eef2f7", "#f4f6f9", "#fafbfc")  # inner ring darkest: closeness reads at a glance


def _fit(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


class ClosenessCircle(Flowable):
    def __init__(self, client: Client, people: tuple[Relationship, ...], width: float, max_height: float):
        super().__init__()
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.client, self.people = client, people
        self.width = width
        self.labels: dict[str, tuple[str, str]] = {}
        self.sizes: dict[str, tuple[float, float]] = {}
        for rel in people:
            shown = (f"{DECEASED} " if rel.deceased else "") + rel.name.strip()
            name = _fit(shown, BOLD, NAME_SIZE, MAX_LABEL)
            role = _fit(rel.relationship.strip(), REGULAR, ROLE_SIZE, MAX_LABEL)
            w = max(stringWidth(name, BOLD, NAME_SIZE), stringWidth(role, REGULAR, ROLE_SIZE) if role else 0)
            self.labels[rel.id] = (name, role)
            self.sizes[rel.id] = (w + 1, 2 * LINE if role else LINE)
        widest = max((w for w, _ in self.sizes.values()), default=40.0)
        # Leave room for a label beside an outer-ring marker on either side, and above/below;
        # the drawing is only as tall as the circle needs (``max_height`` caps it).
        margin = 2 * LINE + MARKER + GAP + 2
        self.radius_per_ring = max(20.0, min((width / 2 - widest - MARKER - GAP - 2) / RINGS,
                                             ((max_height - LEGEND_HEIGHT) / 2 - margin) / RINGS))
        self.height = LEGEND_HEIGHT + 2 * (RINGS * self.radius_per_ring + margin)
        self.centre = (width / 2, LEGEND_HEIGHT + self.height / 2 - LEGEND_HEIGHT / 2)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        cx, cy = self.centre
        r = self.radius_per_ring
        for ring in range(RINGS, 0, -1):
            c.setFillColor(colors.HexColor(RING_FILLS[ring - 1]))
            c.setStrokeColor(RULE)
            c.setLineWidth(0.7)
            c.circle(cx, cy, ring * r, stroke=1, fill=1)
        # The client at the centre: initials inside a disc small enough to stay clear of the
        # inner ring's markers (the layout keeps them at least 0.35 rings from the centre).
        disc = max(MARKER + 1, min(0.35 * r - MARKER - 1.5, 11.0))
        c.setFillColor(INK)
        c.circle(cx, cy, disc, stroke=0, fill=1)
        initials = "".join(part.strip()[:1] for part in (self.client.first_name, self.client.last_name))
        size = 7.5 if disc >= 9 else 5.5
        c.setFillColor(colors.white)
        c.setFont(BOLD, size)
        c.drawCentredString(cx, cy - size * 0.36, initials.upper())

        placements = layout(self.people, r, marker_radius=MARKER, label_size=self.sizes, gap=GAP,
                            y_down=False)
        by_id = {p.id: p for p in self.people}
        for p in placements:
            rel = by_id[p.relationship_id]
            x, y = cx + p.x, cy + p.y
            colour = colors.HexColor(area_colour(rel.problem_area))
            c.setLineWidth(1.4)
            c.setStrokeColor(colour)
            # Deceased: hollow marker (plus the dagger in the label), still in the area colour.
            c.setFillColor(colors.white if rel.deceased else colour)
            c.circle(x, y, MARKER, stroke=1, fill=1)
            left, bottom, right, top = label_box(p.x, p.y, p.label_anchor, self.sizes[rel.id], MARKER, GAP,
                                                 y_down=False)
            name, role = self.labels[rel.id]
            # A pale backing keeps a label legible where it crosses a ring line.
            c.setFillColor(colors.white)
            c.setFillAlpha(0.8)
            c.rect(cx + left - 1, cy + bottom, right - left + 2, top - bottom, stroke=0, fill=1)
            c.setFillAlpha(1)
            align = {"right": "l", "left": "r"}.get(p.label_anchor, "c")
            tx = cx + (left if align == "l" else right if align == "r" else (left + right) / 2)
            ty = cy + top - NAME_SIZE
            self._text(tx, ty, name, BOLD, NAME_SIZE, INK, align)
            if role:
                self._text(tx, ty - LINE, role, REGULAR, ROLE_SIZE, MUTED, align)
        self._legend()

    def _text(self, x: float, y: float, text: str, font: str, size: float, colour, align: str) -> None:
        c = self.canv
        c.setFont(font, size)
        c.setFillColor(colour)
        {"l": c.drawString, "r": c.drawRightString, "c": c.drawCentredString}[align](x, y, text)

    def _legend(self) -> None:
        c = self.canv
        entries = [(AREA_COLOURS[k], label, False) for k, label in PROBLEM_AREAS.items()]
        entries.append((NO_AREA_COLOUR, "No problem area", False))
        if any(p.deceased for p in self.people):
            entries.append((NO_AREA_COLOUR, f"{DECEASED} Deceased", True))
        c.setFont(REGULAR, 7)
        widths = [14 + c.stringWidth(text, REGULAR, 7) + 12 for _, text, _ in entries]
        x = max(0.0, (self.width - sum(widths)) / 2)
        y = 16.0
        for (colour, text, hollow), w in zip(entries, widths):
            if x + w > self.width:  # second row on narrow pages
                x, y = 0.0, y - 11
            c.setStrokeColor(colors.HexColor(colour))
            c.setFillColor(colors.white if hollow else colors.HexColor(colour))
            c.setLineWidth(1.2)
            c.circle(x + 4, y + 2.5, 3.4, stroke=1, fill=1)
            c.setFillColor(MUTED)
            c.drawString(x + 11, y, text)
            x += w
        c.setFont(REGULAR, 6.8)
        c.drawCentredString(self.width / 2, 3, f"{self.client.full_name} at the centre \u00b7 rings from the "
                                               "centre: 1 closest, 2 close, 3 less close")
