"""Which document to print: the report kind and, for a session note, which session.

A kind that cannot be printed for this client stays in the list, greyed out, with the reason
both as its tooltip and in a line under the pickers (a disabled item alone does not say why).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ipt_desktop.domain.records import ClientRecord, Episode, Session
from ipt_desktop.ui import theme
from ipt_desktop.ui.formatting import format_date

KINDS = ("session", "progress", "discharge", "inventory")
DEFAULT_KIND = "progress"


class ReportChooser(QWidget):
    changed = Signal()  # the kind or the session changed (by the user or by a new record)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._episode: Episode | None = None
        self._client_id: str | None = None
        self._reasons: dict[str, str] = {}
        self._quiet = False

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("reportKind")
        labels = {"session": self.tr("Session note"), "progress": self.tr("Progress report"),
                  "discharge": self.tr("Discharge summary"),
                  "inventory": self.tr("Interpersonal inventory sheet")}
        for kind in KINDS:
            self.kind_combo.addItem(labels[kind], kind)
        self.kind_combo.setCurrentIndex(KINDS.index(DEFAULT_KIND))
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_label = QLabel(self.tr("&Document:"), self)
        kind_label.setBuddy(self.kind_combo)

        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("reportSession")
        self.session_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.session_combo.setMinimumContentsLength(22)
        self.session_label = QLabel(self.tr("Sessi&on:"), self)
        self.session_label.setBuddy(self.session_combo)

        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("reportReason")
        self.reason_label.setStyleSheet(theme.hint_css(self))
        # Ignored: a long reason is cut in a narrow window instead of widening the whole chart.
        self.reason_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(kind_label)
        row.addWidget(self.kind_combo)
        row.addSpacing(12)
        row.addWidget(self.session_label)
        row.addWidget(self.session_combo)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.reason_label)

        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.session_combo.currentIndexChanged.connect(self._on_session)
        self._sync_session_visibility()

    # -- state ------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kind_combo.currentData() or DEFAULT_KIND

    def current_session(self) -> int | None:
        """The chosen session number (only meaningful for a session note)."""
        number = self.session_combo.currentData()
        return int(number) if number is not None else None

    def is_kind_enabled(self, kind: str) -> bool:
        return kind not in self._reasons and self._episode is not None

    def reason(self, kind: str) -> str:
        return self._reasons.get(kind, "")

    def set_kind(self, kind: str) -> bool:
        """Choose ``kind``; False (and nothing changes) when it is disabled for this client."""
        if kind not in KINDS or not self.is_kind_enabled(kind):
            return False
        self.kind_combo.setCurrentIndex(KINDS.index(kind))
        return True

    def set_session(self, number: int) -> bool:
        index = self.session_combo.findData(number)
        if index < 0:
            return False
        self.kind_combo.setCurrentIndex(KINDS.index("session"))
        self.session_combo.setCurrentIndex(index)
        return True

    # -- record -----------------------------------------------------------------------------
    def set_episode(self, client_id: str | None, episode: Episode | None) -> None:
        """Refill from a (new or re-read) record; keeps the choice when it is still possible."""
        same_episode = (client_id == self._client_id and episode is not None and self._episode is not None
                        and episode.id == self._episode.id)
        kept_session = self.current_session() if same_episode else None
        self._client_id, self._episode = client_id, episode
        self._quiet = True
        try:
            self._fill_sessions(episode, kept_session)
            self._update_reasons(episode)
            if not self.is_kind_enabled(self.current_kind()) and episode is not None:
                self.kind_combo.setCurrentIndex(KINDS.index(DEFAULT_KIND))
        finally:
            self._quiet = False
        self._sync_session_visibility()
        self.changed.emit()

    def clear(self) -> None:
        self.set_episode(None, None)

    def _fill_sessions(self, episode: Episode | None, keep: int | None) -> None:
        self.session_combo.clear()
        sessions = sorted(episode.sessions, key=lambda s: s.number) if episode is not None else []
        for session in sessions:
            self.session_combo.addItem(self.session_text(session), session.number)
        if not sessions:
            return
        kept = keep is not None and self.session_combo.findData(keep) >= 0
        target = keep if kept else default_session(sessions)
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(target)))

    def session_text(self, session: Session) -> str:
        """"Session 3 · 21 Sep 2026 · attended"."""
        status = {"attended": self.tr("attended"), "scheduled": self.tr("scheduled"),
                  "cancelled": self.tr("cancelled"),
                  "no_show": self.tr("no show")}.get(session.status, session.status)
        return (self.tr("Session %1").replace("%1", str(session.number))
                + f" \u00b7 {format_date(session.scheduled_at)} \u00b7 {status}")

    def _update_reasons(self, episode: Episode | None) -> None:
        reasons: dict[str, str] = {}
        if episode is not None:
            if not episode.sessions:
                reasons["session"] = self.tr("A session note needs a session; this episode has none yet.")
            if episode.discharge is None:
                reasons["discharge"] = self.tr("A discharge summary can be printed once this episode is "
                                               "discharged (Overview \u25b8 Discharge\u2026).")
        self._reasons = reasons
        model = self.kind_combo.model()
        assert isinstance(model, QStandardItemModel)
        for row, kind in enumerate(KINDS):
            item = model.item(row)
            enabled = episode is not None and kind not in reasons
            item.setEnabled(enabled)
            item.setToolTip(reasons.get(kind, ""))
        self.reason_label.setText(" ".join(reasons.get(kind, "") for kind in ("discharge", "session")
                                           if kind in reasons).strip())
        self.reason_label.setVisible(bool(reasons))

    # -- signals ----------------------------------------------------------------------------
    def _on_kind(self, _index: int) -> None:
        self._sync_session_visibility()
        if not self._quiet:
            self.changed.emit()

    def _on_session(self, _index: int) -> None:
        if not self._quiet and self.current_kind() == "session":
            self.changed.emit()

    def _sync_session_visibility(self) -> None:
        show = self.current_kind() == "session"
        self.session_label.setVisible(show)
        self.session_combo.setVisible(show)


def default_session(sessions: list[Session]) -> int:
    """The latest attended session, else the first one (a new episode's first appointment)."""
    attended = [s.number for s in sessions if s.status == "attended"]
    return max(attended) if attended else sessions[0].number


def episode_of(record: ClientRecord | None) -> Episode | None:
    return record.latest_episode if record is not None else None
