"""Script-safe base normalization of names, shared by the matcher and the cache keys.

Deterministic, no network: Unicode compatibility folding, transliteration of every script
to ASCII, case folding, ``&`` spelled ``and``, punctuation to spaces, whitespace collapsed.
"""

import re
import unicodedata

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`´‘]")

# Scripts written without spaces in which one character is one syllable of a name:
# transliterated one character at a time so each syllable stays its own word.
_SYLLABIC_RANGES = (
    (0x3400, 0x4DBF),  # CJK unified ideographs, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0x20000, 0x3134F),  # CJK extensions B-G
)


def is_syllabic(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SYLLABIC_RANGES)


def fold(text: str) -> str:
    """Unicode-normalize and transliterate ``text`` to ASCII, preserving word boundaries."""
    text = unicodedata.normalize("NFKC", text)
    pieces = []
    for char in text:
        if char.isascii():
            pieces.append(char)
        elif is_syllabic(char):
            pieces.append(f" {anyascii(char)} ")
        else:
            pieces.append(anyascii(char))
    return "".join(pieces)


def normalize_name(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; idempotent."""
    folded = _APOSTROPHES.sub("", fold(text)).lower().replace("&", " and ")
    return _NON_ALNUM.sub(" ", folded).strip()
