"""Run the screening service: ``python -m services.screening``."""

import uvicorn

from services.screening.app import create_app
from services.screening.settings import ScreeningSettings


def main() -> None:
    settings = ScreeningSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False)


if __name__ == "__main__":
    main()
