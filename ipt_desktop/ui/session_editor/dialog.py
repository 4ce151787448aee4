"""Edit one session: time, status, focus, interventions, notes, homework, risk, mood, measures.

The dialog autosaves: text after a short idle and whenever a field is left, everything on
close. Closing never discards (Escape and the window's close button save too); a save that
fails keeps the dialog open with the text in it and says why. Moving the session's date/time
asks whether every later session should move by the same amount.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ipt_desktop.domain.protocols import wall_clock_delta
from ipt_desktop.domain.records import Episode, Session
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.changes import NOTHING, Changes
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.formatting import format_datetime
from ipt_desktop.ui.session_editor.form import SessionForm
from ipt_desktop.ui.session_editor.measures_panel import SessionMeasuresPanel
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel

log = logging.getLogger(__name__)

AUTOSAVE_MS = 800


def _describe_delta(delta: _dt.timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) + (" later" if delta > _dt.timedelta(0) else " earlier")


class SessionEditorDialog(QDialog):
    def __init__(self, ctx: AppContext, episode: Episode, session: Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.episode = episode
        self.session = session  # as last stored
        self._warned = False
        self._dirty = False
        self._saving = False
        self._discarding = False

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)

        self.form = SessionForm()
        self.form.load(session)
        self.measures = SessionMeasuresPanel(ctx, episode, session.number, session.scheduled_at[:10])
        self.form.right_column.addWidget(self.measures)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.addWidget(self.form)
        # Scrolls only on screens smaller than the 1280x800 the dialog is laid out for.
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.failure = FieldErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText(self.tr("Save and close"))
        close_button.setDefault(True)
        close_button.setToolTip(
            self.tr("Changes are saved as you type; this saves anything left and closes."))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        bottom = QVBoxLayout()
        bottom.addWidget(self.failure)
        bottom.addWidget(self.status_line)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(lambda: self.save(include_time=False))
        self.form.edited.connect(self._edited)
        self.form.commit_requested.connect(lambda: self.save(include_time=False) if self._dirty else None)
        self.form.time_committed.connect(self._time_committed)
        self._refresh_heading()
        self.resize(1120, 720)

    # -- state -----------------------------------------------------------------------------------
    def _refresh_heading(self) -> None:
        text = self.tr("Session %1 \u2014 %2").replace("%1", str(self.session.number)) \
            .replace("%2", format_datetime(self.session.scheduled_at))
        self.heading.setText(text)
        self.setWindowTitle(text)

    def set_episode(self, episode: Episode) -> None:
        """A fresh copy of the episode after any write: refresh the measures list and what the
        dialog knows about later sessions, without touching what is being typed."""
        if episode.id != self.episode.id:
            return
        self.episode = episode
        self.measures.set_episode(episode)
        stored = next((s for s in episode.sessions if s.number == self.session.number), None)
        if stored is None or stored == self.session or self._dirty:
            return  # our own save coming back, or the therapist's typing wins
        # Changed elsewhere (e.g. moved by a shift): show it, keeping a date/time being edited.
        pending_time = self.form.scheduled_at()
        time_edited = pending_time != self.session.scheduled_at
        self.session = stored
        self.form.load(stored)
        if time_edited:
            self.form.set_time(pending_time)
        self._refresh_heading()

    def _edited(self) -> None:
        self._dirty = True
        self.ctx.save_state.pending()
        self._timer.start()

    def _time_committed(self) -> None:
        if self.form.scheduled_at() != self.session.scheduled_at:
            self.save(include_time=True)

    def has_unsaved_changes(self) -> bool:
        try:
            return self.form.read(self.session) != self.session
        except ValidationFailed:
            return True

    # -- saving ------------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save everything now, including a moved date/time; False if it could not be saved."""
        return self.save(include_time=True)

    def save(self, *, include_time: bool = True) -> bool:
        if self._saving:
            # The "move later sessions?" question is open: focus-out and timer saves wait for it.
            return False
        self._saving = True
        try:
            return self._save(include_time)
        finally:
            self._saving = False

    def _save(self, include_time: bool) -> bool:
        self._timer.stop()
        try:
            edited = self.form.read(self.session, include_time=include_time)
        except ValidationFailed as exc:
            self._failed(exc.first.message, warn=False)
            return False
        if edited == self.session:
            self._dirty = False
            return True
        changes: Changes = NOTHING
        try:
            if edited.scheduled_at != self.session.scheduled_at:
                changes |= self._reschedule(edited.scheduled_at)
            if edited != self.session:
                from ipt_desktop.services.sessions import update_session

                changes |= update_session(self.ctx.practice, episode_id=self.episode.id, session=edited)
                self.session = edited
        except ValidationFailed as exc:
            unplaced = self.form.show_errors(exc.errors)
            self._failed(str(unplaced[0].message if unplaced else exc.first.message), warn=False)
            return False
        except ServiceError as exc:
            self._failed(exc.message, warn=True)
            return False
        except Exception:  # noqa: BLE001 - a plain sentence for the user, the traceback for the log
            log.exception("saving a session failed")
            self._failed(self.tr("The session could not be saved because of an unexpected error."), warn=True)
            return False
        self._dirty = self.has_unsaved_changes()
        self._warned = False
        self.form.show_errors([])
        self.failure.clear_error()
        self.status_line.setText(self.tr("All changes saved."))
        self.ctx.save_state.saved()
        if changes.kinds:
            self.ctx.hub.changed.emit(changes)
        return True

    def _reschedule(self, new_time: str) -> Changes:
        from ipt_desktop.services.sessions import reschedule_session

        # The service shifts only sessions still scheduled; attended ones keep their history.
        later = [s for s in self.episode.sessions
                 if s.number > self.session.number and s.status == "scheduled"]
        shift = False
        if later:
            delta = wall_clock_delta(self.session.scheduled_at, new_time)
            shift = self.ctx.interaction.confirm(
                self.tr("Move later sessions too?"),
                self.tr("Session %1 moves from %2 to %3 (%4).\n\nMove the %5 scheduled sessions "
                        "after it by the same amount?")
                .replace("%1", str(self.session.number))
                .replace("%2", format_datetime(self.session.scheduled_at))
                .replace("%3", format_datetime(new_time)).replace("%4", _describe_delta(delta))
                .replace("%5", str(len(later))),
                ok=self.tr("Move later sessions too"), cancel=self.tr("Only this session"))
        changes = reschedule_session(self.ctx.practice, episode_id=self.episode.id,
                                     number=self.session.number, scheduled_at=new_time, shift_later=shift)
        self.session = dataclasses.replace(self.session, scheduled_at=new_time)
        self._refresh_heading()
        return changes

    def _failed(self, reason: str, *, warn: bool) -> None:
        self._dirty = True
        self.status_line.clear()
        self.failure.show_error(self.tr("Not saved: %1").replace("%1", reason))
        self.ctx.save_state.failed(reason)
        if warn and not self._warned:
            # One dialog per run of failures, not one per keystroke while the disk stays full.
            self._warned = True
            self.ctx.interaction.warn(self.tr("Session not saved"), reason)

    # -- closing never discards ----------------------------------------------------------------
    def done(self, result: int) -> None:
        if not self._discarding and not self.save(include_time=True):
            return  # keep the dialog and its text open; the reason is shown
        super().done(result)

    def discard_and_close(self) -> None:
        """Close without saving again: only for a lock or client switch the shell has already
        flushed (and, if that failed, confirmed with the therapist)."""
        self._timer.stop()
        self._discarding = True
        if self.measures.dialog is not None:
            self.measures.dialog.done(QDialog.DialogCode.Rejected)
        self.close()
