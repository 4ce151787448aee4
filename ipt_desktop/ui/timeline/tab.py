"""The Timeline tab: every session of the episode's protocol as cards under its phase headings.

Each phase shows the IPT task checklist ticked from the data (domain.tasks). The next upcoming
session is highlighted and the session where termination must be raised is marked. Opening a
card (click, Enter or Space) opens the session editor, which saves through the services itself.

show_record() with the same episode updates the cards in place, so the scroll position and the
focused card survive the refresh the main window triggers after every write.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ipt_desktop.domain.episode_stats import attendance, next_session
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import ClientRecord, Episode, Session
from ipt_desktop.domain.tasks import phase_tasks
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.timeline.labels import session_measures
from ipt_desktop.ui.timeline.phase_group import PhaseGroup
from ipt_desktop.ui.timeline.session_card import SessionCard

log = logging.getLogger(__name__)


def _now_wall_clock() -> str:
    return _dt.datetime.now().strftime("%Y-%m-%dT%H:%M")


class TimelineTab(QWidget):
    # Emitted with the SessionEditorDialog each time one is opened (the shell and tests use it).
    editor_opened = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # The clock is a seam so tests can pin "now" without touching the system time.
        self.now: Callable[[], str] = _now_wall_clock
        self.record: ClientRecord | None = None
        self.episode: Episode | None = None
        self.groups: list[PhaseGroup] = []
        self.cards: dict[int, SessionCard] = {}
        self.editor = None
        self._layout_key: tuple | None = None

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._content = QWidget()
        self._content_layout = QVBoxLayout(self._content)
        self._content_layout.setContentsMargins(16, 12, 16, 16)
        self._content_layout.setSpacing(18)
        self._content_layout.addWidget(self.summary)
        self._content_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self._content)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_record(None)

    # -- chart tab contract -----------------------------------------------------------------
    def show_record(self, record: ClientRecord | None) -> None:
        self.record = record
        episode = record.latest_episode if record is not None else None
        if self.editor is not None and (episode is None or self.episode is None
                                        or episode.id != self.episode.id):
            # Another client or a lock: the shell has already flushed (and asked the therapist
            # if that failed), so save once more and then close whatever happens — a dialog
            # must not stay on screen over a locked practice or another client's chart.
            self.editor.flush()
            self.editor.discard_and_close()
        self.episode = episode
        if record is None:
            self._clear(self.tr("No client selected."))
            return
        if episode is None:
            self._clear(self.tr("%1 has no course of IPT yet. Start one with the button above the tabs.")
                        .replace("%1", record.client.full_name))
            return
        key = (episode.id, episode.protocol, tuple(sorted(s.number for s in episode.sessions)))
        if key != self._layout_key:
            self._build(episode)
            self._layout_key = key
        self._fill(episode)
        self.stack.setCurrentWidget(self.scroll)
        if self.editor is not None:
            self.editor.set_episode(episode)

    def flush(self) -> bool:
        """The tab holds no text of its own; an open session editor saves what it holds."""
        if self.editor is not None:
            return bool(self.editor.flush())
        return True

    # -- opening sessions ------------------------------------------------------------------
    def open_session(self, number: int):
        """Open the editor for session ``number`` (window-modal, non-blocking); returns it."""
        from ipt_desktop.ui.session_editor.dialog import SessionEditorDialog

        if self.episode is None:
            return None
        session = self._session(number)
        if session is None:
            self.ctx.interaction.inform(
                self.tr("Session not planned"),
                self.tr("Session %1 is not planned in this episode.").replace("%1", str(number)))
            return None
        if self.editor is not None:
            if self.editor.session.number == number:
                self.editor.raise_()
                return self.editor
            if not self.editor.flush():
                return self.editor
            self.editor.close()
        dialog = SessionEditorDialog(self.ctx, self.episode, session, parent=self)
        dialog.finished.connect(lambda _result, d=dialog: self._editor_closed(d))
        self.editor = dialog
        dialog.open()
        self.editor_opened.emit(dialog)
        return dialog

    def _editor_closed(self, dialog) -> None:
        if self.editor is dialog:
            self.editor = None
            card = self.cards.get(dialog.session.number)
            if card is not None:
                card.setFocus(Qt.FocusReason.OtherFocusReason)
        dialog.deleteLater()

    # -- building ----------------------------------------------------------------------------
    def _discard_groups(self) -> None:
        # Hidden first: a removed widget stays a visible child of the content until its deferred
        # delete runs, and would paint over the summary line in the meantime.
        for group in self.groups:
            self._content_layout.removeWidget(group)
            group.hide()
            group.deleteLater()
        self.groups, self.cards = [], {}

    def _clear(self, message: str) -> None:
        self.empty_label.setText(message)
        self.stack.setCurrentWidget(self.empty_label)
        self._discard_groups()
        self._layout_key = None
        self.summary.clear()

    def _build(self, episode: Episode) -> None:
        self._discard_groups()
        for key, heading, numbers in self._plan(episode):
            group = PhaseGroup(key, heading, numbers, self._content)
            # Insert before the trailing stretch.
            self._content_layout.insertWidget(self._content_layout.count() - 1, group)
            self.groups.append(group)
            for number, card in group.cards.items():
                card.activated.connect(self.open_session)
                self.cards[number] = card
        previous: QWidget | None = None
        for number in sorted(self.cards):
            # Keyboard order follows session numbers, not the order widgets were created.
            if previous is not None:
                QWidget.setTabOrder(previous, self.cards[number])
            previous = self.cards[number]
        self.scroll.verticalScrollBar().setValue(0)

    def _plan(self, episode: Episode) -> list[tuple[str, str, list[int]]]:
        protocol = PROTOCOLS.get(episode.protocol)
        numbers = sorted({s.number for s in episode.sessions})
        if protocol is None:
            # A protocol from a newer version: still show every session, just without phases.
            return [("sessions", self.tr("Sessions"), numbers)]
        plan = [(p.key, self.tr(p.heading), list(range(p.first, p.last + 1))) for p in protocol.phases]
        extra = [n for n in numbers if not 1 <= n <= protocol.sessions]
        if extra:
            plan.append(("extra", self.tr("Additional sessions"), extra))
        return plan

    def _fill(self, episode: Episode) -> None:
        protocol = PROTOCOLS.get(episode.protocol)
        upcoming = next_session(episode, self.now())
        raise_at = protocol.termination_raise_session if protocol else None
        for number, card in self.cards.items():
            card.set_data(self._session(number), session_measures(episode, number),
                          raise_termination=(number == raise_at),
                          is_next=(upcoming is not None and upcoming.number == number))
        try:
            tasks = phase_tasks(episode) if protocol else {}
        except Exception:  # noqa: BLE001 - a checklist bug must not blank the whole tab
            log.exception("could not work out the IPT task checklist")
            tasks = {}
        for group in self.groups:
            group.set_tasks([(self.tr(t.label), t.done) for t in tasks.get(group.key, ())])
        self.summary.setText(self._summary_text(episode, upcoming))

    def _summary_text(self, episode: Episode, upcoming: Session | None) -> str:
        from ipt_desktop.ui.formatting import format_datetime

        protocol = PROTOCOLS.get(episode.protocol)
        counts = attendance(episode)
        name = f"{protocol.short_name} \u2014 {self.tr(protocol.name)}" if protocol else episode.protocol
        parts = [name, self.tr("attended %1 of %2").replace("%1", str(counts.attended))
                 .replace("%2", str(counts.planned))]
        if upcoming is not None:
            parts.append(self.tr("next: session %1, %2").replace("%1", str(upcoming.number))
                         .replace("%2", format_datetime(upcoming.scheduled_at)))
        return " \u00b7 ".join(parts)

    def _session(self, number: int) -> Session | None:
        if self.episode is None:
            return None
        return next((s for s in self.episode.sessions if s.number == number), None)
