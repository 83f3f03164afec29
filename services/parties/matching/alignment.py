"""Aligning the tokens of two names: strong one-to-one pairs first, then runs of adjacent
tokens against one token (``Jin Ping`` ~ ``Jinping``), weaker pairs, and finally a word of
initials against the words they begin (``NUDT``)."""

from collections.abc import Callable
from dataclasses import dataclass

from services.parties.matching.analysis import Token
from services.parties.matching.similarity import similarity

RUN_SIMILARITY = 0.85  # a run of tokens aligns only when this alike
ACRONYM_SIMILARITY = {2: 0.7, 3: 0.8}  # by acronym length; longer ones 0.9


@dataclass(frozen=True, slots=True)
class Weighted:
    token: Token
    evidence: float
    penalty: float


@dataclass(frozen=True, slots=True)
class Alignment:
    query: tuple[int, ...]
    listed: tuple[int, ...]
    similarity: float
    acronym: bool = False  # a word of initials aligned with the words they begin


def _joined(tokens: list[Weighted], start: int, size: int) -> Token:
    parts = tokens[start : start + size]
    text = "".join(part.token.text for part in parts)
    first = parts[0].token
    return Token(
        text,
        text,
        "".join(part.token.key for part in parts),
        False,
        False,
        first.numeric,
        False,
        False,
        first.abjad,
        False,
    )


class Aligner:
    def __init__(
        self, query: list[Weighted], listed: list[Weighted], sim: Callable[[Token, Token], float]
    ) -> None:
        self.query, self.listed, self.sim = query, listed, sim
        self.q_free = set(range(len(query)))
        self.l_free = set(range(len(listed)))
        self.found: list[Alignment] = []
        self._pairs: list[tuple[float, int, int]] | None = None

    def singles(self, floor: float) -> None:
        """Pairs at least ``floor`` alike, most alike first. Every pair is rated on the
        first call; later calls skip the tokens aligned since."""
        if self._pairs is None:
            self._pairs = sorted(
                (
                    (self.sim(self.query[i].token, self.listed[j].token), i, j)
                    for i in self.q_free
                    for j in self.l_free
                ),
                reverse=True,
            )
        for value, i, j in self._pairs:
            if value < floor:
                break
            if i in self.q_free and j in self.l_free:
                self._take((i,), (j,), value)

    def acronyms(self) -> None:
        self._acronyms_of(self.query, self.q_free, self.listed, self.l_free, True)
        self._acronyms_of(self.listed, self.l_free, self.query, self.q_free, False)

    def _acronyms_of(
        self,
        side: list[Weighted],
        free: set[int],
        other: list[Weighted],
        other_free: set[int],
        is_query: bool,
    ) -> None:
        for i in sorted(free):
            letters = side[i].token.text
            size = len(letters)
            if not (2 <= size <= 6 and letters.isalpha()) or side[i].token.syllabic:
                continue
            for start in range(len(other) - size + 1):
                span = tuple(range(start, start + size))
                initials = "".join(other[j].token.canon[0] for j in span)
                if other_free.issuperset(span) and initials == letters:
                    if is_query:
                        self._take((i,), span, ACRONYM_SIMILARITY.get(size, 0.9), acronym=True)
                    else:
                        self._take(span, (i,), ACRONYM_SIMILARITY.get(size, 0.9), acronym=True)
                    break

    def runs(self) -> None:
        for size in (3, 2):
            self._runs_of(size, self.query, self.q_free, self.listed, self.l_free, True)
            self._runs_of(size, self.listed, self.l_free, self.query, self.q_free, False)

    def _runs_of(
        self,
        size: int,
        side: list[Weighted],
        free: set[int],
        other: list[Weighted],
        other_free: set[int],
        is_query: bool,
    ) -> None:
        for start in range(len(side) - size + 1):
            span = tuple(range(start, start + size))
            if not free.issuperset(span):
                continue
            length = sum(len(side[i].token.text) for i in span)
            near = [j for j in other_free if abs(len(other[j].token.text) - length) <= 3]
            if not near:
                continue
            joined = _joined(side, start, size)
            best, best_j = 0.0, -1
            for j in near:
                value = similarity(joined, other[j].token)
                if value > best:
                    best, best_j = value, j
            if best >= RUN_SIMILARITY:
                if is_query:
                    self._take(span, (best_j,), best)
                else:
                    self._take((best_j,), span, best)

    def _take(
        self, q: tuple[int, ...], l_: tuple[int, ...], value: float, acronym: bool = False
    ) -> None:
        self.q_free.difference_update(q)
        self.l_free.difference_update(l_)
        self.found.append(Alignment(q, l_, value, acronym))
