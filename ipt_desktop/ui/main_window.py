"""The main window: client list on the left, the selected client's chart on the right.

It owns the rules that keep typed text safe: every tab is flushed before switching client,
locking, closing or quitting, and when a flush fails the therapist is asked (through
ctx.interaction) before anything that would lose the text. It re-reads the shown client on
``ctx.hub.changed`` and passes the fresh record to every tab.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QSplitter, QWidget

from ipt_desktop import APP_NAME
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import theme
from ipt_desktop.ui.audit.action import install_audit_log_action
from ipt_desktop.ui.integrity_action import install_check_database_action
from ipt_desktop.ui.backups.wiring import install_backups
from ipt_desktop.ui.chart.view import ChartView
from ipt_desktop.ui.client_list.view import ClientListPanel
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.file_check import DeferredFileCheck
from ipt_desktop.ui.icons import app_icon
from ipt_desktop.ui.idle_lock import IdleLockGuard
from ipt_desktop.ui.lock_drafts import open_dialogs, settle_dialogs
from ipt_desktop.ui.main_actions import MainActions

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
# The client list on first run: wide enough for a name and the compact columns, the rest for
# the chart (whose Inventory tab needs ~660 px): 500 of 1280 leaves the list's six columns
# readable, less on a smaller window.
DEFAULT_LIST_WIDTH = 500
MAX_LIST_SHARE = 0.40


def default_split(width: int) -> list[int]:
    """[list, chart] widths for a first run: the list gets DEFAULT_LIST_WIDTH, or less on a
    small window, so the chart keeps most of the room."""
    width = max(width, 720)
    list_width = min(DEFAULT_LIST_WIDTH, int(width * MAX_LIST_SHARE))
    return [list_width, width - list_width]


class MainWindow(QMainWindow):
    """``lock()`` is the hook for the idle auto-lock; ``menus``/``toolbar`` take extra actions."""

    locked = Signal()
    unlocked = Signal()
    client_shown = Signal(str)  # id, "" for none — after the chart shows a record
    closed = Signal()  # the window closed for good (the practice is closed, the lock released)

    def __init__(self, ctx: AppContext, *, demo: bool = False, practice_lock=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo = demo
        self.practice_lock = practice_lock
        self.unlock_dialog: QDialog | None = None
        self.active_dialog: QDialog | None = None  # the dialog an action opened (tests drive it)
        self._locked = False
        self._closing = False
        self._shown_id: str | None = None
        self._resume: tuple[str | None, str] = (None, "overview")
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(720, 520)

        self.client_list = ClientListPanel(self)
        self.chart = ChartView(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.client_list)
        self.splitter.addWidget(self.chart)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.practice_label = QLabel(self)
        self.statusBar().addWidget(self.save_label, 1)
        self.statusBar().addPermanentWidget(self.practice_label)
        ctx.save_state.changed.connect(self._on_save_state)
        self._on_save_state(ctx.save_state.state, ctx.save_state.message or self.tr("All changes saved"))

        self.actions_ = MainActions(self)
        self.menus = self.actions_.menus
        self.toolbar = self.actions_.toolbar

        self.client_list.client_selected.connect(self._on_client_selected)
        self.client_list.filter_changed.connect(ctx.settings.set_client_filter)
        self.chart.start_episode_requested.connect(self.actions_.start_episode)
        self.chart.tab_widget.currentChanged.connect(self._remember_tab)
        ctx.hub.changed.connect(self._on_changes)

        self._restore_ui_state()
        self._update_title()
        self.reload_clients()
        self._restore_client(ctx.settings.last_client(), ctx.settings.last_tab())
        # Data safety: idle auto-lock (wall clock, so a laptop that slept locks on wake) and
        # File > Audit log…
        self.idle_guard = IdleLockGuard(self, ctx.settings, on_lock=self.lock)
        install_audit_log_action(self)
        self.database_check = install_check_database_action(self)  # File > Check database…, in a worker
        # File > Backups…, automatic backups after changes (at most every 30 min) and on quit.
        self.backups = install_backups(self)
        # The open-time quick_check, in a worker: whoever shows the window starts it; every
        # unlock restarts it.
        self.file_check = DeferredFileCheck(self)
        # Once the file is known sound, the backups written with their check owed (on quit) are
        # checked, one at a time, in the backup worker.
        self.file_check.passed.connect(self.backups.check_owed)

    # -- clients -----------------------------------------------------------------------------------
    def reload_clients(self) -> None:
        """Re-read the list (one query); keeps the selection and scroll position."""
        if self._locked:
            return
        from ipt_desktop.services.clients import list_clients

        try:
            summaries = list_clients(self.ctx.practice, status="all")
        except ServiceError as exc:
            self.ctx.interaction.warn(self.tr("Client list"), exc.message)
            return
        self.client_list.set_clients(summaries)

    def current_client_id(self) -> str | None:
        return self._shown_id

    def select_client(self, client_id: str | None) -> bool:
        """Select (and show) a client by id; False when they are not in the list."""
        if not client_id:
            return self.client_list.select_client(None)
        if self.client_list.current_client_id() == client_id and self._shown_id == client_id:
            return True
        return self.client_list.select_client(client_id)

    def _on_client_selected(self, client_id: str) -> None:
        if (client_id or None) == self._shown_id:
            return
        if self._shown_id is not None and not self._flush_or_ask(
                self.tr("Switch client anyway? The text that could not be saved will be lost.")):
            # Stay on the client whose text is unsaved.
            self.client_list.select_client(self._shown_id, notify=False)
            return
        self._show_client(client_id or None)

    def _show_client(self, client_id: str | None) -> None:
        record = None
        if client_id:
            from ipt_desktop.services.clients import get_client_record

            try:
                record = get_client_record(self.ctx.practice, client_id=client_id)
            except ServiceError as exc:
                self.ctx.interaction.warn(self.tr("Open client"), exc.message)
                client_id = None
        self._shown_id = client_id
        self.chart.show_record(record)
        if record is not None:
            self.ctx.settings.set_last_client(client_id)
        self.client_shown.emit(client_id or "")

    def _refresh_rows(self, changes: Changes) -> None:
        """After a save only the changed clients' rows are re-read (one row costs milliseconds;
        the whole list of 2,000 about 0.25 s on the GUI thread, after every autosave). Anything
        structural — a new client, a renamed one, an import or restore — reloads the list."""
        if changes.client_ids and not changes.touches("all"):
            from ipt_desktop.services.clients import list_clients

            try:
                rows = list_clients(self.ctx.practice, status="all", client_ids=sorted(changes.client_ids))
            except ServiceError:
                rows = None
            if rows is not None and len(rows) == len(changes.client_ids) and self.client_list.update_clients(rows):
                return
        self.reload_clients()

    def _on_changes(self, changes: Changes) -> None:
        if self._locked or self._closing:
            return
        self._refresh_rows(changes)
        shown = self._shown_id
        if shown and (shown in changes.client_ids or changes.touches("all")):
            from ipt_desktop.services.clients import get_client_record

            try:
                record = get_client_record(self.ctx.practice, client_id=shown)
            except ServiceError:
                # Deleted or replaced elsewhere: show nothing rather than a stale chart.
                self._shown_id = None
                self.chart.show_record(None)
                return
            self.chart.show_record(record)
        if changes.touches("profile"):
            self._update_title()

    def _restore_client(self, client_id: str | None, tab: str) -> None:
        if client_id and self.client_list.model.row_of(client_id) >= 0:
            self.client_list.select_client(client_id)
        elif self.client_list.proxy.rowCount():
            # Start on the first listed client: an empty chart on a full list looks broken.
            first = self.client_list.visible_client_ids()[0]
            self.client_list.select_client(first)
        self.chart.set_current_tab(tab)

    def _remember_tab(self, _index: int) -> None:
        if not self._locked and self._shown_id:
            self.ctx.settings.set_last_tab(self.chart.current_tab_key())

    # -- saving --------------------------------------------------------------------------------------
    def flush_all(self) -> bool:
        """Ask every tab to save now (Ctrl+S, switch, lock, close); False if any save failed."""
        return self.chart.flush()

    def _flush_or_ask(self, question: str) -> bool:
        """True when it is safe to go on: everything saved, or the therapist said to go on anyway."""
        if self.flush_all():
            return True
        reason = self.ctx.save_state.message if self.ctx.save_state.state == "failed" else ""
        text = self.tr("Some changes could not be saved.")
        if reason:
            text += f"\n\n{reason}"
        return self.ctx.interaction.confirm(self.tr("Unsaved changes"), f"{text}\n\n{question}",
                                            ok=self.tr("Continue without saving"), cancel=self.tr("Go back"))

    def save_now(self) -> bool:
        ok = self.flush_all()
        if ok:
            self.ctx.save_state.saved()
        return ok

    def _on_save_state(self, state: str, message: str) -> None:
        self.save_label.setText(message)
        self.save_label.setStyleSheet(theme.error_css() if state == "failed" else "")

    # -- lock ----------------------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self._locked

    def is_closing(self) -> bool:
        return self._closing

    def lock(self) -> bool:
        """Save, clear every widget, close the practice (key dropped), ask for the passphrase.

        Returns False when the therapist chose to stay because something could not be saved.
        Unlocking reopens the practice and returns to the same client and tab.
        """
        if self._locked:
            return True
        if not self._close_open_dialogs():
            return False
        if not self._flush_or_ask(self.tr("Lock anyway? The text that could not be saved will be lost.")):
            return False
        from ipt_desktop.ui.startup.unlock_dialog import UnlockDialog

        self._resume = (self._shown_id, self.chart.current_tab_key())
        self._save_ui_state()
        self._locked = True
        self._shown_id = None
        self.chart.show_record(None)
        self.client_list.clear()
        data_dir = self.ctx.practice.data_dir
        encrypted = self.ctx.practice.encrypted
        self.backups.before_lock()
        self.ctx.practice.close()
        self.hide()
        log.info("practice locked")
        # The file check runs after the window is back (DeferredFileCheck), not before it.
        # The app's settings: a damaged file offers a backup from the folder the therapist chose.
        # (Its questions get the dialog itself as parent: the window is hidden while locked.)
        dialog = UnlockDialog(data_dir, demo=self.demo, encrypted=encrypted, check_now=False,
                              settings=self.ctx.settings)
        dialog.unlocked.connect(self._on_unlocked)
        dialog.rejected.connect(self._quit_while_locked)
        self.unlock_dialog = dialog
        dialog.show()
        self.locked.emit()
        return True

    def _close_open_dialogs(self, *, keep_drafts: bool = True) -> bool:
        """Close dialogs left open over the window (a measure being keyed in when the idle lock
        fires): nothing may stay on screen once locked, and nothing typed may be lost. Complete
        forms are saved; incomplete ones are kept in ctx.drafts and come back when the same dialog
        is reopened after the unlock (ui.lock_drafts). On close (``keep_drafts=False``) there is
        no later, so the therapist is asked. False when a dialog must stay open."""
        def confirm(titles: list[str]) -> bool:
            return self.ctx.interaction.confirm(
                self.tr("Unfinished forms"),
                self.tr("These forms are incomplete and cannot be saved:\n%1\n\nClose anyway? "
                        "What was typed in them will be lost.").replace(
                    "%1", "\n".join(f"\u2022 {title}" for title in titles)),
                ok=self.tr("Close without saving"), cancel=self.tr("Go back"))

        if not settle_dialogs(open_dialogs(self), getattr(self.ctx, "drafts", None),
                              keep_drafts=keep_drafts, confirm=confirm):
            return False
        self.active_dialog = None
        return True

    def _on_unlocked(self, practice) -> None:
        self.ctx.practice = practice
        self._locked = False
        self.unlock_dialog = None
        self.show()
        self._update_title()
        self.reload_clients()
        client_id, tab = self._resume
        self._restore_client(client_id, tab)
        self.ctx.save_state.saved()
        self.unlocked.emit()

    def _quit_while_locked(self) -> None:
        self.unlock_dialog = None
        self.close()

    # -- window state --------------------------------------------------------------------------------
    def _restore_ui_state(self) -> None:
        settings = self.ctx.settings
        geometry = settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        state = settings.window_state()
        if state is not None:
            self.restoreState(state)
        # Splitter sizes only stick once the window has its size: applied in the first showEvent.
        self._pending_split = settings.splitter_sizes()
        self.client_list.set_status_filter(settings.client_filter())
        self.client_list.restore_header_state(settings.client_list_header())

    def _save_ui_state(self) -> None:
        settings = self.ctx.settings
        settings.set_window_geometry(self.saveGeometry())
        settings.set_window_state(self.saveState())
        settings.set_splitter_sizes(self.splitter.sizes())
        settings.set_client_list_header(self.client_list.header_state())
        if self._shown_id:
            settings.set_last_client(self._shown_id)
            settings.set_last_tab(self.chart.current_tab_key())
        settings.sync()

    def _update_title(self) -> None:
        name = ""
        if not self._locked:
            from ipt_desktop.services.practice import get_profile

            try:
                profile = get_profile(self.ctx.practice)
                name = profile.practice_name or profile.therapist_name
            except ServiceError:
                name = ""
        title = f"{name} \u2014 {APP_NAME}" if name else APP_NAME
        if self.demo:
            title += self.tr(" (demo)")
        self.setWindowTitle(title)
        self.practice_label.setText(self.tr("Demo practice \u2014 fictional clients") if self.demo
                                    else (self.tr("Encrypted") if self.ctx.practice.encrypted
                                          else self.tr("Not encrypted")))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._locked:
            question = self.tr("Close anyway? The text that could not be saved will be lost.")
            if not self._close_open_dialogs(keep_drafts=False) or not self._flush_or_ask(question):
                event.ignore()
                return
            if not self.backups.before_quit():  # a failed backup asks "Quit anyway?"
                event.ignore()
                return
            self._save_ui_state()
        self._closing = True
        self.chart.show_record(None)
        if not self.ctx.practice.closed:
            self.ctx.practice.close()
        if self.practice_lock is not None:
            self.practice_lock.release()
        dialog, self.unlock_dialog = self.unlock_dialog, None
        if dialog is not None:
            dialog.rejected.disconnect(self._quit_while_locked)
            dialog.close()
        event.accept()
        super().closeEvent(event)
        self.closed.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not getattr(self, "_split_applied", False):
            self._split_applied = True
            self.splitter.setSizes(self._pending_split or default_split(self.width()))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() in (event.Type.PaletteChange, event.Type.ThemeChange) and hasattr(self, "actions_"):
            self.actions_.refresh_icons()
        super().changeEvent(event)

