"""Developers' tool: write a service's next migration from its models.

python -m common.make_migration parties "add a column"
"""

import sys
import tempfile

from alembic import command

from common.migrate import alembic_config


def main() -> None:
    service, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        config = alembic_config(service, f"sqlite:///{tmp}/scratch.db")
        command.upgrade(config, "head")
        command.revision(config, message=message, autogenerate=True)


if __name__ == "__main__":
    main()
