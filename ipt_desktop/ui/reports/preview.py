"""The in-app preview: page images in a scroll area, scaled to fit its width.

The images arrive already rendered (on the worker); here they are only scaled, on the GUI
thread, whenever the width changes (debounced so dragging a splitter stays smooth).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from ipt_desktop.ui import theme

PAGE_GAP = 12
SIDE_MARGIN = 12


class PdfPreview(QStackedWidget):
    """Page 0: a message ("Preparing…", an error sentence); page 1: the scrolling pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self._images: tuple[QImage, ...] = ()
        self._scaled_width = 0

        self.message = QLabel(self)
        self.message.setObjectName("reportPreviewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.hint_css(self))
        self.message.setMargin(24)

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("reportPreviewScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A darker backdrop makes the white pages read as sheets of paper in both schemes.
        self.pages_widget = QWidget()
        self.pages_widget.setBackgroundRole(QPalette.ColorRole.Mid)
        self.pages_widget.setAutoFillBackground(True)
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setContentsMargins(SIDE_MARGIN, SIDE_MARGIN, SIDE_MARGIN, SIDE_MARGIN)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.pages_widget)
        self.page_labels: list[QLabel] = []

        self.addWidget(self.message)
        self.addWidget(self.scroll)
        # Small minimum: the chart hosts tabs in a scroll area, and a large minimum here would
        # make the whole tab scroll instead of the pages.
        self.setMinimumSize(200, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._rescale_timer = QTimer(self)
        self._rescale_timer.setSingleShot(True)
        self._rescale_timer.setInterval(40)
        self._rescale_timer.timeout.connect(self._rescale)
        self.scroll.viewport().installEventFilter(self)

    # -- content ---------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """Replace the pages (if any) by a sentence, e.g. "Preparing the report…"."""
        self.message.setText(text)
        self.setCurrentIndex(0)

    def clear(self) -> None:
        self._set_images(())
        self.show_message("")

    def set_pages(self, images: tuple[QImage, ...], *, keep_scroll: bool = False) -> None:
        position = self.scroll.verticalScrollBar().value() if keep_scroll else 0
        self._set_images(images)
        self.setCurrentIndex(1)
        self._rescale()
        self.scroll.verticalScrollBar().setValue(position)

    def page_count(self) -> int:
        return len(self._images)

    def _set_images(self, images: tuple[QImage, ...]) -> None:
        self._images = tuple(images)
        while len(self.page_labels) > len(self._images):
            label = self.page_labels.pop()
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        while len(self.page_labels) < len(self._images):
            label = QLabel(self.pages_widget)
            label.setObjectName(f"reportPage{len(self.page_labels) + 1}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(len(self.page_labels) + 1)))
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self._scaled_width = 0

    # -- fit width -------------------------------------------------------------------------
    def _target_width(self) -> int:
        return max(120, self.scroll.viewport().width() - 2 * SIDE_MARGIN)

    def _rescale(self) -> None:
        width = self._target_width()
        if not self._images or width == self._scaled_width:
            return
        self._scaled_width = width
        ratio = self.devicePixelRatioF()
        for label, image in zip(self.page_labels, self._images):
            scaled = image.scaledToWidth(int(width * ratio), Qt.TransformationMode.SmoothTransformation)
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())
        # Lay out now rather than on the next event: a grab or a scroll right after set_pages()
        # must see the pages where they will be.
        # (LayoutRequest sent now: the column re-measures its pages, then the scroll area resizes it.)
        QCoreApplication.sendEvent(self.pages_widget, QEvent(QEvent.Type.LayoutRequest))
        QCoreApplication.sendEvent(self.scroll, QEvent(QEvent.Type.LayoutRequest))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # The viewport, not this widget: its width also changes when the scroll bar appears.
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self._images:
            self._rescale_timer.start()
        return super().eventFilter(watched, event)
