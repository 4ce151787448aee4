"""Render a report off the GUI thread.

The worker gets frozen inputs read on the GUI thread (``services.reports.report_inputs``) and
never touches the database: it only runs ReportLab (``reports.render``) and PDFium (page
images for the preview). The result comes back through a queued signal carrying the request's
token, so a result for a client or document the therapist has since left is ignored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QImage

from ipt_desktop.reports.inputs import ReportInputs
from ipt_desktop.ui.reports.pdf_pages import PREVIEW_DPI, render_page_images

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedReport:
    kind: str
    client_id: str
    episode_id: str
    pdf: bytes
    pages: tuple[QImage, ...]  # preview images at ``dpi``

    @property
    def page_count(self) -> int:
        return len(self.pages)


class RenderSignals(QObject):
    finished = Signal(int, object)  # token, RenderedReport
    failed = Signal(int)  # token; the tab words the message (the log has the details)


class RenderJob(QRunnable):
    def __init__(self, token: int, kind: str, client_id: str, inputs: ReportInputs,
                 dpi: float = PREVIEW_DPI) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the tab keeps the Python object until the result arrives
        self.token = token
        self.kind = kind
        self.client_id = client_id
        self.inputs = inputs
        self.dpi = dpi
        self.signals = RenderSignals()  # created on the GUI thread: its slots run there

    def run(self) -> None:
        from ipt_desktop.reports import render

        try:
            pdf = render(self.kind, self.inputs)
            pages = tuple(render_page_images(pdf, self.dpi))
        except Exception:
            # Never a traceback to the therapist; the log keeps it (no clinical text in it).
            log.exception("rendering the %s report failed", self.kind)
            self.signals.failed.emit(self.token)
            return
        report = RenderedReport(self.kind, self.client_id, self.inputs.episode.id, pdf, pages)
        self.signals.finished.emit(self.token, report)
