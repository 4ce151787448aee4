"""The Reports tab inside the real main window: Ctrl+P prints the chosen document, Help ▸ About."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter

from ipt_desktop.services.demo_data import role_dispute
from ipt_desktop.services.security import list_audit
from ipt_desktop.ui.about import AboutDialog
from ipt_desktop.ui.reports.tab import ReportsTab


@pytest.fixture
def window(show_main_window):
    return show_main_window(size=(1280, 800))


def test_ctrl_p_from_another_tab_shows_the_reports_tab_and_prints(window, qtbot, monkeypatch, tmp_path):
    action = window.actions_.print_report
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.select_client(role_dispute.CLIENT_ID)
    window.chart.set_current_tab("overview")
    tab = window.chart.tab("reports")
    assert isinstance(tab, ReportsTab)
    out = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:  # stands in for the modal system print dialog
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(tab, "ask_printer", to_file)
    action.trigger()
    assert window.chart.current_tab_key() == "reports"
    # The PDF was not ready yet: the print runs as soon as the preview is.
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=30000)
    assert len(PdfReader(str(out)).pages) == tab.current_report().page_count
    assert any(e.action == "print" and e.entity == "pdf_progress" for e in list_audit(window.ctx.practice))
    Path("/tmp/shots").mkdir(exist_ok=True)
    window.grab().save("/tmp/shots/reports_tab_in_window.png")


def test_help_about_opens_the_about_dialog(window):
    window.actions_.about.trigger()
    dialog = window.active_dialog
    assert isinstance(dialog, AboutDialog)
    assert "IPT Desktop makes no network connections" in dialog.privacy_label.text()
    dialog.reject()
