"""Start the GUI: QApplication, names, icon, theme, logging, the crash hook, then the start-up flow.

Nothing here imports the database stack: the first dialog paints, then the worker thread of
the unlock/create dialog imports services.practice (sqlmodel, sqlcipher3, Alembic) while the
therapist types. ReportLab is imported only when a report is made.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ipt_desktop import APP_NAME, __version__
from ipt_desktop.paths import PracticeLock, configure_logging, log_file
from ipt_desktop.process_clock import seconds_since_process_start

log = logging.getLogger(__name__)
SMOKE_TEST_FLAG = "--smoke-test"


def _make_app(argv: Sequence[str]) -> QApplication:
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("ipt-desktop")  # matches build/ipt-desktop.desktop (Wayland icon)
    app = QApplication.instance() or QApplication(list(argv) or [APP_NAME])
    from ipt_desktop.ui.icons import app_icon
    from ipt_desktop.ui.theme import apply_theme

    app.setWindowIcon(app_icon())
    app._ipt_theme = apply_theme(app)  # type: ignore[attr-defined]  # keep the watcher alive
    return app  # type: ignore[return-value]


def install_excepthook(data_dir: Path) -> None:
    """Unexpected errors: full traceback to the log file, one plain sentence on screen."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logging.getLogger("ipt_desktop").critical(
            "unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if showing or QApplication.instance() is None:
            return  # one message at a time; a second error while it is up is logged only
        showing = True
        try:
            from PySide6.QtWidgets import QMessageBox  # its class costs ~2 ms of every start-up

            QMessageBox.critical(
                QApplication.activeWindow(), APP_NAME,
                QApplication.translate(
                    "app", "Something went wrong that IPT Desktop did not expect. What was saved is safe; "
                           "if you were typing, check that your last change is there.\n\nThe details were "
                           "written to %1.").replace("%1", str(log_file(data_dir))))
        finally:
            showing = False

    sys.excepthook = hook


class GuiShell(QObject):
    """Start-up dialog -> main window -> quit; owns the lock on the practice folder."""

    def __init__(self, app: QApplication, data_dir: Path) -> None:
        super().__init__(app)
        from ipt_desktop.ui.startup.flow import StartupFlow

        self.app = app
        self.window = None
        self.flow = StartupFlow(data_dir, self)
        self.flow.ready.connect(self._open_window)
        self.flow.cancelled.connect(lambda: app.exit(0))

    def start(self) -> None:
        self.flow.start()

    def _open_window(self, practice, demo: bool) -> None:
        from ipt_desktop.ui.context import AppContext
        from ipt_desktop.ui.interaction import Interaction
        from ipt_desktop.ui.main_window import MainWindow
        from ipt_desktop.ui.settings import UiSettings

        ctx = AppContext(practice=practice, settings=UiSettings(), interaction=Interaction())
        window = MainWindow(ctx, demo=demo, practice_lock=self.flow.lock)
        ctx.interaction.parent = window  # message boxes centre on the window
        window.closed.connect(lambda: self.app.exit(0))
        self.window = window
        window.show()
        window.file_check.start()  # the open-time quick_check, now that the window is usable


def run_gui(data_dir: Path, argv: Sequence[str]) -> int:
    """Run the application until the main window (or the first dialog) closes; the exit code."""
    data_dir = Path(data_dir)
    configure_logging(data_dir)
    app = _make_app(argv)
    install_excepthook(data_dir)
    if SMOKE_TEST_FLAG in argv:
        return smoke_test(app, data_dir)
    # The last window closing is not the end: locking hides the main window and shows the unlock
    # dialog, and the start-up dialogs come and go. GuiShell decides when to quit.
    app.setQuitOnLastWindowClosed(False)
    shell = GuiShell(app, data_dir)
    QTimer.singleShot(0, shell.start)
    log.info("IPT Desktop %s started", __version__)
    return int(app.exec())


def smoke_test(app: QApplication, data_dir: Path) -> int:
    """Open the practice (passphrase from $IPT_DESKTOP_PASSPHRASE), show the main window with the
    first chart, print the time since process start and exit: the bundle's "does the GUI really
    start" check. It also renders a report preview page, because PDFium and QtPrintSupport are
    loaded lazily and a bundle could lose them without anything else noticing."""
    lock = PracticeLock(data_dir)
    if not lock.try_acquire():
        print("GUI smoke test: the practice is open elsewhere", file=sys.stderr)
        return 5
    from ipt_desktop.services.errors import ServiceError
    from ipt_desktop.services.practice import open_practice
    from ipt_desktop.ui.context import AppContext
    from ipt_desktop.ui.interaction import ScriptedInteraction
    from ipt_desktop.ui.main_window import MainWindow
    from ipt_desktop.ui.settings import UiSettings

    try:
        practice = open_practice(data_dir, passphrase=os.environ.get("IPT_DESKTOP_PASSPHRASE") or None)
    except ServiceError as exc:
        lock.release()
        print(f"GUI smoke test: {exc.message}", file=sys.stderr)
        return exc.exit_code
    # Throwaway settings: a smoke test must not change the user's window layout.
    settings = UiSettings(QSettings(str(data_dir / "smoke-test-ui.ini"), QSettings.Format.IniFormat))
    settings.set_client_filter("all")
    ctx = AppContext(practice=practice, settings=settings, interaction=ScriptedInteraction())
    window = MainWindow(ctx, practice_lock=lock)
    window.show()
    app.processEvents()
    clients = window.client_list.model.rowCount()
    client_id = window.current_client_id()
    elapsed = seconds_since_process_start()
    preview_pages = _smoke_preview_pages(practice, client_id) if client_id else 0
    window.close()
    try:
        (data_dir / "smoke-test-ui.ini").unlink(missing_ok=True)
    except OSError:
        pass
    print(f"GUI smoke test: main window up {elapsed:.2f} s after process start with {clients} client(s); "
          f"chart open: {'yes' if client_id else 'no'}; report preview pages: {preview_pages}")
    return 0 if client_id and preview_pages > 0 else 1


def _smoke_preview_pages(practice, client_id: str) -> int:
    """Render the shown client's progress report to preview images (no audit entry: nothing is
    printed or saved). Returns the page count, 0 when anything failed (logged)."""
    try:
        from ipt_desktop.reports import render
        from ipt_desktop.services.reports import report_inputs
        from ipt_desktop.ui.reports.pdf_pages import render_page_images

        pdf = render("progress", report_inputs(practice, kind="progress", client_id=client_id))
        return len(render_page_images(pdf, 30))
    except Exception:  # noqa: BLE001 - the smoke test reports failure through its exit code
        log.exception("smoke test: the report preview failed")
        return 0
