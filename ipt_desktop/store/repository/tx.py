"""The write transaction every repository write runs in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

from ..engine import Database, translated_errors
from ..errors import RecordNotFoundError
from ..models import EpisodeRow


@contextmanager
def transaction(db: Database) -> Iterator[Session]:
    """One atomic unit of work: commit on success, roll back on any exception.

    Starts with BEGIN IMMEDIATE. SQLite's disk-full / read-only / malformed errors come out as
    DiskFullError / ReadOnlyError / DatabaseDamagedError; anything else raised inside passes
    through unchanged after the rollback.
    """
    with translated_errors(), db.write_session() as session, session.begin():
        yield session


def client_of_episode(s: Session, episode_id: str) -> str:
    row = s.get(EpisodeRow, episode_id)
    if row is None:
        raise RecordNotFoundError("episode", episode_id)
    return row.client_id


def require(row, entity: str, record_id: str, **parent):
    """The row, if it exists and belongs to the given parent (e.g. episode_id=...)."""
    if row is None or any(getattr(row, k) != v for k, v in parent.items()):
        raise RecordNotFoundError(entity, record_id)
    return row
