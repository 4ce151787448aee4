"""Interpersonal inventory sheet: the circle names everyone without overlaps; the table is full."""

from __future__ import annotations

import dataclasses
import itertools

from ipt_desktop.domain.inventory_layout import label_box, layout
from ipt_desktop.domain.records import Relationship

from .fixtures import CLIENT, EPISODE
from .helpers import pdf_for, squash, text_of


def test_inventory_sheet_lists_every_relationship():
    text = text_of(pdf_for("inventory"))
    for fact in ("Interpersonal inventory", "Closeness circle", "Marisol Ñúñez", "Łukasz Żółć",
                 "Дмитрий Соколов", "Grandad Seán", "(deceased)", "† Deceased",
                 "Role disputes\n(renegotiation)",
                 "Weekly phone calls", "1 · closest", "3 · less close", "Positives: Warm, practical help",
                 "Changes wanted: Talk without arguing", "Notes: Died in January 2026"):
        assert fact in text, fact
    assert "5. Priya" not in text  # nothing beyond the table row to say about Priya
    # Each name is drawn on the circle and printed in the table and the details.
    assert text.count("Дмитрий Соколов") >= 3
    for label in ("Grief", "Role transitions", "Interpersonal deficits", "No problem area"):
        assert label in text


def crowded_people(count: int) -> tuple[Relationship, ...]:
    names = ["Ана Петровић", "Bartholomew Ó Súilleabháin", "Chloé", "Dmitri", "Eleanor Vance-Whitfield",
             "Farida", "Gökhan", "Hélène", "Ingrid", "Jürgen", "Kwame", "Lúcia", "Mohammed", "Niamh"]
    return tuple(Relationship(id=f"x{i}", name=names[i % len(names)], relationship="Friend",
                              closeness=1 + i % 3, problem_area=None, position=i) for i in range(count))


def test_circle_labels_do_not_overlap_with_many_people():
    from ipt_desktop.reports.circle import GAP, MARKER, ClosenessCircle
    from ipt_desktop.reports.fonts import register_fonts

    register_fonts()
    people = crowded_people(12)
    circle = ClosenessCircle(CLIENT, people, 490, 380)
    r = circle.radius_per_ring
    boxes = []
    for p in layout(people, r, marker_radius=MARKER, label_size=circle.sizes, gap=GAP, y_down=False):
        boxes.append(label_box(p.x, p.y, p.label_anchor, circle.sizes[p.relationship_id], MARKER, GAP,
                               y_down=False))
        boxes.append((p.x - MARKER, p.y - MARKER, p.x + MARKER, p.y + MARKER))
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # Everything stays inside the drawing.
    half_w = circle.width / 2
    assert all(-half_w <= box[0] and box[2] <= half_w for box in boxes)
    text = text_of(pdf_for("inventory", episode=dataclasses.replace(EPISODE, inventory=people)))
    assert "EleanorVance-Whitfield" in squash(text) and "Ана Петровић" in text


def test_empty_inventory_says_so():
    text = text_of(pdf_for("inventory", episode=dataclasses.replace(EPISODE, inventory=())))
    assert "No people recorded in the inventory yet." in text
