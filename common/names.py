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
SYLLABIC = re.compile(
    "[\u3400-\u4dbf"  # CJK unified ideographs, extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\U00020000-\U0003134f]"  # CJK extensions B-G
)


def _syllable(match: re.Match[str]) -> str:
    return f" {anyascii(match.group(0))} "


def fold(text: str) -> str:
    """Unicode-normalize and transliterate ``text`` to ASCII, preserving word boundaries."""
    if text.isascii():
        return text
    text = SYLLABIC.sub(_syllable, unicodedata.normalize("NFKC", text))
    return text if text.isascii() else anyascii(text)


def normalize_name(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; idempotent."""
    folded = _APOSTROPHES.sub("", fold(text)).lower().replace("&", " and ")
    return _NON_ALNUM.sub(" ", folded).strip()
