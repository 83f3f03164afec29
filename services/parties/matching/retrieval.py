"""Candidate retrieval: which listed names are worth scoring for a query.

Inverted indexes over the listed names' tokens, never a scan of every name:

* phonetic keys of each token (and of its full word when it is an abbreviation);
* single-deletion variants of those keys (SymSpell), so a typo or two still finds the name;
* consonant skeletons, so a vowel-less Arabic or Hebrew transliteration finds a Latin
  spelling and the other way round;
* whole-name acronyms (``NUDT``);
* sorted words, for a typed abbreviation with a period (``Aeron.``).

Query tokens are looked up rarest first; very common tokens (thousands of names) only
count when nothing rarer was found. The best ``CANDIDATES`` names by the summed weight of
the query tokens they share go on to full scoring.
"""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

from services.parties.matching.analysis import Token, phonetic_key
from services.parties.matching.similarity import skeleton

CANDIDATES = 25
COMMON_POSTINGS = 1500  # a token in more names than this only adds to names found already
MIN_DELETION_KEY = 4


def deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


class TokenIndex:
    """Maps query tokens to the ids of the listed names that contain a similar token."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._deleted: dict[str, set[str]] = defaultdict(set)
        self._skeletons: dict[str, set[str]] = defaultdict(set)
        self._acronyms: dict[str, list[int]] = defaultdict(list)
        self._words: list[str] = []
        self._word_keys: dict[str, str] = {}

    def add(self, name_id: int, tokens: Iterable[Token], acronym: str) -> None:
        keys: set[str] = set()
        for token in tokens:
            keys.add(token.key)
            keys.add(phonetic_key(token.text))
            self._word_keys.setdefault(token.canon, token.key)
        for key in keys:
            self._postings[key].append(name_id)
        if len(acronym) >= 2:
            self._acronyms[acronym].append(name_id)

    def freeze(self) -> None:
        """Build the derived indexes once every name is in."""
        for key in self._postings:
            if len(key) >= MIN_DELETION_KEY and not key.isdigit():
                for variant in deletions(key):
                    self._deleted[variant].add(key)
            bare = skeleton(key)
            if len(bare) >= 2:
                self._skeletons[bare].add(key)
        self._words = sorted(self._word_keys)

    def postings(self, key: str) -> list[int]:
        return self._postings.get(key, [])

    def similar_keys(self, token: Token) -> tuple[set[str], set[str]]:
        """Keys spelled like ``token`` (exact), and keys of similar tokens (fuzzy)."""
        keys = {token.key, phonetic_key(token.text)}
        exact = {key for key in keys if key in self._postings}
        found: set[str] = set()
        for key in keys:
            if len(key) >= MIN_DELETION_KEY and not token.numeric and not token.syllabic:
                for variant in (*deletions(key), key):
                    found.update(self._deleted.get(variant, ()))
                    if variant in self._postings:
                        found.add(variant)
            bare = skeleton(key)
            if len(bare) >= 2 and not token.numeric:
                found.update(self._skeletons.get(bare, ()))
        if token.prefix and len(token.text) >= 3:
            found.update(self._prefixed(token.text))
        return exact, found - exact

    def _prefixed(self, prefix: str) -> list[str]:
        start = bisect_left(self._words, prefix)
        out = []
        for word in self._words[start : start + 200]:
            if not word.startswith(prefix):
                break
            out.append(self._word_keys[word])
        return out

    def acronym_postings(self, text: str) -> list[int]:
        return self._acronyms.get(text, [])

    def known(self, key: str) -> bool:
        return key in self._postings
