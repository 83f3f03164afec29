"""First start: load every list file found under the lists directory, oldest snapshot first."""

import logging
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from common.errors import AppError
from services.parties.adapters.base import AdapterError
from services.parties.adapters.discover import SourceSpec, discover, read_source
from services.parties.ingest import files_sha256, publish
from services.parties.repository import PartiesRepository

log = logging.getLogger("parties.bootstrap")


def selected_sources(lists_dir: Path, only: Sequence[str]) -> list[SourceSpec]:
    specs = discover(lists_dir)
    if not only:
        return specs
    root = lists_dir.resolve()

    def relative(spec: SourceSpec) -> str:
        return spec.files[0].resolve().relative_to(root).as_posix()

    return [s for s in specs if any(relative(s).startswith(prefix) for prefix in only)]


def database_is_empty(engine: Engine) -> bool:
    with Session(engine) as session:
        return not PartiesRepository(session).has_any_version()


def load_directory(
    engine: Engine, lists_dir: Path, only: Sequence[str], *, max_drop_share: float
) -> int:
    """Publish each source as a version of its list; returns how many versions were published.

    A source that fails to parse or is refused is logged and skipped: the others still load.
    """
    published = 0
    for spec in selected_sources(lists_dir, only):
        try:
            parsed = read_source(spec)
        except AdapterError as exc:
            log.error("list file rejected", extra={"fields": {"error": str(exc)}})
            continue
        files = {path.name: path.read_bytes() for path in spec.files}
        with Session(engine) as session:
            try:
                result = publish(
                    session,
                    parsed,
                    format=spec.format,
                    sha256=files_sha256(files),
                    loaded_by="bootstrap",
                    max_drop_share=max_drop_share,
                )
                session.commit()
            except (AppError, IntegrityError) as exc:
                session.rollback()
                log.error(
                    "list version not published",
                    extra={"fields": {"list": spec.list_id, "error": str(exc)}},
                )
                continue
        published += 0 if result.unchanged else 1
    return published
