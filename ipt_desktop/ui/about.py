"""Help ▸ About: version, the versions of the parts underneath, the privacy promise, and the
licences of every bundled library and font (the texts ship in resources/licences)."""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QListView, QPlainTextEdit,
    QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ipt_desktop import APP_NAME, __version__
from ipt_desktop.assets import asset_path
from ipt_desktop.ui import theme
from ipt_desktop.ui.icons import app_icon

log = logging.getLogger(__name__)
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class LicenceEntry:
    component: str
    licence: str
    files: tuple[tuple[str, ...], ...]  # paths under resources/, shown one after the other

    def text(self) -> str:
        """The licence texts, or a sentence naming a missing file (a broken bundle, not a crash)."""
        parts = []
        for parts_path in self.files:
            path = asset_path(*parts_path)
            try:
                parts.append(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                log.warning("licence text %s is missing", "/".join(parts_path))
                parts.append(f"[The licence file {'/'.join(parts_path)} is missing from this installation.]")
        return ("\n\n" + "=" * 78 + "\n\n").join(part.strip("\n") for part in parts) + "\n"


def _lic(name: str) -> tuple[str, ...]:
    return ("licences", name)


LICENCES: tuple[LicenceEntry, ...] = (
    LicenceEntry("Qt 6, PySide6 and Shiboken6", "LGPL-3.0",
                 (_lic("Qt-PySide6.txt"), _lic("LGPL-3.0.txt"), _lic("GPL-3.0.txt"))),
    LicenceEntry("SQLCipher, SQLite, OpenSSL", "BSD-style; SQLite public domain; OpenSSL Apache-2.0",
                 (_lic("SQLCipher.txt"), _lic("Apache-2.0.txt"))),
    LicenceEntry("sqlcipher3", "zlib", (_lic("sqlcipher3.txt"),)),
    LicenceEntry("SQLAlchemy", "MIT", (_lic("SQLAlchemy.txt"),)),
    LicenceEntry("SQLModel", "MIT", (_lic("sqlmodel.txt"),)),
    LicenceEntry("Alembic", "MIT", (_lic("Alembic.txt"),)),
    LicenceEntry("Mako", "MIT", (_lic("Mako.txt"),)),
    LicenceEntry("MarkupSafe", "BSD-3-Clause", (_lic("MarkupSafe.txt"),)),
    LicenceEntry("pydantic", "MIT", (_lic("pydantic.txt"),)),
    LicenceEntry("pydantic-core", "MIT", (_lic("pydantic-core.txt"),)),
    LicenceEntry("annotated-types", "MIT", (_lic("annotated-types.txt"),)),
    LicenceEntry("typing-inspection", "MIT", (_lic("typing-inspection.txt"),)),
    LicenceEntry("typing_extensions", "PSF-2.0", (_lic("typing_extensions.txt"),)),
    LicenceEntry("ReportLab", "BSD", (_lic("ReportLab.txt"),)),
    LicenceEntry("Pillow", "MIT-CMU", (_lic("Pillow.txt"),)),
    LicenceEntry("charset-normalizer", "MIT", (_lic("charset-normalizer.txt"),)),
    LicenceEntry("pypdfium2", "Apache-2.0 or BSD-3-Clause",
                 (_lic("pypdfium2-BSD-3-Clause.txt"), _lic("Apache-2.0.txt"))),
    LicenceEntry("PDFium and its libraries", "BSD-3-Clause, Apache-2.0 and others", (_lic("PDFium.txt"),)),
    LicenceEntry("DejaVu fonts (PDF reports)", "Bitstream Vera / Arev, public domain changes",
                 (("fonts", "LICENSE-DejaVu.txt"),)),
    LicenceEntry("Python", "PSF-2.0", (_lic("Python-PSF.txt"),)),
)


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def component_versions() -> list[tuple[str, str]]:
    """(component, version) for the about box and bug reports. Read from package metadata, so
    ReportLab, SQLCipher and PDFium are not loaded just to show a number."""
    rows = [("Python", platform.python_version()), ("Qt", qVersion()), ("PySide6", pyside_version)]
    # SQLCipher's own version needs an open database (PRAGMA cipher_version) and there is no store
    # helper for it; the binding's version identifies the bundled SQLCipher build.
    for label, dist in (("sqlcipher3 (SQLCipher)", "sqlcipher3"), ("SQLAlchemy", "SQLAlchemy"),
                        ("ReportLab", "reportlab"), ("pypdfium2 (PDFium)", "pypdfium2")):
        version = _dist_version(dist)
        if version:
            rows.append((label, version))
    return rows


class LicencesModel(QAbstractListModel):
    def __init__(self, entries: tuple[LicenceEntry, ...] = LICENCES, parent=None) -> None:
        super().__init__(parent)
        self._entries = entries

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.component
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.licence
        if role == SORT_ROLE:
            return entry.component.casefold()
        if role == OBJECT_ROLE:
            return entry
        return None


class AboutDialog(QDialog):
    def __init__(self, ctx=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        self.resize(900, 640)  # the licence texts are 80 columns wide: shown unwrapped

        icon_label = QLabel(self)
        icon_label.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<b style='font-size:16pt'>{APP_NAME}</b>", self)
        self.version_label = QLabel(self.tr("Version %1").replace("%1", __version__), self)
        self.version_label.setObjectName("aboutVersion")
        tagline = QLabel(self.tr("Offline charting for Interpersonal Psychotherapy. It supports, and does "
                                 "not replace, clinical judgement."), self)
        tagline.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        for widget in (title, self.version_label, tagline):
            heading.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(heading, 1)

        self.privacy_label = QLabel(self.tr("Your records stay on this computer. IPT Desktop makes no "
                                            "network connections."), self)
        self.privacy_label.setObjectName("aboutPrivacy")
        self.privacy_label.setWordWrap(True)
        practice = getattr(ctx, "practice", None)
        if practice is not None and not practice.closed:
            self.privacy_label.setText(self.privacy_label.text() + " " + self.tr(
                "This practice is kept in %1.").replace("%1", str(practice.db_path)))
        self.privacy_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        versions = QFormLayout()
        versions.setHorizontalSpacing(16)
        versions.setVerticalSpacing(2)
        self.versions = component_versions()
        for name, version in self.versions:
            value = QLabel(version, self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            versions.addRow(name, value)
        copy = QPushButton(self.tr("Copy &versions"), self)
        copy.setToolTip(self.tr("Copy these version numbers, e.g. for a problem report"))
        copy.clicked.connect(self.copy_versions)
        copy_row = QHBoxLayout()
        copy_row.addWidget(copy)
        copy_row.addStretch(1)
        versions.addRow("", copy_row)

        licences_title = QLabel(self.tr("Open-source components and their &licences:"), self)
        self.licences = LicencesModel(parent=self)
        self.licence_list = QListView(self)
        self.licence_list.setObjectName("aboutLicences")
        self.licence_list.setModel(self.licences)
        self.licence_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        licences_title.setBuddy(self.licence_list)
        self.licence_text = QPlainTextEdit(self)
        self.licence_text.setObjectName("aboutLicenceText")
        self.licence_text.setReadOnly(True)
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_name = QLabel(self)
        self.licence_name.setStyleSheet(theme.hint_css(self))
        self.licence_name.setWordWrap(True)
        text_box = QWidget(self)
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.licence_name)
        text_layout.addWidget(self.licence_text, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.licence_list)
        splitter.addWidget(text_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 620])
        splitter.setChildrenCollapsible(False)
        self.licence_list.selectionModel().currentChanged.connect(self._show_licence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.privacy_label)
        layout.addLayout(versions)
        layout.addSpacing(6)
        layout.addWidget(licences_title)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.select_licence(0)

    def select_licence(self, row: int) -> None:
        self.licence_list.setCurrentIndex(self.licences.index(row, 0))

    def _show_licence(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(OBJECT_ROLE) if current.isValid() else None
        if entry is None:
            self.licence_text.clear()
            self.licence_name.clear()
            return
        self.licence_name.setText(f"{entry.component} \u2014 {entry.licence}")
        self.licence_text.setPlainText(entry.text())

    def copy_versions(self) -> None:
        lines = [f"{APP_NAME} {__version__}"] + [f"{name} {version}" for name, version in self.versions]
        QGuiApplication.clipboard().setText("\n".join(lines))
