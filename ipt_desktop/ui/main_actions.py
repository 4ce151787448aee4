"""Menus, toolbar and keyboard shortcuts of the main window.

Other modules add their own actions through ``window.menus["file"|"edit"|"help"]`` and
``window.toolbar`` (backups, reports); the shortcuts Ctrl+N/F/L/S are taken here, and Ctrl+P
prints the Reports tab's document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from ipt_desktop.ui.icons import icon
from ipt_desktop.ui.main_commands import MainCommands

if TYPE_CHECKING:
    from ipt_desktop.ui.main_window import MainWindow


class MainActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.commands = MainCommands(window)
        tr = window.tr
        c = self.commands
        self._icons: dict[QAction, str] = {}

        self.new_client = self._action(tr("&New client\u2026"), c.new_client, "new-client",
                                       QKeySequence.StandardKey.New, tr("Add a client (Ctrl+N)"))
        self.import_client = self._action(tr("&Import client\u2026"), c.import_client, "import",
                                          tip=tr("Add a client from an IPT Desktop file (.json)"))
        self.export_client = self._action(tr("&Export client\u2026"), c.export_client, "export",
                                          tip=tr("Save the selected client to a file (.json)"))
        # Ctrl+P prints the document chosen in the Reports tab (switching to it), see ReportsTab.
        self.print_report = self._action(tr("&Print report\u2026"), c.print_report, "print",
                                         QKeySequence.StandardKey.Print,
                                         tr("Print the document chosen in the Reports tab (Ctrl+P)"))
        self.preferences = self._action(tr("Practice profile && p&references\u2026"), c.preferences,
                                        "settings",
                                        QKeySequence.StandardKey.Preferences,
                                        tr("Your details for reports, security and backups"))
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.lock = self._action(tr("&Lock"), window.lock, "lock", QKeySequence("Ctrl+L"),
                                 tr("Lock the practice now (Ctrl+L); the passphrase opens it again"))
        self.quit = self._action(tr("&Quit"), window.close, None, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.find = self._action(tr("&Find client"), window.client_list.focus_search, "search",
                                 QKeySequence.StandardKey.Find, tr("Search the client list (Ctrl+F)"))
        self.save = self._action(tr("&Save now"), c.save_now, "save", QKeySequence.StandardKey.Save,
                                 tr("Changes save automatically; this saves immediately (Ctrl+S)"))
        self.about = self._action(tr("&About IPT Desktop"), c.about, None)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        bar = window.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self.new_client)
        file_menu.addSeparator()
        file_menu.addAction(self.import_client)
        file_menu.addAction(self.export_client)
        file_menu.addSeparator()
        file_menu.addAction(self.print_report)
        file_menu.addSeparator()
        file_menu.addAction(self.preferences)
        file_menu.addSeparator()
        file_menu.addAction(self.lock)
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu(tr("&Edit"))
        edit_menu.addAction(self.find)
        edit_menu.addAction(self.save)
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.about)
        self.menus: dict[str, QMenu] = {"file": file_menu, "edit": edit_menu, "help": help_menu}

        toolbar = QToolBar(tr("Main toolbar"), window)
        toolbar.setObjectName("mainToolbar")  # saveState() needs a name
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_client, self.save, self.lock):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.preferences)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar
        # Short labels beside the toolbar icons; the menus keep the long ones.
        for action, text in ((self.new_client, tr("New client")), (self.save, tr("Save")),
                             (self.lock, tr("Lock")), (self.preferences, tr("Preferences"))):
            action.setIconText(text)

        # After every refresh of the chart, not only a client switch: starting or ending an
        # episode changes whether there is anything to print.
        window.chart.record_shown.connect(self._update_enabled)
        self._update_enabled(None)

    def _action(self, text: str, slot, icon_name: str | None, shortcut=None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
            self._icons[action] = icon_name
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _update_enabled(self, record) -> None:
        tr = self.window.tr
        self.export_client.setEnabled(record is not None)
        if self.window.chart.tab("reports") is None:
            reason = tr("Reports are not available in this version")
        elif record is None:
            reason = tr("Nothing to print: select a client first")
        elif record.latest_episode is None:
            reason = tr("Nothing to print: this client has no IPT episode yet")
        else:
            reason = ""
        self.print_report.setEnabled(not reason)
        tip = reason or tr("Print the document chosen in the Reports tab (Ctrl+P)")
        self.print_report.setToolTip(tip)
        self.print_report.setStatusTip(tip)

    def refresh_icons(self) -> None:
        """Re-tint after a light/dark switch."""
        for action, name in self._icons.items():
            action.setIcon(icon(name))

    def start_episode(self, client_id: str) -> None:
        self.commands.start_episode(client_id)
