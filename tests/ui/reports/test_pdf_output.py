"""PDF pages to images and onto a printer; saved and viewer files (no window needed)."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtPrintSupport import QPrinter

from ipt_desktop.reports import render
from ipt_desktop.services.demo_data import discharged
from ipt_desktop.services.reports import report_inputs
from ipt_desktop.ui.reports import pdf_pages
from ipt_desktop.ui.reports.files import LOCK_NAME, ViewerFiles, WriteFailed, report_filename, save_pdf


@pytest.fixture
def progress_pdf(demo_ctx) -> bytes:
    inputs = report_inputs(demo_ctx.practice, kind="progress", client_id=discharged.CLIENT_ID)
    return render("progress", inputs)


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_page_images_match_the_pdf(progress_pdf):
    count = len(PdfReader(io.BytesIO(progress_pdf)).pages)
    images = pdf_pages.render_page_images(progress_pdf, dpi=72)
    assert len(images) == count == pdf_pages.page_count(progress_pdf)
    width, height = pdf_pages.page_size_points(progress_pdf)
    assert abs(images[0].width() - width) <= 1 and abs(images[0].height() - height) <= 1
    # Not a blank page: the letterhead and text darken some pixels.
    assert any(images[0].pixelColor(x, y).lightness() < 128 for x in range(0, images[0].width(), 4)
               for y in range(0, 200, 4))


def test_printing_a_page_range(progress_pdf, tmp_path):
    count = pdf_pages.page_count(progress_pdf)
    assert count >= 2
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    pdf_pages.prepare_printer(printer, progress_pdf)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, count)
    assert pdf_pages.print_pdf(progress_pdf, printer) == count - 1
    assert len(PdfReader(str(out)).pages) == count - 1


def test_a_page_range_outside_the_report_is_refused_in_a_sentence(progress_pdf, tmp_path):
    printer = pdf_printer(tmp_path / "none.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(40, 45)
    with pytest.raises(pdf_pages.PrintFailed, match="outside this report"):
        pdf_pages.print_pdf(progress_pdf, printer)


def test_fit_keeps_proportions_and_centres():
    rect = pdf_pages._fit(QRectF(0, 0, 1000, 1000), 500, 1000)
    assert (rect.width(), rect.height(), rect.left(), rect.top()) == (500, 1000, 250, 0)


def test_save_pdf_adds_the_suffix_and_leaves_nothing_when_the_audit_fails(tmp_path):
    saved = save_pdf(tmp_path / "note", b"%PDF-1.4 test")
    assert saved.name == "note.pdf" and saved.read_bytes() == b"%PDF-1.4 test"

    def audit_fails() -> None:
        raise RuntimeError("audit trail not writable")

    with pytest.raises(RuntimeError):
        save_pdf(tmp_path / "other.pdf", b"%PDF", before_commit=audit_fails)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.pdf"]
    with pytest.raises(WriteFailed, match="could not be"):
        save_pdf(tmp_path / "no-such-folder" / "x.pdf", b"%PDF")


def test_report_filename():
    assert report_filename("Søren", "Lindqvist", "session", "2026-11-25", 3) == \
        "Lindqvist-Søren-session-note-3-2026-11-25.pdf"
    assert report_filename("", "", "inventory", "2026-11-25") == \
        "client-interpersonal-inventory-2026-11-25.pdf"


def test_viewer_copies_are_private_and_removed(tmp_path):
    files = ViewerFiles(tmp_path / "viewer")
    first = files.write("a.pdf", b"%PDF one")
    second = files.write("a.pdf", b"%PDF two")
    assert first != second and second.name == "a-2.pdf"
    if sys.platform != "win32":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "viewer").stat().st_mode) == 0o700
    folder = files.directory
    files.remove_all()
    assert not folder.exists()


def test_a_crashed_apps_copies_are_swept_at_the_next_start_but_a_running_apps_are_kept(tmp_path):
    root = tmp_path / "viewer"
    running = ViewerFiles(root)
    kept = running.write("open.pdf", b"%PDF")
    # A folder locked by a process that has since died (its pid is recorded in the lock file).
    script = (f"import pathlib, os\n"
              f"from PySide6.QtCore import QLockFile\n"
              f"d = pathlib.Path({str(root / 'crashed')!r}); d.mkdir()\n"
              f"(d / 'left.pdf').write_bytes(b'%PDF')\n"
              f"lock = QLockFile(str(d / {LOCK_NAME!r})); assert lock.tryLock(0)\n"
              f"os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script], check=True, env={**os.environ})
    assert (root / "crashed" / "left.pdf").exists()
    ViewerFiles(root)  # the next start
    assert not (root / "crashed").exists()
    assert kept.exists()
    running.remove_all()
