"""The explicit application context handed to every window (cf. git-cola's ApplicationContext).

No module-level globals: tests build a cheap context on a temporary practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ipt_desktop.ui.lock_drafts import DraftStore

if TYPE_CHECKING:
    from ipt_desktop.services.practice import Practice
    from ipt_desktop.ui.interaction import Interaction
    from ipt_desktop.ui.settings import UiSettings


class SaveState(QObject):
    """One place where every editor reports whether its text is stored.

    The status bar shows it ("Saving…", "Saved", "Not saved: disk full"). A failed save keeps the
    typed text in the editor; the editor retries on the next change or flush.
    """

    changed = Signal(str, str)  # state ("pending" | "saved" | "failed"), message for people

    def __init__(self) -> None:
        super().__init__()
        self.state = "saved"
        self.message = ""

    def pending(self) -> None:
        self._set("pending", self.tr("Saving…"))

    def saved(self) -> None:
        self._set("saved", self.tr("All changes saved"))

    def failed(self, reason: str) -> None:
        self._set("failed", self.tr("Not saved: %1").replace("%1", reason))

    def _set(self, state: str, message: str) -> None:
        self.state, self.message = state, message
        self.changed.emit(state, message)


class ChangeHub(QObject):
    """Broadcasts a services.changes.Changes after any write so each view decides to redraw."""

    changed = Signal(object)


@dataclass
class AppContext:
    practice: "Practice"
    settings: "UiSettings"
    interaction: "Interaction"
    save_state: SaveState = field(default_factory=SaveState)
    hub: ChangeHub = field(default_factory=ChangeHub)
    # Typed text of dialogs that were open at lock and could not be saved (ui.lock_drafts).
    drafts: DraftStore = field(default_factory=DraftStore)
