"""Scoring one query name against one listed name: token alignment weighted by rarity.

Tokens are aligned one-to-one (order does not matter), a run of adjacent tokens may align
with one token (``Jin Ping`` ~ ``Jinping``, ``SiemensAG``), and each aligned pair earns
credit for its similarity. Each token has two weights:

* evidence — how much an aligned token supports a match: its rarity across the list names
  (IDF), and little for generic words (university, company) and particles (al, bin);
* penalty — how much it costs when it has no partner: generic words still cost (they tell
  ``Tianjin University of Technology`` from ``Tianjin University``), particles hardly.

    score = earned evidence / (aligned evidence + β·(missing + extra) + γ·min(missing, extra))

``missing`` are listed tokens the query lacks, ``extra`` query tokens the listed name lacks;
``min(missing, extra)`` is a substitution (a different word in the same place), the
strongest sign of a different party. Persons get a small β (middle names and patronymics come
and go) and orgs a larger one. When only one distinctive token aligns while either name has
more distinctive tokens, the score is capped (``SINGLE_TOKEN_CAP``): a first name or a
one-word vessel name is not enough.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import OSA, JaroWinkler

from services.parties.matching import vocabulary as vocab
from services.parties.matching.analysis import Token, analyze

Weigher = Callable[[str], float]  # canonical token → base weight in (0, 1]

MIN_SIMILARITY = 0.62  # below this two tokens do not align
STRONG_SIMILARITY = 0.8  # aligned before runs of tokens are tried
CREDIT_ZERO = 0.38  # similarity that earns no credit
CREDIT_KNEE, KNEE_CREDIT = 0.8, 0.76  # above the knee a pair is a misspelling
GENERIC_EVIDENCE = 0.2
GENERIC_PENALTY = 0.7
GEOGRAPHIC_EVIDENCE = 0.5
PARTICLE_WEIGHT = 0.15
INITIAL_WEIGHT = 0.3
SINGLE_TOKEN_CAP = 0.6
FORM_CONFLICT_FACTOR = 0.85
ACRONYM_SIMILARITY = {2: 0.7, 3: 0.8}  # by acronym length; longer ones 0.9
INITIAL_SIMILARITY = 0.75
ABBREVIATION_SIMILARITY = 0.95
JARO_OFFSET = 1.0
REORDER_FACTOR = 0.92
PERSON_BETA, PERSON_GAMMA = 0.3, 1.2
ORG_BETA, ORG_GAMMA = 0.7, 1.0


def uniform_weight(_: str) -> float:
    """The default weigher (no list statistics): every distinctive word weighs 1."""
    return 1.0


@dataclass(frozen=True, slots=True)
class Weighted:
    token: Token
    evidence: float
    penalty: float


def weigh(tokens: tuple[Token, ...], weigher: Weigher) -> list[Weighted]:
    """Evidence and penalty weights; a name made only of generic words (``Electronic
    Network``) weighs them as ordinary words."""
    all_generic = all(token.generic or token.particle for token in tokens)
    out = []
    for token in tokens:
        if token.particle:
            evidence = penalty = PARTICLE_WEIGHT
        elif len(token.text) == 1 and not token.numeric:
            evidence = penalty = INITIAL_WEIGHT
        elif token.generic and not all_generic:
            evidence, penalty = GENERIC_EVIDENCE * weigher(token.canon), GENERIC_PENALTY
        elif token.canon in vocab.GEOGRAPHIC_WORDS and not all_generic:
            penalty = weigher(token.canon)
            evidence = GEOGRAPHIC_EVIDENCE * penalty
        else:
            evidence = penalty = weigher(token.canon)
        if token.patronymic and len(tokens) >= 3:
            penalty *= 0.5
        out.append(Weighted(token, evidence, penalty))
    return out


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
        return 0.9 * OSA.normalized_similarity(skeleton_a, skeleton_b)
    if len(short.text) == 2:
        return 0.0
    if len(short.text) == 3:
        return OSA.normalized_similarity(a.text, b.text)
    plain = max(
        OSA.normalized_similarity(a.text, b.text), OSA.normalized_similarity(a.canon, b.canon)
    )
    keyed = OSA.normalized_similarity(a.key, b.key)
    if len(long_.text) > 1.4 * len(short.text):
        return max(plain, 0.97 * keyed)
    jaro = JaroWinkler.similarity(a.text, b.text)
    return max(plain, 0.97 * keyed, jaro - JARO_OFFSET)


def credit(sim: float) -> float:
    """Credit for an aligned pair: gentle above ``CREDIT_KNEE`` (a typo or two in a long
    word), steep below it (a different word that merely looks alike)."""
    if sim >= CREDIT_KNEE:
        return 1.0 - (1.0 - sim) * (1.0 - KNEE_CREDIT) / (1.0 - CREDIT_KNEE)
    return max(0.0, KNEE_CREDIT * (sim - CREDIT_ZERO) / (CREDIT_KNEE - CREDIT_ZERO))


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


@dataclass(frozen=True, slots=True)
class Alignment:
    query: tuple[int, ...]
    listed: tuple[int, ...]
    similarity: float
    acronym: bool = False  # a word of initials aligned with the words they begin


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    alignments: tuple[Alignment, ...]
    query: tuple[Weighted, ...]
    listed: tuple[Weighted, ...]
    form_conflict: bool
    single_token_capped: bool
    reordered: bool

    def explain(self) -> dict[str, Any]:
        q_used = {i for a in self.alignments for i in a.query}
        l_used = {i for a in self.alignments for i in a.listed}
        return {
            "aligned": [
                {
                    "query": " ".join(self.query[i].token.text for i in a.query),
                    "listed": " ".join(self.listed[i].token.text for i in a.listed),
                    "similarity": round(a.similarity, 3),
                    "weight": round(sum(self.listed[i].evidence for i in a.listed), 3),
                }
                for a in self.alignments
            ],
            "missing": [
                {"token": w.token.text, "weight": round(w.penalty, 3)}
                for i, w in enumerate(self.listed)
                if i not in l_used
            ],
            "extra": [
                {"token": w.token.text, "weight": round(w.penalty, 3)}
                for i, w in enumerate(self.query)
                if i not in q_used
            ],
            "legal_form_conflict": self.form_conflict,
            "single_token_cap": self.single_token_capped,
            "reordered": self.reordered,
        }


class _Aligner:
    def __init__(
        self, query: list[Weighted], listed: list[Weighted], sim: Callable[[Token, Token], float]
    ) -> None:
        self.query, self.listed, self.sim = query, listed, sim
        self.q_free = set(range(len(query)))
        self.l_free = set(range(len(listed)))
        self.found: list[Alignment] = []

    def singles(self, floor: float) -> None:
        pairs = sorted(
            (
                (self.sim(self.query[i].token, self.listed[j].token), i, j)
                for i in self.q_free
                for j in self.l_free
            ),
            reverse=True,
        )
        for value, i, j in pairs:
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
            joined = _joined(side, start, size)
            best, best_j = 0.0, -1
            for j in other_free:
                value = similarity(joined, other[j].token)
                if value > best:
                    best, best_j = value, j
            if best >= 0.85:
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


def score_tokens(
    query: list[Weighted],
    listed: list[Weighted],
    query_forms: frozenset[str],
    listed_forms: frozenset[str],
    person: bool,
    sim: Callable[[Token, Token], float] = similarity,
) -> PairScore:
    aligner = _Aligner(query, listed, sim)
    aligner.singles(STRONG_SIMILARITY)
    if aligner.q_free and aligner.l_free:
        aligner.runs()
        aligner.singles(MIN_SIMILARITY)
    if aligner.q_free and aligner.l_free:
        aligner.acronyms()
    earned = aligned = 0.0
    distinctive = 0
    for found in aligner.found:
        weight = min(
            sum(query[i].evidence for i in found.query),
            sum(listed[j].evidence for j in found.listed),
        )
        value = found.similarity
        if found.acronym and person:
            weight = INITIAL_WEIGHT * max(len(found.query), len(found.listed))
            value = INITIAL_SIMILARITY
        earned += weight * credit(value)
        aligned += weight
        distinctive += max(
            _distinctive_count([query[i] for i in found.query]),
            _distinctive_count([listed[j] for j in found.listed]),
        )
    extra = _unaligned_penalty([query[i] for i in aligner.q_free])
    missing = _unaligned_penalty([listed[j] for j in aligner.l_free])
    beta, gamma = (PERSON_BETA, PERSON_GAMMA) if person else (ORG_BETA, ORG_GAMMA)
    denominator = aligned + beta * (extra + missing) + gamma * min(extra, missing)
    score = earned / denominator if denominator > 0 else 0.0
    reordered = person and _reordered(aligner.found, listed)
    if reordered:
        score *= REORDER_FACTOR
    conflict = _forms_conflict(query_forms, listed_forms)
    if conflict:
        score *= FORM_CONFLICT_FACTOR
    most = max(_distinctive_count(query), _distinctive_count(listed))
    capped = distinctive <= 1 and most > 1 and score > SINGLE_TOKEN_CAP
    if capped:
        score = SINGLE_TOKEN_CAP
    return PairScore(
        score, tuple(aligner.found), tuple(query), tuple(listed), conflict, capped, reordered
    )


def _unaligned_penalty(tokens: list[Weighted]) -> float:
    """Generic words left over cost together at most one generic word: a missing
    ``Research Institute`` is one difference of kind, not two."""
    generic = sum(w.penalty for w in tokens if w.token.generic)
    return sum(w.penalty for w in tokens if not w.token.generic) + min(generic, GENERIC_PENALTY)


def _reordered(found: list[Alignment], listed: list[Weighted]) -> bool:
    """True when the aligned words come in an order that is not the listed order rotated
    (``Putin Vladimir`` is a rotation; ``Salman bin Muhammad`` for ``Muhammad bin Salman``
    is not)."""
    pairs = sorted(
        (min(a.query), min(a.listed)) for a in found if not listed[min(a.listed)].token.particle
    )
    order = [listed_position for _, listed_position in pairs]
    ranked = sorted(order)
    ranks = [ranked.index(position) for position in order]
    size = len(ranks)
    return size > 2 and not any(
        ranks == [(k + shift) % size for k in range(size)] for shift in range(size)
    )


def _distinctive_count(tokens: list[Weighted]) -> int:
    return sum(1 for w in tokens if not (w.token.particle or w.token.generic))


def _forms_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    specific_a, specific_b = a - vocab.GENERIC_FORMS, b - vocab.GENERIC_FORMS
    return bool(specific_a and specific_b and not specific_a & specific_b)


def score_pair(
    query: str, listed: str, party_type: str | None = None, weigher: Weigher = uniform_weight
) -> PairScore:
    """Score two names with the rules the index uses. Without an index there are no list
    statistics: ``uniform_weight`` gives every distinctive word weight 1 (generic words and
    particles keep their fixed weights)."""
    person = party_type == "person"
    mode = "person" if person else None
    a, b = analyze(query, mode), analyze(listed, mode)
    return score_tokens(
        weigh(a.tokens, weigher), weigh(b.tokens, weigher), a.forms, b.forms, person
    )
