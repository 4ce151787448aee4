"""The interaction seam (cf. git-cola's Interaction): confirm, warn, inform, pick a file.

Widgets ask through this object instead of calling QMessageBox directly, so tests can swap in a
scripted implementation (``ScriptedInteraction``) and never block on a modal dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Interaction:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, *, ok: str = "OK", cancel: str = "Cancel") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        ok_button = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is ok_button

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None

    def open_file(self, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return path or None


class ScriptedInteraction(Interaction):
    """For tests: answers from a queue and records every message instead of opening dialogs."""

    def __init__(self, confirm_answers: list[bool] | None = None, files: list[str] | None = None) -> None:
        super().__init__(None)
        self.confirm_answers = list(confirm_answers or [])
        self.files = list(files or [])
        self.messages: list[tuple[str, str, str]] = []  # (kind, title, text)

    def confirm(self, title: str, text: str, *, ok: str = "OK", cancel: str = "Cancel") -> bool:
        self.messages.append(("confirm", title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def warn(self, title: str, text: str) -> None:
        self.messages.append(("warn", title, text))

    def inform(self, title: str, text: str) -> None:
        self.messages.append(("inform", title, text))

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        return self.files.pop(0) if self.files else None

    def open_file(self, title: str, filters: str) -> str | None:
        return self.files.pop(0) if self.files else None
