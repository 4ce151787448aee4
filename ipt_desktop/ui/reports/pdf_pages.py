"""PDF bytes -> page images (pypdfium2), and page images onto a printer.

Qt cannot print or show a PDF file by itself, so both the preview and printing rasterise the
pages with PDFium. pypdfium2 is imported lazily (only when a report is first shown) and every
call into it holds ``PDFIUM_LOCK``: PDFium is not thread-safe, and the preview renders on a
worker thread while printing renders on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

PDFIUM_LOCK = threading.Lock()
PREVIEW_DPI = 144  # sharp at fit-width on a normal screen; scaled by the device pixel ratio
MAX_PRINT_DPI = 300  # enough for text on paper; 600-1200 dpi printers would need 100+ MB a page
POINTS_PER_INCH = 72.0


class PrintFailed(Exception):
    """The printer could not be started or a page could not be drawn (message for people)."""


def _pdfium():
    import pypdfium2  # noqa: PLC0415 - lazy: only loaded when a report is shown or printed

    return pypdfium2


def page_count(pdf: bytes) -> int:
    with PDFIUM_LOCK:
        document = _pdfium().PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def page_size_points(pdf: bytes) -> tuple[float, float]:
    """(width, height) of the first page in points; every report page has the same size."""
    with PDFIUM_LOCK:
        document = _pdfium().PdfDocument(pdf)
        try:
            page = document[0]
            try:
                width, height = page.get_size()
            finally:
                page.close()
            return float(width), float(height)
        finally:
            document.close()


def _render_page(document, index: int, dpi: float) -> QImage:
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    page = document[index]
    try:
        # BGRx with reversed byte order is RGBX in memory: QImage reads it without a conversion.
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                             rev_byteorder=True)
        try:
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888)
            # copy(): the QImage must own its pixels before PDFium frees the bitmap.
            return image.copy()
        finally:
            bitmap.close()
    finally:
        page.close()


def iter_page_images(pdf: bytes, dpi: float, pages: range | None = None) -> Iterator[QImage]:
    """Each page (or each page in ``pages``, 0-based) as an image at ``dpi``, one at a time.

    Pages are rendered lazily so printing a long report holds one page in memory, not all.
    QImage (unlike QPixmap) may be created on a worker thread.
    """
    with PDFIUM_LOCK:
        document = _pdfium().PdfDocument(pdf)
        count = len(document)
    try:
        for index in pages if pages is not None else range(count):
            if not 0 <= index < count:
                continue
            with PDFIUM_LOCK:
                image = _render_page(document, index, dpi)
            yield image
    finally:
        with PDFIUM_LOCK:
            document.close()


def render_page_images(pdf: bytes, dpi: float = PREVIEW_DPI) -> list[QImage]:
    return list(iter_page_images(pdf, dpi))


def prepare_printer(printer: QPrinter, pdf: bytes) -> None:
    """Default the printer's paper to the report's own page size (A4 or Letter) before the dialog."""
    width, height = page_size_points(pdf)
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait if height >= width
                               else QPageLayout.Orientation.Landscape)
    # The report has its own margins: ask for none and let the printer's hardware margins apply.
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setDocName("IPT Desktop report")


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint the PDF's pages onto ``printer`` (already set up, e.g. by QPrintDialog).

    Honours a page range chosen in the dialog. Each page is rendered at the printer's
    resolution (capped at MAX_PRINT_DPI) and scaled to fit the printable area, keeping its
    proportions. Returns the number of pages sent; raises PrintFailed.
    """
    total = page_count(pdf)
    pages = range(total)
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or total, total)
        pages = range(first - 1, last)
    if not pages:
        raise PrintFailed("The chosen page range is outside this report "
                          f"({total} page{'s' if total != 1 else ''}).")
    dpi = min(float(printer.resolution()), float(MAX_PRINT_DPI))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("The printer could not be started. Check that it is connected and try again.")
    sent = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        area = QRectF(0, 0, printer.width(), printer.height())  # the printable area, device pixels
        for image in iter_page_images(pdf, dpi, pages):
            if sent and not printer.newPage():
                raise PrintFailed("The printer did not accept the next page.")
            painter.drawImage(_fit(area, image.width(), image.height()), image)
            sent += 1
    finally:
        painter.end()
    return sent


def _fit(area: QRectF, width: int, height: int) -> QRectF:
    """The largest rectangle with the image's proportions inside ``area``, centred."""
    scale = min(area.width() / width, area.height() / height)
    fitted = QSizeF(width * scale, height * scale)
    left = area.left() + (area.width() - fitted.width()) / 2
    top = area.top() + (area.height() - fitted.height()) / 2
    return QRectF(left, top, fitted.width(), fitted.height())
