"""Alias clean-up shared by every adapter: junk from the lists' own splitting, parenthesised
acronyms, names in non-Latin scripts, and repeats."""

import re
import unicodedata
from collections.abc import Iterable

from common.names import normalize_name
from services.parties.adapters.base import Alias, AliasKind

# Words that are left over when a list splits "A; B; and C" on its separators.
_JUNK = frozenset({"and", "or", "the", "of", "aka", "a k a", "fka", "f k a", "nka", "n k a", "see"})
_LEADING_CONJUNCTION = re.compile(r"^and\s+(?=\S)", re.IGNORECASE)
_EMBEDDED_AKA = re.compile(r",?\s+\b[afn]\.k\.a\.,?\s+", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"^(?P<base>.*\S)\s*\((?P<inner>[^()]+)\)\s*\.?$")
# A one-word all-capitals alias of a mixed-case name ("HIT", "CSCC") is an acronym; in
# all-capitals lists (SDN) such aliases cannot be told apart from ordinary names.
_BARE_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9&./-]{1,11}$")
# Parenthesised codes that name a place or a legal form, not the entity.
_NOT_ACRONYMS = frozenset(
    {
        "HK", "PRC", "UK", "US", "USA", "UAE", "DPRK", "ROK", "RF", "EU", "BVI", "SAR",
        "LLC", "JSC", "CJSC", "OJSC", "PJSC", "OAO", "ZAO", "OOO", "PAO", "AO", "LTD", "GMBH",
        "SA", "SRL", "SPA", "BV", "NV", "AG", "PLC", "INC", "CO", "CORP", "FZE", "FZCO", "FZC",
        "LLP", "LP", "PTE", "PVT", "PTY", "SDN", "BHD", "EOOD", "OOD", "DOO", "KFT", "SARL",
    }
)  # fmt: skip


def _split_fragments(raw: str) -> list[str]:
    pieces: list[str] = []
    for part in raw.split(";"):
        pieces.extend(_EMBEDDED_AKA.split(part))
    return pieces


def clean_alias(raw: str) -> str | None:
    """The alias without separator debris; None when nothing real is left."""
    text = " ".join(raw.split()).strip(" ,;")
    text = text.lstrip("-–— ").strip()
    text = _LEADING_CONJUNCTION.sub("", text).strip(" ,;")
    if len(text) > 2 and text[0] == text[-1] and text[0] in "\"'“”":
        text = text[1:-1].strip()
    if not text or normalize_name(text) in _JUNK or not normalize_name(text):
        return None
    return text


def is_non_latin(name: str) -> bool:
    """True when the name is written (mostly) in a script other than Latin."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for c in letters if "LATIN" not in unicodedata.name(c, "LATIN"))
    return foreign * 2 > len(letters)


def acronym_of(name: str) -> tuple[str, str] | None:
    """``(base name, acronym)`` when ``name`` ends with its own parenthesised acronym,
    as in "Academy of Aerospace Solid Propulsion Technology (AASPT)"."""
    match = _TRAILING_PAREN.match(name.strip())
    if not match:
        return None
    inner = match.group("inner").strip()
    uppercase = sum(1 for c in inner if c.isupper())
    letters = sum(1 for c in inner if c.isalpha())
    if not _ACRONYM.match(inner) or uppercase < 2 or uppercase * 2 < letters:
        return None
    if inner.upper().replace(".", "") in _NOT_ACRONYMS:
        return None
    return match.group("base").strip(" ,"), inner


def build_aliases(
    name: str, aliases: Iterable[Alias], *, split_semicolons: bool = True
) -> tuple[Alias, ...]:
    """Cleaned aliases plus the acronyms the names carry, without repeats of the name or
    each other; non-Latin aliases become ``native``. Aliases holding "A; and B" are split
    unless ``split_semicolons`` is false (for lists that quote each alias)."""
    result: list[Alias] = []
    seen = {normalize_name(name)}

    def add(text: str, kind: AliasKind) -> None:
        # A native-script name is kept even when it transliterates to the primary name.
        key = text if kind is AliasKind.NATIVE else normalize_name(text)
        if key and key not in seen:
            seen.add(key)
            result.append(Alias(text, kind))

    def add_with_acronym(text: str, kind: AliasKind) -> None:
        if is_non_latin(text) and kind in (AliasKind.AKA, AliasKind.FKA, AliasKind.NKA):
            kind = AliasKind.NATIVE
        elif kind is AliasKind.AKA and not name_is_upper and _BARE_ACRONYM.match(text):
            kind = AliasKind.ACRONYM
        add(text, kind)
        split = acronym_of(text)
        if split:
            add(split[0], kind)
            add(split[1], AliasKind.ACRONYM)

    name_is_upper = name.upper() == name
    split = acronym_of(name)
    if split:
        add(split[0], AliasKind.AKA)
        add(split[1], AliasKind.ACRONYM)
    for alias in aliases:
        fragments = _split_fragments(alias.name) if split_semicolons else [alias.name]
        for fragment in fragments:
            text = clean_alias(fragment)
            if text:
                add_with_acronym(text, alias.kind)
    return tuple(result)


def split_values(raw: str | None, separator: str = ";") -> list[str]:
    """Non-empty, stripped parts of a multi-valued cell."""
    if not raw:
        return []
    return [part.strip() for part in raw.split(separator) if part.strip()]
