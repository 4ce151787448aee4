"""The chart header: who the client is, where the therapy stands, and a red banner when at risk."""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ipt_desktop.domain.episode_stats import attendance, current_phase
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.domain.risk import episode_risk
from ipt_desktop.ui import formatting, theme
from ipt_desktop.ui.icons import icon

_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def readable_reason(reason: str) -> str:
    """Domain sentences carry ISO dates; people read "on 5 Oct 2026"."""
    return _ISO_DATE.sub(lambda m: formatting.format_date(m.group(1), empty=m.group(1)), reason)


class RiskBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskBanner")
        self.setAccessibleName(self.tr("Risk flag"))
        self.icon_label = QLabel(self)
        self.icon_label.setPixmap(icon("risk-flag").pixmap(22, 22))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(self)
        self.text_label.setObjectName("riskText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        self._restyle()

    def set_reasons(self, reasons: tuple[str, ...]) -> None:
        lines = [self.tr("Risk flagged \u2014 review safety with the client:")]
        lines += [f"\u2022 {readable_reason(r)}" for r in reasons]
        self.text_label.setText("\n".join(lines))

    def text(self) -> str:
        return self.text_label.text()

    def _restyle(self) -> None:
        colours = theme.risk_colours()
        sheet = (f"#riskBanner {{ background: {colours.background.name()}; border: 1px solid "
                 f"{colours.border.name()}; border-radius: 4px; }} "
                 f"#riskText {{ color: {colours.text.name()}; }}")
        # Setting a style sheet itself sends a palette change: only set it when it differs,
        # which also ends that loop.
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() in (event.Type.PaletteChange, event.Type.ThemeChange):
            self._restyle()
        super().changeEvent(event)


class ChartHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("chartName")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("chartDetails")
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setStyleSheet(theme.hint_css(self))
        self.risk_banner = RiskBanner(self)
        self.risk_banner.hide()
        self.risk_banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.name_label)
        layout.addWidget(self.detail_label)
        layout.addSpacing(4)
        layout.addWidget(self.risk_banner)

    def show_record(self, record: ClientRecord | None, *, today: _dt.date | None = None) -> None:
        if record is None:
            self.name_label.clear()
            self.detail_label.clear()
            self.risk_banner.set_reasons(())
            self.risk_banner.hide()
            return
        client = record.client
        name = client.full_name
        preferred = (client.preferred_name or "").strip()
        if preferred and preferred.casefold() != client.first_name.strip().casefold():
            name += f" (\u201c{preferred}\u201d)"
        self.name_label.setText(name)
        self.detail_label.setText(" \u00b7 ".join(self._details(record, today or _dt.date.today())))
        episode = record.latest_episode
        risk = episode_risk(episode) if episode is not None and episode.discharge is None else None
        if risk:
            self.risk_banner.set_reasons(risk.reasons)
            self.risk_banner.show()
        else:
            self.risk_banner.set_reasons(())
            self.risk_banner.hide()

    def _details(self, record: ClientRecord, today: _dt.date) -> list[str]:
        client = record.client
        parts: list[str] = []
        years = formatting.format_age(client.date_of_birth, today)
        if years:
            parts.append(years)
        if client.pronouns:
            parts.append(client.pronouns)
        episode = record.latest_episode
        if episode is None:
            parts.append(self.tr("No IPT episode yet"))
            return parts
        protocol = PROTOCOLS.get(episode.protocol)
        parts.append(protocol.name if protocol else episode.protocol)
        if episode.discharge is not None or client.status == "discharged":
            end = episode.discharge.date if episode.discharge else episode.end_date
            parts.append(self.tr("Discharged %1").replace("%1", formatting.format_date(end)))
            return parts
        phase = current_phase(episode, today) if protocol else None
        if phase is not None:
            parts.append(self.tr("%1 phase").replace("%1", self.tr(phase.label)))
        if protocol is not None:
            # The attended count, as in the client list and the timeline ("7 of 16"); the slot
            # number can run ahead of it when a session was cancelled.
            parts.append(self.tr("%1 of %2 sessions attended")
                         .replace("%1", str(attendance(episode).attended))
                         .replace("%2", str(protocol.sessions)))
        return parts
