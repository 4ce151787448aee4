"""The inventory tab's only door to the services: each call writes, then broadcasts the change.

Methods raise what the services raise (ValidationFailed, ServiceError) so the caller decides
where to show it: beside a field (autosave), or under the table (table edits, drags, buttons).
"""

from __future__ import annotations

from ipt_desktop.domain.records import Relationship
from ipt_desktop.services import inventory as inventory_service
from ipt_desktop.services.changes import Changes
from ipt_desktop.ui.context import AppContext


class InventoryController:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.episode_id: str | None = None

    def _episode(self) -> str:
        if self.episode_id is None:
            raise RuntimeError("no episode is shown")  # buttons are disabled without one
        return self.episode_id

    def _broadcast(self, changes: Changes) -> None:
        self.ctx.hub.changed.emit(changes)

    def add(self, relationship: Relationship) -> Relationship:
        added, changes = inventory_service.add_relationship(
            self.ctx.practice, episode_id=self._episode(), relationship=relationship)
        self._broadcast(changes)
        return added

    def update(self, relationship: Relationship) -> None:
        changes = inventory_service.update_relationship(
            self.ctx.practice, episode_id=self._episode(), relationship=relationship)
        self._broadcast(changes)

    def remove(self, relationship_id: str) -> None:
        changes = inventory_service.remove_relationship(
            self.ctx.practice, episode_id=self._episode(), relationship_id=relationship_id)
        self._broadcast(changes)

    def move(self, relationship_id: str, new_position: int) -> None:
        changes = inventory_service.move_relationship(
            self.ctx.practice, episode_id=self._episode(), relationship_id=relationship_id,
            new_position=new_position)
        self._broadcast(changes)
