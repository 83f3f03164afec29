"""Scoring one query name against one listed name: aligned tokens weighted by rarity.

The tokens are aligned (``alignment``; order does not matter) and each aligned pair earns
``credit`` for its similarity. Each token has two weights:

* evidence — how much an aligned token supports a match: its rarity across the list names
  (IDF), little for generic words (university, company) and particles (al, bin), half for
  country words; a name made only of generic words weighs them as ordinary words;
* penalty — how much it costs when it has no partner: generic words still cost (they tell
  ``Tianjin University of Technology`` from ``Tianjin University``; several left-over generic
  words cost as one), particles hardly, a patronymic half.

    score = earned evidence / (aligned evidence + β·(missing + extra) + γ·min(missing, extra))

``missing`` are listed tokens the query lacks, ``extra`` query tokens the listed name lacks;
``min(missing, extra)`` is a substitution (a different word in the same place), the
strongest sign of a different party. Persons get a small β (middle names and patronymics come
and go), orgs a larger one. Then: when only one distinctive token aligns while either name
has more, the score is capped at ``SINGLE_TOKEN_CAP`` (a first name or a one-word vessel name
is not enough); two different specific legal forms (AG vs GmbH) cost ``FORM_CONFLICT_FACTOR``;
person names whose words come in an order that is not a rotation of the listed order
(``Salman bin Muhammad`` for ``Muhammad bin Salman``) cost ``REORDER_FACTOR``.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from services.parties.matching import vocabulary as vocab
from services.parties.matching.alignment import (
    MIN_SIMILARITY,
    Aligner,
    Alignment,
    Rater,
    Side,
    Weighted,
    alignable,
    prepare,
)
from services.parties.matching.analysis import Token, analyze
from services.parties.matching.similarity import INITIAL_SIMILARITY

Weigher = Callable[[str], float]  # canonical token → base weight in (0, 1]

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
REORDER_FACTOR = 0.92
PERSON_BETA, PERSON_GAMMA = 0.3, 1.2
ORG_BETA, ORG_GAMMA = 0.7, 1.0


def uniform_weight(_: str) -> float:
    """The default weigher (no list statistics): every distinctive word weighs 1."""
    return 1.0


def weigh(tokens: tuple[Token, ...], weigher: Weigher) -> tuple[Weighted, ...]:
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
    return tuple(out)


def credit(sim: float) -> float:
    """Credit for an aligned pair: gentle above ``CREDIT_KNEE`` (a typo or two in a long
    word), steep below it (a different word that merely looks alike)."""
    if sim >= CREDIT_KNEE:
        return 1.0 - (1.0 - sim) * (1.0 - KNEE_CREDIT) / (1.0 - CREDIT_KNEE)
    return max(0.0, KNEE_CREDIT * (sim - CREDIT_ZERO) / (CREDIT_KNEE - CREDIT_ZERO))


@dataclass(slots=True)
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


def score_tokens(
    query: Side,
    listed: Side,
    query_forms: frozenset[str],
    listed_forms: frozenset[str],
    person: bool,
    rater: Rater,
) -> PairScore:
    aligner = Aligner(query, listed, rater)
    aligner.singles(STRONG_SIMILARITY)
    if aligner.q_free and aligner.l_free:
        aligner.runs()
        aligner.singles(MIN_SIMILARITY)
    if aligner.q_free and aligner.l_free:
        aligner.acronyms()
    return _score(aligner, query.weighted, listed.weighted, query_forms, listed_forms, person)


def _score(
    aligner: Aligner,
    query: tuple[Weighted, ...],
    listed: tuple[Weighted, ...],
    query_forms: frozenset[str],
    listed_forms: frozenset[str],
    person: bool,
) -> PairScore:
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
    score = earned / _denominator(aligned, extra, missing, person)
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
    return PairScore(score, tuple(aligner.found), query, listed, conflict, capped, reordered)


def score_ceiling(query: Side, listed: Side, person: bool, rater: Rater) -> float:
    """A bound that ``score_tokens`` never exceeds, much cheaper to get: every token that
    could align does, with full credit, and the others are missing or extra."""
    q_mask, l_mask, acronym = alignable(query, listed, rater)
    if acronym and person:
        return 1.0  # persons weigh a word of initials by its length, not its evidence
    q_evidence, extra = _split(query.weighted, q_mask)
    l_evidence, missing = _split(listed.weighted, l_mask)
    aligned = min(q_evidence, l_evidence)
    return aligned / _denominator(aligned, extra, missing, person) if aligned > 0 else 0.0


def _split(tokens: tuple[Weighted, ...], mask: int) -> tuple[float, float]:
    """The evidence of the tokens in ``mask`` and the penalty of the others left over."""
    evidence = sum(w.evidence for i, w in enumerate(tokens) if mask >> i & 1)
    return evidence, _unaligned_penalty([w for i, w in enumerate(tokens) if not mask >> i & 1])


def _denominator(aligned: float, extra: float, missing: float, person: bool) -> float:
    beta, gamma = (PERSON_BETA, PERSON_GAMMA) if person else (ORG_BETA, ORG_GAMMA)
    denominator = aligned + beta * (extra + missing) + gamma * min(extra, missing)
    return denominator if denominator > 0 else math.inf


def _unaligned_penalty(tokens: list[Weighted]) -> float:
    """Generic words left over cost together at most one generic word: a missing
    ``Research Institute`` is one difference of kind, not two."""
    generic = sum(w.penalty for w in tokens if w.token.generic)
    return sum(w.penalty for w in tokens if not w.token.generic) + min(generic, GENERIC_PENALTY)


def _reordered(found: list[Alignment], listed: tuple[Weighted, ...]) -> bool:
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


def _distinctive_count(tokens: Sequence[Weighted]) -> int:
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
    query_side = prepare(weigh(a.tokens, weigher))
    listed_side = prepare(weigh(b.tokens, weigher))
    return score_tokens(query_side, listed_side, a.forms, b.forms, person, Rater(query_side))
