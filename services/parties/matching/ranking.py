"""Ranking candidate name groups before full scoring, from which query tokens each shares.

A group's *mask* says which query tokens it shares (``any``) and which of those exactly
(``exact``). Its rank estimates the score from the evidence shared, the penalty unshared
and the listed name's own extra penalty; only the best ``CANDIDATES`` go on to scoring.

Both the floor test and the rank can only rise when a token is added to a mask, which
allows exact shortcuts: tokens that together cannot pass (``weak_bits``) need no masks for
the names reached only through them; once ``CANDIDATES`` groups are ranked, masks whose
ceiling is below the last of them are not ranked at all; and within a mask the rank falls
as the listed name's own penalty rises. Group ids follow that penalty, so a mask's groups
are ranked in id order until one cannot enter. Equal ranks go to the group sharing more
exactly, then to the lower group id, so the shortcuts never change which groups are chosen.
"""

import heapq
from collections.abc import Set as AbstractSet

from services.parties.matching.alignment import Weighted
from services.parties.matching.context import COUNTRY_SAME, DOB_SAME_DATE, TYPE_SAME
from services.parties.matching.retrieval import CANDIDATES
from services.parties.matching.scoring import ORG_BETA, PERSON_BETA

CONTEXT_BONUS = TYPE_SAME + COUNTRY_SAME + DOB_SAME_DATE  # the most context can add
FUZZY_RANK = 0.75  # a token found only through a similar spelling ranks lower
MIN_RANK = 0.3  # groups estimated below this are not worth scoring
MARGIN = 1e-9  # rounding never lets a shortcut drop a group that would have been chosen

Postings = list[tuple[int, AbstractSet[int], bool]]  # (token bits, names, exactly)
Masks = dict[tuple[int, int], set[int]]  # (any, exact) → groups


class Ranker:
    def __init__(self, weighted: tuple[Weighted, ...], floor: float) -> None:
        self.evidence = [w.evidence for w in weighted]
        self.penalty = [w.penalty for w in weighted]
        self.total_penalty = sum(self.penalty)
        self.floor = floor

    def _bounds(self, mask: int) -> tuple[float, float, float, float]:
        """The best score a listed name sharing only these tokens could reach (all of
        them matching, nothing else missing), the evidence and penalty shared, and the
        penalty unshared."""
        bits = [i for i in range(len(self.evidence)) if mask >> i & 1]
        shared = sum(self.evidence[i] for i in bits)
        shared_penalty = sum(self.penalty[i] for i in bits)
        unshared = self.total_penalty - shared_penalty
        best_case = shared / (shared + PERSON_BETA * unshared) if shared else 0.0
        return best_case, shared, shared_penalty, unshared

    def _hopeless(self, mask: int) -> bool:
        best_case, shared, _, unshared = self._bounds(mask)
        ceiling = shared / (shared + ORG_BETA * unshared) if shared else 0.0
        return best_case + CONTEXT_BONUS < self.floor - MARGIN or ceiling < MIN_RANK - MARGIN

    def weak_bits(self, postings: Postings) -> int:
        """Query tokens that together cannot make a candidate, those with the most
        postings taken first: only names reached through another token need masks."""
        reach = [0] * len(self.evidence)
        for bits, found, _ in postings:
            for i in range(len(reach)):
                if bits >> i & 1:
                    reach[i] += len(found)
        weak = 0
        for i in sorted(range(len(reach)), key=lambda i: -reach[i]):
            if self._hopeless(weak | 1 << i):
                weak |= 1 << i
        return weak

    def top_groups(self, by_masks: Masks, group_penalty: list[float]) -> list[int]:
        """The best ``CANDIDATES`` groups, best first. Group ids must follow their penalty:
        within a mask, a lower id then ranks at least as high and wins ties."""
        ranked: list[tuple[float, float, float, float, set[int]]] = []
        for (mask, exact_bits), members in by_masks.items():
            best_case, _, shared_penalty, unshared = self._bounds(mask)
            if best_case + CONTEXT_BONUS < self.floor:
                continue
            quality = sum(
                self.evidence[i] * (1.0 if exact_bits >> i & 1 else FUZZY_RANK)
                for i in range(len(self.evidence))
                if mask >> i & 1
            )
            ceiling = quality / (quality + ORG_BETA * unshared)
            ranked.append((ceiling, quality, shared_penalty, unshared, members))
        ranked.sort(key=lambda item: -item[0])
        best: list[tuple[float, float, int]] = []  # (rank, quality, -group), weakest on top
        for ceiling, quality, shared_penalty, unshared, members in ranked:
            if len(best) == CANDIDATES and ceiling + MARGIN < best[0][0]:
                break
            for group in sorted(members):
                listed_extra = max(0.0, group_penalty[group] - shared_penalty)
                rank = quality / (quality + ORG_BETA * (unshared + listed_extra))
                if rank < MIN_RANK:
                    break
                key = (rank, quality, -group)
                if len(best) < CANDIDATES:
                    heapq.heappush(best, key)
                elif rank < best[0][0]:
                    break
                elif key > best[0]:
                    heapq.heapreplace(best, key)
        return [-key[2] for key in sorted(best, reverse=True)]


def group_masks(effective: Postings, pool: set[int]) -> Masks:
    """The groups of ``pool`` by the query tokens they share (``effective``). Set
    operations split the pool: no step per name and token."""
    regions: Masks = {(0, 0): set(pool)}
    for bits, found, is_exact in effective:
        moved = []
        for (any_bits, exact_bits), members in regions.items():
            inside = members & found
            if inside:
                members -= inside
                exact_bits |= bits if is_exact else 0
                moved.append(((any_bits | bits, exact_bits), inside))
        for key, inside in moved:
            if key in regions:
                regions[key] |= inside
            else:
                regions[key] = inside
    return {key: members for key, members in regions.items() if members}
