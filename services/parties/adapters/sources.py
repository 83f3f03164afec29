"""Reading uploaded files and finishing a parsed list: decoding, file choice, source ids."""

import gzip
import hashlib
import re
import zlib
from collections.abc import Iterable, Mapping

from common.names import normalize_name
from services.parties.adapters.base import AdapterError, ParsedList, ParsedParty

SOURCE_ID = re.compile(r"^[A-Za-z0-9._-]{1,120}$")
_SLUG_MAX = 90


def only_file(files: Mapping[str, bytes], what: str) -> tuple[str, bytes]:
    """The single file of a one-file format."""
    if len(files) != 1:
        names = ", ".join(sorted(files)) or "none"
        raise AdapterError(what, "files", f"expected exactly one file, got {len(files)}: {names}")
    ((name, data),) = files.items()
    return name, data


def gunzip_if_needed(name: str, data: bytes) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise AdapterError(name, "file", f"broken gzip data: {exc}") from exc


def decode_utf8(name: str, data: bytes) -> str:
    """The text of ``data``; a byte that is not UTF-8 is reported with its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AdapterError(
            name, f"line {line}", f"not UTF-8 text (byte 0x{data[exc.start]:02x})"
        ) from exc


def slug(text: str) -> str:
    """A readable id fragment: normalized words joined by '-', long ones shortened with a hash."""
    words = normalize_name(text).replace(" ", "-")
    if not words:
        return "x" + hashlib.sha1(text.encode()).hexdigest()[:12]
    if len(words) <= _SLUG_MAX:
        return words
    digest = hashlib.sha1(words.encode()).hexdigest()[:8]
    return f"{words[:_SLUG_MAX].rstrip('-')}-{digest}"


def name_key(name: str, country: str | None) -> str:
    """The id base of an entry on a list without ids: slugged name and ISO country,
    e.g. "harbin-institute-of-technology-cn"; the same in every format of a list."""
    return f"{slug(name)}-{country.lower()}" if country else slug(name)


def short_hash(*parts: str | None) -> str:
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode()).hexdigest()[:8]


def safe_id(raw: str) -> str:
    """A list's own id made safe for party ids (spaces and odd characters become '-')."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", raw.strip()).strip("-")[:120]


def finish(
    list_id: str,
    parties: Iterable[tuple[str, ParsedParty]],
    source_name: str,
    snapshot: str | None,
) -> ParsedList:
    """The parsed list, after checking every source id; ``parties`` pairs each party with
    the location it came from, for the error message."""
    seen: dict[str, str] = {}
    result: list[ParsedParty] = []
    for location, party in parties:
        if not SOURCE_ID.match(party.source_id):
            raise AdapterError(source_name, location, f"unusable entry id {party.source_id!r}")
        if party.source_id in seen:
            raise AdapterError(
                source_name,
                location,
                f"entry id {party.source_id!r} repeats the one at {seen[party.source_id]}",
            )
        seen[party.source_id] = location
        result.append(party)
    if not result:
        raise AdapterError(source_name, "file", "no entries found")
    return ParsedList(
        list_id=list_id, parties=tuple(result), source_name=source_name, snapshot=snapshot
    )


def name_ids(entries: list[tuple[str, tuple[str | None, ...]]]) -> list[str]:
    """Ids for lists without their own: each entry's base (its slugged name) when no other
    entry has that base; otherwise base + a hash of the entry's details (address...), and a
    counter only when even those are the same. Deterministic for the same file."""
    bases: dict[str, int] = {}
    for base, _ in entries:
        bases[base] = bases.get(base, 0) + 1
    ids: list[str] = []
    taken: set[str] = set()
    for base, details in entries:
        candidate = base if bases[base] == 1 else f"{base}-{short_hash(*details)}"
        unique, counter = candidate, 2
        while unique in taken:
            unique, counter = f"{candidate}-{counter}", counter + 1
        taken.add(unique)
        ids.append(unique)
    return ids
