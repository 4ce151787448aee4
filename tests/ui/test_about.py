"""Help ▸ About: version, privacy promise, component versions, and every licence text readable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop import __version__
from ipt_desktop.ui.about import LICENCES, OBJECT_ROLE, AboutDialog, LicencesModel, component_versions


def test_about_shows_version_privacy_and_a_licence_text(ctx, qtbot):
    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.version_label.text()
    assert "IPT Desktop makes no network connections" in dialog.privacy_label.text()
    assert str(ctx.practice.db_path) in dialog.privacy_label.text()
    # The first entry (Qt/PySide6) shows the LGPLv3 text.
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    row = next(i for i, e in enumerate(LICENCES) if e.component.startswith("ReportLab"))
    dialog.select_licence(row)
    assert "ReportLab" in dialog.licence_name.text()
    assert "Redistribution and use in source and binary forms" in dialog.licence_text.toPlainText()
    Path("/tmp/shots").mkdir(exist_ok=True)
    dialog.select_licence(1)
    dialog.grab().save("/tmp/shots/about_dialog.png")


def test_every_licence_file_is_bundled_and_the_fonts_are_referenced_not_copied():
    for entry in LICENCES:
        text = entry.text()
        assert "is missing from this installation" not in text, entry.component
        assert len(text) > 400, entry.component
    fonts = next(e for e in LICENCES if e.component.startswith("DejaVu"))
    assert fonts.files == (("fonts", "LICENSE-DejaVu.txt"),)
    assert "Bitstream" in fonts.text()
    for name in ("Qt", "SQLCipher", "SQLAlchemy", "SQLModel", "Alembic", "ReportLab", "pypdfium2", "PDFium"):
        assert any(e.component.startswith(name) for e in LICENCES), name


def test_versions_list_the_runtime_parts():
    labels = dict(component_versions())
    assert {"Python", "Qt", "PySide6", "ReportLab"} <= set(labels)
    assert all(labels.values())


def test_licences_model(qapp):
    model = LicencesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == len(LICENCES)
    index = model.index(0, 0)
    assert model.data(index, OBJECT_ROLE) is LICENCES[0]
    assert model.data(index) == LICENCES[0].component


def test_escape_closes_the_dialog(ctx, qtbot):
    from PySide6.QtCore import Qt

    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
