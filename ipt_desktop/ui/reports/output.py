"""Printing, saving and viewing the Reports tab's document: the output half of ReportsTab.

A mixin of ``ReportsTab`` (ui.reports.tab), which owns choosing, rendering and caching. Every
print, save or viewer copy is written to the audit trail first (``record_printed``): no audit
event, no PDF leaves the practice file. An action asked for before the PDF is ready (Ctrl+P
while the preview renders) is queued and run when it arrives.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.reports.files import ViewerFiles, WriteFailed, report_filename, save_pdf
from ipt_desktop.ui.reports.worker import RenderedReport

log = logging.getLogger(__name__)
PDF_FILTER = "PDF documents (*.pdf)"


class ReportOutput:
    """Expects the host tab's ``ctx``, ``chooser``, ``_record``, ``_wanted``, ``_inflight``,
    ``_pending``, ``_viewer_files``, ``current_report()``, ``_start_render()`` and ``exported``."""

    def _ready_or_queue(self, action: str) -> RenderedReport | None:
        report = self.current_report()
        if report is None and self._wanted is not None and self.chooser.is_kind_enabled(self._wanted[2]):
            # Ctrl+P before the preview finished (or while hidden): do it once the PDF is ready.
            if action not in self._pending:
                self._pending.append(action)
            if self._inflight != self._wanted:
                self._start_render(self._wanted)
        return report

    def _run_pending(self) -> None:
        pending, self._pending = self._pending, []
        for action in pending:
            getattr(self, action)()

    def _audit(self, report: RenderedReport) -> None:
        """Raises ServiceError when the audit trail cannot be written: then nothing is output."""
        from ipt_desktop.services.reports import record_printed

        record_printed(self.ctx.practice, kind=report.kind, client_id=report.client_id,
                       episode_id=report.episode_id)

    def print_report(self) -> bool:
        """Ask for a printer (QPrintDialog) and print the document on screen."""
        report = self._ready_or_queue("print_report")
        if report is None:
            return False
        from PySide6.QtPrintSupport import QPrinter

        from ipt_desktop.ui.reports.pdf_pages import prepare_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, report.pdf)
        if not self.ask_printer(printer):
            return False
        return self.print_to(printer)

    def ask_printer(self, printer) -> bool:
        """The system print dialog (the seam tests replace: it is modal and talks to the OS)."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)
        what = self.chooser.kind_combo.currentText().lower()
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", what))
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    def print_to(self, printer) -> bool:
        """Print the document on screen to a set-up QPrinter (audited first). No dialog."""
        from ipt_desktop.ui.reports.pdf_pages import PrintFailed, print_pdf

        report = self.current_report()
        if report is None:
            return False
        title = self.tr("Print")
        try:
            self._audit(report)
            print_pdf(report.pdf, printer)
        except ServiceError as exc:
            self.ctx.interaction.warn(title, self.tr("Nothing was printed: %1").replace("%1", exc.message))
            return False
        except PrintFailed as exc:
            self.ctx.interaction.warn(title, str(exc))
            return False
        except Exception:
            log.exception("printing a %s report failed", report.kind)
            self.ctx.interaction.warn(title, self.tr("The report could not be printed. The details are in "
                                                     "the log file."))
            return False
        where = printer.printerName() or printer.outputFileName()
        self.exported.emit("print", where)
        self._status(self.tr("Sent to %1.").replace("%1", where))
        return True

    def save_as_pdf(self) -> Path | None:
        """Ask where, then write the PDF there atomically (audited before the file appears)."""
        report = self._ready_or_queue("save_as_pdf")
        if report is None:
            return None
        title = self.tr("Save as PDF")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self._filename(report)) if folder else self._filename(report)
        chosen = self.ctx.interaction.save_file(title, suggested, self.tr(PDF_FILTER))
        if not chosen:
            return None
        try:
            path = save_pdf(chosen, report.pdf, before_commit=lambda: self._audit(report))
        except ServiceError as exc:
            self.ctx.interaction.warn(title, self.tr("The PDF was not saved: %1").replace("%1", exc.message))
            return None
        except WriteFailed as exc:
            self.ctx.interaction.warn(title, str(exc))
            return None
        self.exported.emit("save", str(path))
        self._status(self.tr("Saved %1. A PDF is not encrypted: keep it somewhere safe.")
                     .replace("%1", str(path)))
        return path

    def open_in_viewer(self) -> Path | None:
        """Write a private temporary copy (0600) and open it in the system's PDF viewer."""
        report = self._ready_or_queue("open_in_viewer")
        if report is None:
            return None
        title = self.tr("Open in PDF viewer")
        if self._viewer_files is None:
            self._viewer_files = ViewerFiles()
        try:
            self._audit(report)
            path = self._viewer_files.write(self._filename(report), report.pdf)
        except ServiceError as exc:
            self.ctx.interaction.warn(title, self.tr("The PDF was not opened: %1").replace("%1", exc.message))
            return None
        except WriteFailed as exc:
            self.ctx.interaction.warn(title, str(exc))
            return None
        self.exported.emit("viewer", str(path))
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.ctx.interaction.warn(title, self.tr("No PDF viewer could be started. Use Save as PDF and "
                                                     "open the file yourself."))
        return path

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def _filename(self, report: RenderedReport) -> str:
        client = self._record.client if self._record is not None else None
        number = self._wanted[3] if self._wanted is not None else None
        return report_filename(client.first_name if client else "", client.last_name if client else "",
                               report.kind, _dt.date.today().isoformat(), number)

    def _remove_viewer_copies(self) -> None:
        if self._viewer_files is not None:
            self._viewer_files.remove_all()
