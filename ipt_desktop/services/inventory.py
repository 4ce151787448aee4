"""Interpersonal inventory use cases: add, edit, remove and reorder the people in an episode."""

from __future__ import annotations

import dataclasses

from ipt_desktop.domain.records import Relationship
from ipt_desktop.domain.validation import FieldError
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.checks import new_id, relationship_errors, require_valid
from ipt_desktop.services.episodes import load_episode
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository


def add_relationship(practice: Practice, *, episode_id: str,
                     relationship: Relationship) -> tuple[Relationship, Changes]:
    """Add a person at the end of the inventory (a new id is given when ``relationship.id`` is empty)."""
    require_valid(relationship_errors(relationship))
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        stored = dataclasses.replace(relationship, id=relationship.id or new_id(),
                                     position=len(episode.inventory))
        repository.insert_relationship(tx, episode_id, stored)
    return stored, Changes.of(client_id, "inventory")


def update_relationship(practice: Practice, *, episode_id: str, relationship: Relationship) -> Changes:
    """Store every field except the position (use move_relationship for the order)."""
    require_valid(relationship_errors(relationship))
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        current = _find(episode.inventory, relationship.id)
        repository.update_relationship(
            tx, episode_id, dataclasses.replace(relationship, position=current.position))
    return Changes.of(client_id, "inventory")


def remove_relationship(practice: Practice, *, episode_id: str, relationship_id: str) -> Changes:
    with practice.transaction() as tx:
        client_id, _episode = load_episode(tx, episode_id)
        repository.delete_relationship(tx, episode_id, relationship_id)
    return Changes.of(client_id, "inventory")


def move_relationship(practice: Practice, *, episode_id: str, relationship_id: str,
                      new_position: int) -> Changes:
    """Move one person to ``new_position`` (0-based); the others keep their relative order."""
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        order = [r.id for r in sorted(episode.inventory, key=lambda r: r.position)]
        _find(episode.inventory, relationship_id)
        if isinstance(new_position, bool) or not isinstance(new_position, int) \
                or not 0 <= new_position < len(order):
            require_valid([FieldError("new_position", f"expected a position from 0 to {len(order) - 1}, "
                                                      f"got {new_position!r}")])
        order.remove(relationship_id)
        order.insert(new_position, relationship_id)
        repository.reorder_relationships(tx, episode_id, order)
    return Changes.of(client_id, "inventory")


def _find(people, relationship_id: str) -> Relationship:
    for person in people:
        if person.id == relationship_id:
            return person
    raise NotFoundError("That person is not in this inventory; they may have been removed.")
