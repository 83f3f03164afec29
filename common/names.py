"""Script-safe base normalization of names, shared by the matcher and the cache keys.

Deterministic, no network: Unicode compatibility folding, transliteration of every script
to ASCII, case folding, punctuation to spaces, whitespace collapsed.
"""

import re
import unicodedata

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`´]")


def fold(text: str) -> str:
    """Unicode-normalize and transliterate ``text`` to ASCII, preserving word boundaries."""
    text = unicodedata.normalize("NFKC", text)
    # Transliterate per character so CJK ideographs (no spaces between them) stay separate words.
    pieces = []
    for char in text:
        if char.isascii():
            pieces.append(char)
            continue
        ascii_form = anyascii(char)
        if unicodedata.category(char) == "Lo" and ascii_form:
            pieces.append(f" {ascii_form} ")
        else:
            pieces.append(ascii_form)
    return "".join(pieces)


def normalize_name(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; idempotent."""
    folded = _APOSTROPHES.sub("", fold(text)).lower()
    return _NON_ALNUM.sub(" ", folded).strip()
