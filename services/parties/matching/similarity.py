"""How alike two tokens are: exact, abbreviation, initial, typed prefix, transliteration
key, consonant skeleton (for scripts written without vowels), then edit similarity (OSA:
a swap of two letters is one edit). Numbers and CJK/Hangul syllables only ever equal."""

from typing import Final

from rapidfuzz.distance import OSA

from services.parties.matching import vocabulary as vocab
from services.parties.matching.analysis import Token

INITIAL_SIMILARITY = 0.75
ABBREVIATION_SIMILARITY = 0.95
_edit_similarity: Final = OSA.normalized_similarity


def skeleton(word: str) -> str:
    consonants = [char for char in word if char not in "aeiouyw"]
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


def similarity(a: Token, b: Token) -> float:
    """How alike two tokens are, 0..1 (numbers only ever equal or not)."""
    if a.text == b.text:
        return 1.0
    if a.canon == b.canon:
        abbreviated = a.text in vocab.ABBREVIATIONS or b.text in vocab.ABBREVIATIONS
        return ABBREVIATION_SIMILARITY if abbreviated else 1.0
    if a.numeric or b.numeric or (a.syllabic and b.syllabic):
        return 0.0
    short, long_ = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if len(short.text) == 1:
        return INITIAL_SIMILARITY if long_.text.startswith(short.text) else 0.0
    if short.prefix and long_.canon.startswith(short.text):
        return 0.9
    if a.key == b.key:
        return 0.95
    if a.abjad != b.abjad:
        skeleton_a, skeleton_b = skeleton(a.key), skeleton(b.key)
        if skeleton_a and skeleton_a == skeleton_b:
            return 0.9
        return 0.9 * _edit_similarity(skeleton_a, skeleton_b)
    if len(short.text) == 2:
        return 0.0
    if len(short.text) == 3:
        return _edit_similarity(a.text, b.text)
    best = _edit_similarity(a.text, b.text)
    if a.canon != a.text or b.canon != b.text:
        best = max(best, _edit_similarity(a.canon, b.canon))
    if a.key != a.text or b.key != b.text:  # else the keys are no more alike than the texts
        best = max(best, 0.97 * _edit_similarity(a.key, b.key))
    return best
