"""add summary fields and import source to notes

Revision ID: 0002
Revises: 0001
Create Date: 2024-10-15 16:41:02.550913

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notes", sa.Column("source", sa.String(length=32), server_default="upload", nullable=False))
    op.add_column("notes", sa.Column("meeting_id", sa.String(length=128), nullable=True))
    op.add_column("notes", sa.Column("status", sa.String(length=32), server_default="pending", nullable=False))
    op.add_column("notes", sa.Column("summary", sa.Text(), nullable=True))
    op.add_column("notes", sa.Column("action_items", sa.JSON(), nullable=True))
    op.add_column("notes", sa.Column("summarized_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("notes", "summarized_at")
    op.drop_column("notes", "action_items")
    op.drop_column("notes", "summary")
    op.drop_column("notes", "status")
    op.drop_column("notes", "meeting_id")
    op.drop_column("notes", "source")
