"""The audit log window: who-did-what (ids and actions only, never clinical text), newest first,
with a "Verify chain" button that recomputes every hash of the trail."""

from __future__ import annotations

import datetime as _dt
import logging
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QStyle, QTableView, QVBoxLayout, QWidget)

from ipt_desktop.services import security
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import theme
from ipt_desktop.ui.audit.model import (COL_ACTION, COL_CLIENT, COL_KIND, COL_TIME, FILTER_ROLE, SORT_ROLE,
                                        AuditTableModel, fixed_labels)

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 2000  # autosave writes many events; the newest are what people look for


class AuditLogDialog(QDialog):
    """``AuditLogDialog(ctx, parent=None, *, limit=DEFAULT_LIMIT, tz=None)``.

    ``reload()`` re-reads the trail; ``verify()`` checks the chain and returns the ChainReport
    (also shown in ``chain_result``). Errors are shown in the dialog, never as tracebacks.
    """

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, limit: int | None = DEFAULT_LIMIT,
                 tz: _dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.limit = limit
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(920, 560)

        intro = QLabel(self.tr(
            "Every change, export and printout is recorded here with the time, the kind of record and "
            "its id \u2014 never the text itself. Each entry is chained to the one before by a "
            "checksum, so an edited or deleted entry is detected by \u201cVerify chain\u201d."), self)
        intro.setWordWrap(True)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("auditFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by client, action or record type"))
        self.filter_edit.setClearButtonEnabled(True)

        self.model = AuditTableModel(self, tz=tz)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        # One string per row (FILTER_ROLE of the first column) instead of every cell's text.
        self.proxy.setFilterKeyColumn(COL_TIME)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized to the contents once per load (reload), not at every filter keystroke as the
        # ResizeToContents mode does, from the newest 300 rows; the client column takes the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CLIENT, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(300)
        # The rows come newest first, the order shown at first: the proxy sorts only when a header
        # is clicked. Sorting 2,000 rows at every opening went through ~40,000 Python data()
        # calls (docs/performance.md, change 23).
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_TIME, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self.proxy.sort)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        self.show_all_button = QPushButton(self.tr("Show all"), self)
        self.show_all_button.setAutoDefault(False)
        self.show_all_button.clicked.connect(self.show_all)
        self.verify_button = QPushButton(self.tr("Verify chain"), self)
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(self.verify)
        self.chain_result = QLabel(self)
        self.chain_result.setObjectName("chainResult")
        self.chain_result.setWordWrap(True)
        self.chain_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chain_result.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.show_all_button)
        row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.chain_result)
        layout.addWidget(buttons)
        self.setTabOrder(self.filter_edit, self.table)
        self.reload()

    def reload(self) -> None:
        try:
            entries = security.list_audit(self.ctx.practice, limit=self.limit)
            total = security.audit_event_count(self.ctx.practice)
        except ServiceError as exc:
            self.model.set_rows([])
            self.count_label.setText(exc.message)
            return
        self.model.set_rows(entries)
        self.table.resizeColumnsToContents()
        self._fit_label_columns()
        shown = len(entries)
        self.show_all_button.setVisible(shown < total)
        self.count_label.setText(
            self.tr("%1 entries").replace("%1", f"{total:,}") if shown >= total
            else self.tr("Showing the newest %1 of %2 entries").replace("%1", f"{shown:,}")
            .replace("%2", f"{total:,}"))

    def _fit_label_columns(self) -> None:
        """Action and Record type show a word from a fixed list: wide enough for the longest,
        even when the rows the sizing looked at (the newest 300) did not use it."""
        metrics = self.table.fontMetrics()
        margin = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
        header = self.table.horizontalHeader()
        for column in (COL_ACTION, COL_KIND):
            widest = max(metrics.horizontalAdvance(text) for text in fixed_labels(column))
            header.resizeSection(column, max(header.sectionSize(column), widest + margin))

    def show_all(self) -> None:
        self.limit = None
        self.reload()

    def verify(self) -> security.ChainReport | None:
        try:
            report = security.verify_audit_chain(self.ctx.practice)
        except ServiceError as exc:
            self._show_result(exc.message, ok=False)
            return None
        except Exception:  # noqa: BLE001 - never a traceback to the user
            log.exception("verifying the audit chain failed")
            self._show_result(self.tr("The check could not run (details are in the log)."), ok=False)
            return None
        if report.ok:
            text = self.tr("Chain verified: %1 entries, none altered or removed.").replace(
                "%1", f"{report.events:,}")
        else:
            listed = "; ".join(report.problems[:5]) + ("\u2026" if len(report.problems) > 5 else "") + "."
            text = (self.tr("The audit trail was altered or damaged: %1 problem(s). %2 Restore the "
                            "practice from a backup you trust.")
                    .replace("%1", str(len(report.problems))).replace("%2", listed))
        self._show_result(text, ok=report.ok)
        return report

    def _show_result(self, text: str, *, ok: bool) -> None:
        colour = ("#81c784" if theme.is_dark(self.palette()) else "#2e7d32") if ok \
            else theme.error_text(self.palette()).name()
        self.chain_result.setStyleSheet(f"color: {colour};")
        self.chain_result.setText(("\u2714 " if ok else "\u26a0 ") + text)
        self.chain_result.show()
