"""The only queries in the app. Reads take a Database (or a Session); writes take the Session
of `transaction(db)` so services can group several writes atomically:

    with repository.transaction(db) as s:
        repository.insert_episode(s, client_id, episode)
        repository.insert_sessions(s, episode.id, planned)

Everything returned is a frozen record from domain/records.py; no ORM object leaves the store.
"""

from __future__ import annotations

from .children import (
    add_goal_rating,
    delete_goal,
    delete_goal_rating,
    delete_measure,
    delete_relationship,
    delete_session,
    insert_goal,
    insert_measure,
    insert_relationship,
    insert_sessions,
    reorder_goals,
    reorder_relationships,
    reschedule_sessions,
    update_goal,
    update_measure,
    update_relationship,
    update_session,
)
from .clients import (
    Scores,
    delete_client,
    delete_episode,
    insert_client,
    insert_episode,
    replace_client_record,
    set_client_status,
    set_discharge,
    set_profile,
    update_client,
    update_episode,
)
from .reads import (
    episode_client_id,
    get_client,
    get_profile,
    list_client_summaries,
    load_client_record,
    load_episode,
)
from .tx import transaction

__all__ = [
    "Scores", "add_goal_rating", "delete_client", "delete_episode", "delete_goal", "delete_goal_rating",
    "delete_measure", "delete_relationship", "delete_session", "episode_client_id", "get_client",
    "get_profile", "insert_client", "insert_episode", "insert_goal", "insert_measure",
    "insert_relationship", "insert_sessions", "list_client_summaries", "load_client_record",
    "load_episode", "reorder_goals", "reorder_relationships", "replace_client_record",
    "reschedule_sessions", "set_client_status", "set_discharge", "set_profile", "transaction",
    "update_client", "update_episode", "update_goal", "update_measure", "update_relationship",
    "update_session",
]
