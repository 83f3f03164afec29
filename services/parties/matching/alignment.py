"""Aligning the tokens of two names: strong one-to-one pairs first, then runs of adjacent
tokens against one token (``Jin Ping`` ~ ``Jinping``), weaker pairs, and finally a word of
initials against the words they begin (``NUDT``).

Each name is prepared once (``Side``: its runs joined, its initials), and a ``Rater`` rates
each listed token against one query's tokens and runs once, however many listed names
share it. ``alignable`` says which tokens could align at all, for a bound on the score
that is cheaper than aligning."""

from collections.abc import Callable
from dataclasses import dataclass

from services.parties.matching.analysis import Token
from services.parties.matching.similarity import similarity

MIN_SIMILARITY = 0.62  # below this two tokens do not align
RUN_SIMILARITY = 0.85  # a run of tokens aligns only when this alike
RUN_LENGTH_GAP = 3  # a run is compared only with tokens this close to its length
ACRONYM_SIMILARITY = {2: 0.7, 3: 0.8}  # by acronym length; longer ones 0.9


@dataclass(slots=True)
class Weighted:
    token: Token
    evidence: float
    penalty: float


@dataclass(slots=True)
class Alignment:
    query: tuple[int, ...]
    listed: tuple[int, ...]
    similarity: float
    acronym: bool = False  # a word of initials aligned with the words they begin


@dataclass(slots=True)
class Run:
    span: tuple[int, ...]  # adjacent token positions
    bits: int  # the same positions as a bit mask
    joined: Token


@dataclass(slots=True)
class Side:
    """One name's weighted tokens and what aligning them needs."""

    weighted: tuple[Weighted, ...]
    runs: tuple[Run, ...]  # of three tokens, then of two, each in order
    initials: str  # first letter of each token's canonical form
    acronyms: tuple[int, ...]  # tokens that could be a word of initials


def _joined(tokens: tuple[Weighted, ...], start: int, size: int) -> Token:
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


def _could_be_acronym(token: Token) -> bool:
    return 2 <= len(token.text) <= 6 and token.text.isalpha() and not token.syllabic


def prepare(
    weighted: tuple[Weighted, ...], intern: Callable[[Token], Token] = lambda token: token
) -> Side:
    """``intern`` lets names that share a run share its joined token (and its ratings)."""
    runs = tuple(
        Run(
            tuple(range(start, start + size)),
            (1 << size) - 1 << start,
            intern(_joined(weighted, start, size)),
        )
        for size in (3, 2)
        for start in range(len(weighted) - size + 1)
    )
    return Side(
        weighted,
        runs,
        "".join(w.token.canon[0] for w in weighted),
        tuple(i for i, w in enumerate(weighted) if _could_be_acronym(w.token)),
    )


class Row:
    """One listed token (or run) rated against a query; never changed once made. A plain
    class: compiled, it is made many times faster than a frozen dataclass, and a query
    makes dozens."""

    def __init__(self, singles: tuple[float, ...], runs: tuple[float, ...], alignable: int):
        self.singles = singles  # similarity to each query token
        self.runs = runs  # similarity of each query run to it (0 when lengths differ)
        self.alignable = alignable  # query tokens it could align with, alone or in a run


class Rater:
    """Similarities of one query's tokens and runs to listed tokens and runs, memoized by
    identity: the query lives as long as the rater, listed tokens and runs as the index."""

    def __init__(self, query: Side) -> None:
        self.query = query
        self._rows: dict[int, Row] = {}
        self._run_rows: dict[int, Row] = {}

    def row(self, token: Token) -> Row:
        row = self._rows.get(id(token))
        if row is None:
            singles = tuple(similarity(w.token, token) for w in self.query.weighted)
            runs = tuple(
                similarity(run.joined, token) if _near(run.joined, token) else 0.0
                for run in self.query.runs
            )
            alignable = sum(1 << i for i, value in enumerate(singles) if value >= MIN_SIMILARITY)
            for run, value in zip(self.query.runs, runs, strict=True):
                if value >= RUN_SIMILARITY:
                    alignable |= run.bits
            row = self._rows[id(token)] = Row(singles, runs, alignable)
        return row

    def run_row(self, joined: Token) -> Row:
        """A listed run rated against the query's tokens (0 when lengths differ)."""
        row = self._run_rows.get(id(joined))
        if row is None:
            singles = tuple(
                similarity(joined, w.token) if _near(joined, w.token) else 0.0
                for w in self.query.weighted
            )
            alignable = sum(1 << i for i, value in enumerate(singles) if value >= RUN_SIMILARITY)
            row = self._run_rows[id(joined)] = Row(singles, (), alignable)
        return row


def _near(joined: Token, token: Token) -> bool:
    return abs(len(token.text) - len(joined.text)) <= RUN_LENGTH_GAP


def alignable(query: Side, listed: Side, rater: Rater) -> tuple[int, int, bool]:
    """The query and listed tokens (bit masks) that some alignment step could align, and
    whether that includes a word of initials."""
    q_mask = l_mask = 0
    for j, w in enumerate(listed.weighted):
        found = rater.row(w.token).alignable
        if found:
            q_mask |= found
            l_mask |= 1 << j
    for run in listed.runs:
        found = rater.run_row(run.joined).alignable
        if found:
            q_mask |= found
            l_mask |= run.bits
    acronym = False
    for side, other, is_query in ((query, listed, True), (listed, query, False)):
        for i in side.acronyms:
            letters = side.weighted[i].token.text
            start = other.initials.find(letters)
            while start >= 0:
                acronym = True
                span, own = (1 << len(letters)) - 1 << start, 1 << i
                q_mask |= own if is_query else span
                l_mask |= span if is_query else own
                start = other.initials.find(letters, start + 1)
    return q_mask, l_mask, acronym


class Aligner:
    def __init__(self, query: Side, listed: Side, rater: Rater) -> None:
        self.query, self.listed = query, listed
        self.rows = [rater.row(w.token) for w in listed.weighted]
        self.rater = rater
        self.q_free = set(range(len(query.weighted)))
        self.l_free = set(range(len(listed.weighted)))
        self.found: list[Alignment] = []
        self._pairs: list[tuple[float, int, int]] | None = None

    def singles(self, floor: float) -> None:
        """Pairs at least ``floor`` alike, most alike first. Every pair is rated on the
        first call; later calls skip the tokens aligned since."""
        if self._pairs is None:
            self._pairs = sorted(
                (
                    (value, i, j)
                    for j, row in enumerate(self.rows)
                    for i, value in enumerate(row.singles)
                ),
                reverse=True,
            )
        for value, i, j in self._pairs:
            if value < floor:
                break
            if i in self.q_free and j in self.l_free:
                self._take((i,), (j,), value)

    def acronyms(self) -> None:
        self._acronyms_of(self.query.weighted, self.q_free, self.listed.weighted, self.l_free, True)
        self._acronyms_of(
            self.listed.weighted, self.l_free, self.query.weighted, self.q_free, False
        )

    def _acronyms_of(
        self,
        side: tuple[Weighted, ...],
        free: set[int],
        other: tuple[Weighted, ...],
        other_free: set[int],
        is_query: bool,
    ) -> None:
        for i in sorted(free):
            letters = side[i].token.text
            size = len(letters)
            if not _could_be_acronym(side[i].token):
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
        """Each free run, longest first and the query's before the listed name's, with
        the free token on the other side most like it."""
        for size in (3, 2):
            for r, run in enumerate(self.query.runs):
                if len(run.span) == size and self.q_free.issuperset(run.span):
                    scores = [(self.rows[j].runs[r], j) for j in sorted(self.l_free)]
                    self._take_best(run.span, scores, True)
            for run in self.listed.runs:
                if len(run.span) == size and self.l_free.issuperset(run.span):
                    row = self.rater.run_row(run.joined).singles
                    self._take_best(run.span, [(row[i], i) for i in sorted(self.q_free)], False)

    def _take_best(
        self, span: tuple[int, ...], scores: list[tuple[float, int]], is_query: bool
    ) -> None:
        best, best_other = 0.0, -1
        for value, other in scores:
            if value > best:
                best, best_other = value, other
        if best >= RUN_SIMILARITY:
            if is_query:
                self._take(span, (best_other,), best)
            else:
                self._take((best_other,), span, best)

    def _take(
        self, q: tuple[int, ...], l_: tuple[int, ...], value: float, acronym: bool = False
    ) -> None:
        self.q_free.difference_update(q)
        self.l_free.difference_update(l_)
        self.found.append(Alignment(q, l_, value, acronym))
