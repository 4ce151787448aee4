"""The Reports tab on a real encrypted demo practice: preview, choices, save, print, audit."""

from __future__ import annotations

import io
import stat
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from ipt_desktop.services.changes import Changes
from ipt_desktop.services.demo_data import discharged, role_dispute
from ipt_desktop.services.security import list_audit
from ipt_desktop.ui.reports.tab import ReportsTab
from reports_helpers import record, show_and_wait

SHOTS = Path("/tmp/shots")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def print_events(ctx) -> list:
    return [e for e in list_audit(ctx.practice) if e.action == "print"]


def test_preview_shows_every_page_of_the_progress_report(tab, demo_ctx, qtbot):
    pages = show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    report = tab.current_report()
    assert report is not None and report.kind == "progress"
    assert pages == len(PdfReader(io.BytesIO(report.pdf)).pages) >= 1
    assert tab.preview.currentWidget() is tab.preview.scroll
    shown = [label for label in tab.preview.page_labels if label.pixmap() and not label.pixmap().isNull()]
    assert len(shown) == pages
    assert tab.page_label.text() == (f"{pages} pages" if pages > 1 else "1 page")
    # Fit width: the page fills the scroll area's width (scroll bar included), minus the margins.
    qtbot.waitUntil(lambda: shown[0].width() == tab.preview.scroll.viewport().width() - 24)
    for upper, lower in zip(shown, shown[1:]):
        assert lower.geometry().top() > upper.geometry().bottom()  # pages never overlap
    assert tab.print_button.isEnabled() and tab.save_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    tab.grab().save(str(SHOTS / "reports_tab_preview.png"))


def test_nothing_renders_until_the_tab_is_visible(demo_ctx, qtbot, viewer_files):
    tab = ReportsTab(demo_ctx, viewer_files=viewer_files)
    qtbot.addWidget(tab)
    tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    assert tab.current_report() is None and not tab._jobs
    assert not tab.print_button.isEnabled()
    with qtbot.waitSignal(tab.preview_ready, timeout=30000):
        tab.show()
    assert tab.current_report() is not None


def test_discharge_summary_only_for_a_discharged_episode(tab, demo_ctx, qtbot):
    tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    assert not tab.is_kind_enabled("discharge")
    assert not tab.set_kind("discharge")
    assert tab.chooser.current_kind() == "progress"
    assert "discharged" in tab.chooser.reason_label.text()
    assert tab.chooser.reason_label.isVisibleTo(tab)

    show_and_wait(qtbot, tab, demo_ctx, discharged.CLIENT_ID, kind="discharge")
    assert tab.is_kind_enabled("discharge")
    assert not tab.chooser.reason_label.isVisibleTo(tab)
    assert "Discharge summary" in pdf_text(tab.current_report().pdf)


def test_session_picker_lists_sessions_and_defaults_to_the_latest_attended(tab, demo_ctx, qtbot):
    rec = record(demo_ctx, role_dispute.CLIENT_ID)
    tab.show_record(rec)
    sessions = rec.latest_episode.sessions
    combo = tab.chooser.session_combo
    assert combo.count() == len(sessions)
    latest_attended = max(s.number for s in sessions if s.status == "attended")
    assert tab.chooser.current_session() == latest_attended
    text = combo.currentText()
    assert text.startswith(f"Session {latest_attended} \u00b7 ") and text.endswith(" \u00b7 attended")

    pages = show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID, kind="session", session_number=2)
    assert pages >= 1
    assert "Session 2" in pdf_text(tab.current_report().pdf)


def test_save_as_pdf_writes_the_report_and_audits_it(tab, demo_ctx, qtbot, tmp_path):
    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    before = len(print_events(demo_ctx))
    target = tmp_path / "out" / "progress"
    target.parent.mkdir()
    demo_ctx.interaction.files = [str(target)]
    saved = tab.save_as_pdf()
    assert saved == target.with_name("progress.pdf")  # the .pdf suffix is added
    assert "Søren Lindqvist" in pdf_text(saved.read_bytes())
    events = print_events(demo_ctx)
    assert len(events) == before + 1
    assert events[0].entity == "pdf_progress" and events[0].client_id == role_dispute.CLIENT_ID
    assert list(target.parent.iterdir()) == [saved]  # no temporary left beside it


def test_a_failed_save_says_so_in_a_sentence_and_records_nothing(tab, demo_ctx, qtbot, tmp_path):
    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    before = len(print_events(demo_ctx))
    demo_ctx.interaction.files = [str(tmp_path / "missing-folder" / "report.pdf")]
    assert tab.save_as_pdf() is None
    kind, title, text = demo_ctx.interaction.messages[-1]
    assert kind == "warn" and "report.pdf could not be" in text and "Traceback" not in text
    assert len(print_events(demo_ctx)) == before


def test_cancelled_save_writes_nothing(tab, demo_ctx, qtbot):
    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    before = len(print_events(demo_ctx))
    demo_ctx.interaction.files = []  # the save dialog was cancelled
    assert tab.save_as_pdf() is None
    assert len(print_events(demo_ctx)) == before and demo_ctx.interaction.messages == []


def test_printing_to_a_pdf_printer_sends_every_page(tab, demo_ctx, qtbot, tmp_path):
    from ipt_desktop.ui.reports.pdf_pages import prepare_printer

    pages = show_and_wait(qtbot, tab, demo_ctx, discharged.CLIENT_ID, kind="inventory")
    before = len(print_events(demo_ctx))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    prepare_printer(printer, tab.current_report().pdf)
    assert tab.print_to(printer)
    printed = PdfReader(str(out))
    assert len(printed.pages) == pages
    width = float(printed.pages[0].mediabox.width)
    assert abs(width - 595.3) < 2  # A4 like the report, not the printer's default paper
    events = print_events(demo_ctx)
    assert len(events) == before + 1 and events[0].entity == "pdf_inventory"


def test_open_in_viewer_writes_a_private_copy_removed_on_lock(tab, demo_ctx, qtbot, viewer_files,
                                                              monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    # The one stand-in: the operating system's PDF viewer (never our storage).
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    path = tab.open_in_viewer()
    assert path is not None and opened == [str(path)]
    assert path.read_bytes() == tab.current_report().pdf
    assert path.name.startswith("Lindqvist-Søren-progress-report-")
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert print_events(demo_ctx)[0].entity == "pdf_progress"
    tab.show_record(None)  # lock
    assert not path.exists()


def test_show_record_none_clears_the_preview(tab, demo_ctx, qtbot):
    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    tab.show_record(None)
    assert tab.current_report() is None
    assert tab.preview.page_count() == 0 and tab.preview.currentWidget() is tab.preview.message
    assert not tab.print_button.isEnabled() and tab.page_label.text() == ""
    assert tab.chooser.session_combo.count() == 0


def test_cached_until_the_client_changes(tab, demo_ctx, qtbot):
    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    first = tab.current_report()
    # Same client again (e.g. another tab saved something of another client): no re-render.
    demo_ctx.hub.changed.emit(Changes.of(discharged.CLIENT_ID, "sessions"))
    tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    assert tab.current_report() is first and not tab._jobs
    # A change to this client: the preview is rendered again.
    with qtbot.waitSignal(tab.preview_ready, timeout=30000):
        demo_ctx.hub.changed.emit(Changes.of(role_dispute.CLIENT_ID, "sessions"))
        tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    assert tab.current_report() is not first


def test_print_before_the_preview_is_ready_waits_for_it(tab, demo_ctx, qtbot, monkeypatch):
    called: list[int] = []
    monkeypatch.setattr(ReportsTab, "save_as_pdf", lambda self: called.append(1))
    tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    assert tab.current_report() is None
    tab._ready_or_queue("save_as_pdf")
    qtbot.waitUntil(lambda: called == [1], timeout=30000)


def test_client_without_episode_says_there_is_nothing_to_print(ctx, qtbot, viewer_files):
    from ipt_desktop.domain.records import Client, ClientRecord

    tab = ReportsTab(ctx, viewer_files=viewer_files)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_record(ClientRecord(client=Client(id="c1", first_name="Ada", last_name="Example")))
    assert "no IPT episode" in tab.preview.message.text()
    assert not tab.print_button.isEnabled()


@pytest.mark.parametrize("kind", ["session", "progress", "inventory"])
def test_every_kind_previews_for_an_active_client(tab, demo_ctx, qtbot, kind):
    assert show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID, kind=kind) >= 1


def test_a_profile_change_renders_the_visible_preview_again(tab, demo_ctx, qtbot):
    import dataclasses

    from ipt_desktop.services.practice import get_profile, update_profile

    show_and_wait(qtbot, tab, demo_ctx, role_dispute.CLIENT_ID)
    assert "Test Practice" in pdf_text(tab.current_report().pdf)
    profile = dataclasses.replace(get_profile(demo_ctx.practice), practice_name="Harbour Lane Practice")
    changes = update_profile(demo_ctx.practice, profile=profile)
    # No show_record follows a profile change: the tab refreshes itself.
    with qtbot.waitSignal(tab.preview_ready, timeout=30000):
        demo_ctx.hub.changed.emit(changes)
    assert "Harbour Lane Practice" in pdf_text(tab.current_report().pdf)


def test_a_change_while_rendering_drops_the_stale_result(tab, demo_ctx, qtbot):
    tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    stale_token = tab._token
    with qtbot.waitSignal(tab.preview_ready, timeout=30000):
        demo_ctx.hub.changed.emit(Changes.of(role_dispute.CLIENT_ID, "sessions"))
        tab.show_record(record(demo_ctx, role_dispute.CLIENT_ID))
    assert tab._token > stale_token
    assert tab.current_report() is not None
