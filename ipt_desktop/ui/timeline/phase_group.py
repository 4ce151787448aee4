"""One IPT phase on the timeline: its heading, its task checklist and its session cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ipt_desktop.ui.timeline.flow_layout import FlowLayout
from ipt_desktop.ui.timeline.session_card import SessionCard

_DONE_COLOUR = "#009E73"


class PhaseGroup(QWidget):
    def __init__(self, key: str, heading: str, numbers: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.heading = QLabel(heading)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.heading.setAccessibleName(heading)

        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.checklist.setWordWrap(True)
        self.tasks: list[tuple[str, bool]] = []

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.cards: dict[int, SessionCard] = {}
        card_area = QWidget()
        self._flow = FlowLayout(card_area, spacing=10)
        for number in numbers:
            card = SessionCard(number, card_area)
            self._flow.addWidget(card)
            self.cards[number] = card

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(line)
        layout.addWidget(self.checklist)
        layout.addWidget(card_area)

    def set_tasks(self, tasks: list[tuple[str, bool]]) -> None:
        """(label, done) pairs; a tick and the word "done"/"to do" in the accessible text, so
        the state is not carried by colour alone."""
        self.tasks = list(tasks)
        if not tasks:
            self.checklist.hide()
            return
        parts = []
        for label, done in tasks:
            mark = (f'<span style="color:{_DONE_COLOUR}; font-weight:bold">\u2611</span>' if done
                    else "<span>\u2610</span>")
            parts.append(f'<span style="white-space:nowrap">{mark}&nbsp;{_escape(label)}</span>')
        self.checklist.setText(
            f"<b>{_escape(self.tr('IPT tasks:'))}</b>&nbsp;&nbsp;" + "&nbsp;&nbsp;&nbsp; ".join(parts))
        self.checklist.setAccessibleName(
            self.tr("IPT tasks: ") + "; ".join(
                f"{label} " + (self.tr("done") if done else self.tr("to do")) for label, done in tasks))
        self.checklist.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
