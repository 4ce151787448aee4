"""Covering index for the client list's per-session figures.

The client list aggregates every session (attended count, last attended, next scheduled, the
phase key) in one pass. Without this index that pass read the session TABLE, whose rows carry
the notes (300-1,500 words each), so a 2,000-client practice decrypted ~200 MB of pages per
list load. The index holds only the five columns the aggregate reads, a few MB, so SQLite
answers from it alone (docs/performance.md).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Sequence, Union

from alembic import op

revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = ['episode_id', 'status', 'scheduled_at', 'number']


def upgrade() -> None:
    # A plain CREATE INDEX: no table is rebuilt, so no batch mode is needed.
    op.create_index('ix_session_summary', 'session', COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index('ix_session_summary', table_name='session')
