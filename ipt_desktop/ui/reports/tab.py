"""The Reports tab: choose a document, preview it, print it, save it as a PDF, open it in a viewer.

Inputs are read on the GUI thread (``services.reports.report_inputs``); the worker only runs
ReportLab and PDFium on those frozen inputs. Nothing renders until the tab is visible; results
are cached per (client, episode, kind, session) until ``ctx.hub.changed`` touches the client or
the practice profile (the letterhead). Print, save and viewer copies: ui.reports.output.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections import OrderedDict

from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.icons import icon
from ipt_desktop.ui.reports.chooser import ReportChooser, episode_of
from ipt_desktop.ui.reports.files import ViewerFiles
from ipt_desktop.ui.reports.output import ReportOutput
from ipt_desktop.ui.reports.preview import PdfPreview
from ipt_desktop.ui.reports.worker import RenderedReport, RenderJob

log = logging.getLogger(__name__)
CACHE_SIZE = 4  # preview images are ~8 MB a page: keep a few reports, not every one ever shown

CacheKey = tuple[str, str, str, "int | None"]  # client id, episode id, kind, session number


class ReportsTab(ReportOutput, QWidget):
    """Choose, render (off the GUI thread) and cache; printing and saving come from ReportOutput."""

    preview_ready = Signal(int)  # page count, once a preview is on screen
    render_failed = Signal(str)  # the sentence shown instead of the preview
    exported = Signal(str, str)  # how ("print" | "save" | "viewer"), where (path or printer name)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 viewer_files: ViewerFiles | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self.ctx = ctx
        self._record: ClientRecord | None = None
        self._cache: OrderedDict[CacheKey, RenderedReport] = OrderedDict()
        self._jobs: dict[int, RenderJob] = {}
        self._token = 0
        self._wanted: CacheKey | None = None  # what the preview should show
        self._shown: CacheKey | None = None  # what it shows
        self._inflight: CacheKey | None = None  # what the current render job is producing
        self._dirty = False
        self._pending: list[str] = []  # actions asked for before the PDF was ready
        # One render at a time: PDFium is serialised anyway, and a newer request supersedes.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._viewer_files = viewer_files
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._remove_viewer_copies)

        self.chooser = ReportChooser(self)
        self.chooser.changed.connect(self._refresh)
        self.print_button = QPushButton(icon("print"), self.tr("&Print\u2026"), self)
        self.print_button.setObjectName("reportPrint")
        self.print_button.setToolTip(self.tr("Print this document (Ctrl+P)"))
        self.save_button = QPushButton(icon("pdf"), self.tr("Save as P&DF\u2026"), self)
        self.save_button.setObjectName("reportSave")
        self.open_button = QPushButton(self.tr("Open in PDF &viewer"), self)
        self.open_button.setObjectName("reportOpen")
        self.open_button.setToolTip(self.tr("Open a temporary copy in your PDF viewer; it is deleted when "
                                            "IPT Desktop closes or locks"))
        self._tips = {button: button.toolTip() for button in
                      (self.print_button, self.save_button, self.open_button)}
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_as_pdf)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("reportPageCount")
        self.preview = PdfPreview(self)

        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.page_label)
        actions.addStretch(1)
        for button in (self.print_button, self.save_button, self.open_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.chooser)
        layout.addLayout(actions)
        layout.addWidget(self.preview, 1)
        self.setTabOrder(self.chooser.kind_combo, self.chooser.session_combo)
        self.setTabOrder(self.chooser.session_combo, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.open_button)

        ctx.hub.changed.connect(self._on_changes)
        self._set_ready(None)

    # -- tab contract -----------------------------------------------------------------------
    def show_record(self, record: ClientRecord | None) -> None:
        self._record = record
        if record is None:
            self._token += 1  # a render still running is for a client no longer shown
            self._inflight = None
            self._cache.clear()
            self._pending.clear()
            self._wanted = self._shown = None
            self.chooser.clear()
            self.preview.clear()
            self._set_ready(None)
            self._remove_viewer_copies()  # locked or nothing selected: no decrypted copies left
            return
        self.chooser.set_episode(record.client.id, episode_of(record))  # emits changed -> _refresh

    def flush(self) -> bool:
        return True  # nothing here is typed in

    # -- state for the shell and tests ------------------------------------------------------
    def current_report(self) -> RenderedReport | None:
        """The report on screen, when its PDF is ready."""
        return self._cache.get(self._wanted) if self._wanted is not None else None

    def is_kind_enabled(self, kind: str) -> bool:
        return self.chooser.is_kind_enabled(kind)

    def set_kind(self, kind: str, session_number: int | None = None) -> bool:
        if kind == "session" and session_number is not None:
            return self.chooser.set_session(session_number)
        return self.chooser.set_kind(kind)

    # -- rendering --------------------------------------------------------------------------
    def _key(self) -> CacheKey | None:
        episode = episode_of(self._record)
        if self._record is None or episode is None:
            return None
        kind = self.chooser.current_kind()
        number = self.chooser.current_session() if kind == "session" else None
        return (self._record.client.id, episode.id, kind, number)

    def _refresh(self) -> None:
        key = self._key()
        self._wanted = key
        if key is None:
            self._token += 1
            reason = (self.tr("This client has no IPT episode yet, so there is nothing to print.")
                      if self._record is not None else "")
            self.preview.show_message(reason)
            self._set_ready(None, reason=reason)
            return
        if not self.chooser.is_kind_enabled(key[2]):
            self.preview.show_message(self.chooser.reason(key[2]))
            self._set_ready(None, reason=self.chooser.reason(key[2]))
            return
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            self._show(key, cached)
            return
        if key == self._inflight:
            return  # already being rendered from the current data
        if not self.isVisible():
            self._dirty = True  # rendered in showEvent: no work for a tab nobody looks at
            self._set_ready(None)
            return
        self._start_render(key)

    def _start_render(self, key: CacheKey) -> None:
        from ipt_desktop.services.reports import report_inputs

        self._dirty = False
        self._token += 1  # any render still running is superseded
        self._inflight = None
        client_id, episode_id, kind, number = key
        try:
            inputs = report_inputs(self.ctx.practice, kind=kind, client_id=client_id, session_number=number,
                                   episode_id=episode_id, generated_on=_dt.date.today().isoformat())
        except ServiceError as exc:
            self._fail(exc.message)
            return
        except ValidationFailed as exc:
            self._fail(self.tr("This report cannot be prepared: %1").replace("%1", str(exc)))
            return
        except Exception:
            log.exception("reading the inputs of a %s report failed", kind)
            self._fail(self.tr("The report could not be prepared. The details are in the log file."))
            return
        if self._shown != key:
            self.preview.show_message(self.tr("Preparing the %1\u2026").replace(
                "%1", self.chooser.kind_combo.currentText().lower()))
        self._set_ready(None, busy=True)
        job = RenderJob(self._token, kind, client_id, inputs)
        job.signals.finished.connect(self._on_rendered)
        job.signals.failed.connect(self._on_render_failed)
        self._jobs[self._token] = job
        self._inflight = key
        self._pool.start(job)

    def _on_rendered(self, token: int, report: RenderedReport) -> None:
        job = self._jobs.pop(token, None)
        if job is None or token != self._token:
            return
        self._inflight = None
        key = (report.client_id, report.episode_id, report.kind,
               job.inputs.session_number if report.kind == "session" else None)  # type: ignore[attr-defined]
        self._cache[key] = report
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        if key == self._wanted:
            self._show(key, report)

    def _on_render_failed(self, token: int) -> None:
        self._jobs.pop(token, None)
        if token == self._token:
            self._inflight = None
            self._fail(self.tr("The report could not be prepared. The details are in the log file; "
                               "please report this problem."))

    def _show(self, key: CacheKey, report: RenderedReport) -> None:
        self.preview.set_pages(report.pages, keep_scroll=self._shown == key)
        self._shown = key
        count = report.page_count
        self.page_label.setText(self.tr("1 page") if count == 1
                                else self.tr("%1 pages").replace("%1", str(count)))
        self._set_ready(report)
        self.preview_ready.emit(count)
        self._run_pending()

    def _fail(self, message: str) -> None:
        self._pending.clear()
        self._shown = None
        self.preview.show_message(message)
        self._set_ready(None, reason=message)
        self.render_failed.emit(message)

    def _set_ready(self, report: RenderedReport | None, *, busy: bool = False, reason: str = "") -> None:
        if report is None and not reason:
            reason = self.tr("The document is being prepared") if busy else self.tr("Nothing to print yet")
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(report is not None)
            # A disabled button says why (tooltips show on disabled buttons too).
            button.setToolTip(self._tips[button] if report is not None else reason)
        if report is None:
            self.page_label.setText(self.tr("Preparing\u2026") if busy else "")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty and self._wanted is not None and self._wanted not in self._cache:
            self._start_render(self._wanted)

    def _on_changes(self, changes: Changes) -> None:
        everything = changes.touches("all") or changes.touches("profile")  # profile: the letterhead
        if everything:
            self._cache.clear()
        else:
            for key in [k for k in self._cache if k[0] in changes.client_ids]:
                del self._cache[key]
        wanted = self._wanted
        if wanted is not None and (everything or wanted[0] in changes.client_ids):
            if self._inflight is not None:
                self._token += 1  # the render under way read the data before this change
                self._inflight = None
            # The main window usually follows with show_record(fresh record), which re-renders;
            # a profile change does not, so check once the broadcast is over.
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._record is not None and self._wanted is not None and self._wanted not in self._cache:
            self._refresh()
