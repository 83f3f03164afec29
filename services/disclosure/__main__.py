"""Run the disclosure service: ``python -m services.disclosure``."""

import uvicorn

from services.disclosure.app import create_app
from services.disclosure.settings import DisclosureSettings


def main() -> None:
    settings = DisclosureSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False)


if __name__ == "__main__":
    main()
