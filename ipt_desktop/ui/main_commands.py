"""What the main window's menu commands do: dialogs, import/export, about.

Dialogs written elsewhere are imported when first used (they land independently); each opens
non-blocking (``open()``), is kept as ``window.active_dialog`` while it is up, and on OK its
``changes`` are broadcast on ctx.hub so every view refreshes.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import QDialog

from ipt_desktop import APP_NAME, __version__
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.errors import ClientExistsError, ServiceError

if TYPE_CHECKING:
    from ipt_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
MAX_LISTED_PROBLEMS = 12
JSON_FILTER = "IPT Desktop client files (*.json);;All files (*)"


def load_dialog(module: str, name: str) -> type[QDialog] | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log.exception("dialog %s.%s is not available", module, name)
        return None


def problem_list(exc: ValidationFailed) -> str:
    """Each problem on its own line with the JSON path it concerns."""
    lines = [f"\u2022 {error}" for error in exc.errors[:MAX_LISTED_PROBLEMS]]
    if len(exc.errors) > MAX_LISTED_PROBLEMS:
        lines.append(f"\u2026 and {len(exc.errors) - MAX_LISTED_PROBLEMS} more")
    return "\n".join(lines)


def export_filename(first_name: str, last_name: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", f"{last_name}-{first_name}".strip(), flags=re.UNICODE).strip("-")
    return f"{stem or 'client'}.json"


def write_json_atomically(path: Path, data: Any) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written export."""
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)


class MainCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def ctx(self):
        return self.window.ctx

    def tr(self, text: str) -> str:
        return self.window.tr(text)

    def _unavailable(self, what: str) -> None:
        self.ctx.interaction.warn(what, self.tr("This part of IPT Desktop is not available in this version."))

    def _open(self, dialog: QDialog, on_accept: Callable[[QDialog], None]) -> QDialog:
        self.window.active_dialog = dialog

        def finished(result: int) -> None:
            if self.window.active_dialog is dialog:
                self.window.active_dialog = None
            if result == QDialog.DialogCode.Accepted:
                on_accept(dialog)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _broadcast(self, dialog: QDialog) -> None:
        changes = getattr(dialog, "changes", None)
        if changes is not None and (changes.client_ids or changes.kinds):
            self.ctx.hub.changed.emit(changes)

    # -- File menu ---------------------------------------------------------------------------------
    def new_client(self) -> QDialog | None:
        cls = load_dialog("ipt_desktop.ui.dialogs.client_dialog", "ClientDialog")
        if cls is None:
            self._unavailable(self.tr("New client"))
            return None
        if not self.window.flush_all() and not self.ctx.interaction.confirm(
                self.tr("Unsaved changes"),
                self.tr("Some changes could not be saved. Add a new client anyway?")):
            return None

        def accepted(dialog: QDialog) -> None:
            self._broadcast(dialog)
            client_id = getattr(dialog, "client_id", None)
            if client_id:
                self.window.select_client(client_id)

        return self._open(cls(self.ctx, None, self.window), accepted)

    def start_episode(self, client_id: str) -> QDialog | None:
        cls = load_dialog("ipt_desktop.ui.dialogs.episode_dialog", "NewEpisodeDialog")
        if cls is None:
            self._unavailable(self.tr("Start an IPT episode"))
            return None
        self.window.flush_all()  # the dialog reads the record: pending formulation edits first
        return self._open(cls(self.ctx, client_id, self.window, record=self.window.chart.record),
                          self._broadcast)

    def preferences(self) -> QDialog | None:
        cls = load_dialog("ipt_desktop.ui.dialogs.preferences_dialog", "PreferencesDialog")
        if cls is None:
            self._unavailable(self.tr("Preferences"))
            return None
        return self._open(cls(self.ctx, self.window), self._broadcast)

    def import_client(self) -> str | None:
        """Returns the imported client's id (None when nothing was imported)."""
        title = self.tr("Import client")
        path = self.ctx.interaction.open_file(title, self.tr(JSON_FILTER))
        if not path:
            return None
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            self.ctx.interaction.warn(title, self.tr("The file could not be read: %1").replace(
                "%1", exc.strerror or str(exc)))
            return None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            where = (self.tr(" (line %1, column %2)").replace("%1", str(exc.lineno))
                     .replace("%2", str(exc.colno))
                     if isinstance(exc, json.JSONDecodeError) else "")
            self.ctx.interaction.warn(title, self.tr("This is not an IPT Desktop client file: it is not "
                                                     "valid JSON%1. Nothing was imported.")
                                      .replace("%1", where))
            return None
        if not isinstance(data, dict):
            self.ctx.interaction.warn(title, self.tr("This is not an IPT Desktop client file. "
                                                     "Nothing was imported."))
            return None
        self.window.flush_all()  # an import may replace the client on screen
        from ipt_desktop.services.exchange import import_client

        try:
            try:
                client_id, changes = import_client(self.ctx.practice, data=data)
            except ClientExistsError as exc:
                if not self.ctx.interaction.confirm(
                        title,
                        exc.message + "\n\n" + self.tr("Replace the client in this practice with the file?"),
                        ok=self.tr("Replace"), cancel=self.tr("Cancel")):
                    return None
                client_id, changes = import_client(self.ctx.practice, data=data, replace=True)
        except ValidationFailed as exc:
            self.ctx.interaction.warn(title, self.tr("The file was not imported; nothing was changed. "
                                                     "Problems found:") + "\n\n" + problem_list(exc))
            return None
        except ServiceError as exc:
            self.ctx.interaction.warn(title, exc.message)
            return None
        self.ctx.hub.changed.emit(changes)
        self.window.select_client(client_id)
        return client_id

    def export_client(self) -> Path | None:
        title = self.tr("Export client")
        client_id = self.window.current_client_id()
        record = self.window.chart.record
        if not client_id or record is None:
            self.ctx.interaction.inform(title, self.tr("Select a client first."))
            return None
        self.window.flush_all()
        client = record.client
        chosen = self.ctx.interaction.save_file(title, export_filename(client.first_name, client.last_name),
                                                self.tr(JSON_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        from ipt_desktop.services.exchange import export_client

        try:
            data = export_client(self.ctx.practice, client_id=client_id)
            write_json_atomically(path, data)
        except ServiceError as exc:
            self.ctx.interaction.warn(title, exc.message)
            return None
        except OSError as exc:
            self.ctx.interaction.warn(title, self.tr("The file could not be written: %1").replace(
                "%1", exc.strerror or str(exc)))
            return None
        self.ctx.interaction.inform(title, self.tr(
            "%1 was exported to %2.\n\nThis file is not encrypted: keep it somewhere safe and delete it "
            "when it is no longer needed.").replace("%1", client.full_name).replace("%2", str(path)))
        return path

    # -- Edit / Help -------------------------------------------------------------------------------
    def save_now(self) -> bool:
        ok = self.window.save_now()
        if not ok:
            self.window.statusBar().showMessage(
                self.tr("Some changes could not be saved; see the message above."), 6000)
        return ok

    def print_report(self) -> bool:
        """Ctrl+P: show the Reports tab and print its document (it waits for the PDF if needed)."""
        tab = self.window.chart.tab("reports")
        if tab is None or not hasattr(tab, "print_report") or not self.window.current_client_id():
            return False
        self.window.chart.set_current_tab("reports")
        return bool(tab.print_report())

    def about(self) -> QDialog | None:
        cls = load_dialog("ipt_desktop.ui.about", "AboutDialog")
        if cls is None:
            practice = self.ctx.practice
            self.ctx.interaction.inform(
                self.tr("About %1").replace("%1", APP_NAME),
                self.tr("%1 %2\n\nOffline charting for Interpersonal Psychotherapy. Your records stay on "
                        "this computer in %3.\n\nIt supports, and does not replace, clinical judgement.")
                .replace("%1", APP_NAME).replace("%2", __version__).replace("%3", str(practice.db_path)))
            return None
        return self._open(cls(self.ctx, self.window), lambda _dialog: None)
