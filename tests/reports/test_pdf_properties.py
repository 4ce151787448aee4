"""Properties every report shares: embedded fonts, page size, metadata, reproducibility, light import."""

from __future__ import annotations

import subprocess
import sys

import pypdfium2 as pdfium
import pytest

from ipt_desktop.reports import KINDS, render
from ipt_desktop.reports.inputs import ProgressReportInputs

from .helpers import make_inputs, pdf_for, reader


def fonts_of(pdf: bytes) -> dict[str, object]:
    found = {}
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_only_embedded_dejavu_fonts(kind):
    fonts = fonts_of(pdf_for(kind))
    assert fonts
    for name, font in fonts.items():
        assert "DejaVuSans" in name, name  # no unembedded Helvetica fallback anywhere
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("size, expected", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size_and_rendering(kind, size, expected):
    pdf = pdf_for(kind, page_size=size)
    box = reader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == expected
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=0.5).to_pil()
    assert image.convert("L").getextrema()[0] < 100  # something dark was drawn


def test_metadata_names_document_client_and_author():
    meta = reader(pdf_for("session")).metadata
    assert meta.title == "Session note — Zoë Ñúñez-O'Brien"
    assert meta.author == "Dr Aurélie Brønstad"


def test_invariant_output_is_byte_identical():
    inputs = make_inputs("progress")
    assert render("progress", inputs, invariant=True) == render("progress", inputs, invariant=True)


def test_render_checks_kind_and_inputs():
    with pytest.raises(ValueError, match="unknown report kind"):
        render("letter", make_inputs("progress"))
    with pytest.raises(TypeError, match="SessionNoteInputs"):
        render("session", make_inputs("progress"))
    with pytest.raises(ValueError, match="session 99"):
        make_inputs("session", session_number=99)
    with pytest.raises(ValueError, match="page size"):
        make_inputs("progress", page_size="A5")
    assert isinstance(make_inputs("progress"), ProgressReportInputs)


def test_importing_reports_does_not_load_reportlab():
    code = ("import sys, ipt_desktop.reports, ipt_desktop.reports.inputs; "
            "print('reportlab' in ''.join(m.split('.')[0] + ' ' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_first_pages_render_to_images(tmp_path):
    from PIL import Image

    from .doc_images import write_page_images

    for path in write_page_images(tmp_path, scale=0.5):
        with Image.open(path) as image:
            assert image.width > 250 and image.convert("L").getextrema()[0] < 100
