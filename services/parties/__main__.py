"""Run the party-list service: ``python -m services.parties``."""

import uvicorn

from services.parties.app import create_app
from services.parties.settings import PartiesSettings


def main() -> None:
    settings = PartiesSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False)


if __name__ == "__main__":
    main()
