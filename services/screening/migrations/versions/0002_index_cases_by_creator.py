"""index cases by creator (requesters and procurement systems list only their own cases)

Revision ID: d4b8d8cc603b
Revises: ab5074a2a094
Create Date: 2026-11-22 00:51:48.448298
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d4b8d8cc603b"
down_revision: str | None = "ab5074a2a094"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("screening_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_screening_case_created_by"), ["created_by"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("screening_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_case_created_by"))
