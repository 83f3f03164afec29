"""Apply the rules table to the facts and the reviewed list hits.

The level is the worst level any finding gives; a ``raise`` rule then lifts it one step, never
into BLOCKED (a legal bar comes only from a rule that says so). Hits marked false positive (or
remembered as such) count for nothing; a possible match confirmed as a true match counts as a
match.
"""

from collections.abc import Iterable
from datetime import date

from services.screening.facts import Facts, NameQuery
from services.screening.rulebook import Level, Rule, Rulebook
from services.screening.schemas.results import (
    Evidence,
    Finding,
    RequiredAction,
    Result,
    ReviewedHit,
)

INACTIVE = {"false_positive", "suppressed"}


class RuleEngine:
    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook

    def evaluate(
        self,
        facts: Facts,
        hits: list[ReviewedHit],
        list_versions: dict[str, str],
        on: date,
    ) -> Result:
        queries = {query.ref: query for query in facts.queries}
        active = [hit for hit in hits if hit.status not in INACTIVE]
        findings: list[Finding] = []
        tags_found: set[str] = set()
        raises: list[Rule] = []
        for rule in self.rulebook.rules.rules:
            if rule.kind == "list_hit":
                new = self._list_findings(rule, active, queries, facts)
            elif rule.kind == "place":
                new = self._place_findings(rule, facts, on)
            elif rule.kind == "flag":
                new = self._flag_findings(rule, facts)
            elif rule.kind == "combined":
                new = self._flag_findings(rule, facts) if tags_found & set(rule.with_tags) else []
            else:
                if any(flag in facts.flags for flag in rule.flags):
                    raises.append(rule)
                continue
            if new:
                tags_found.update(rule.tags)
            findings += new
        level = max((Level[f.level] for f in findings), default=Level.LOW)
        for rule in raises:
            level = level if level >= Level.HIGH else Level(level + 1)
            findings += [
                f.model_copy(update={"level": level.name}) for f in self._flag_findings(rule, facts)
            ]
        needs_review = any(hit.status == "unreviewed" for hit in hits)
        return Result(
            level=level.name,
            needs_review=needs_review,
            findings=findings,
            required_actions=self._actions(findings, needs_review),
            rules_version=self.rulebook.version,
            list_versions=list_versions,
            hits=hits,
        )

    def _finding(self, rule: Rule, level: Level, evidence: Evidence) -> Finding:
        texts = [self.rulebook.rules.actions[action] for action in rule.actions]
        return Finding(
            rule_id=rule.id,
            title=rule.title,
            citation=rule.citation,
            level=level.name,
            evidence=evidence,
            required_action=" ".join(texts) if texts else "None: proceed.",
            action_ids=list(rule.actions),
        )

    def _list_findings(
        self, rule: Rule, hits: Iterable[ReviewedHit], queries: dict[str, NameQuery], facts: Facts
    ) -> list[Finding]:
        if any(flag not in facts.flags for flag in rule.requires_flags):
            return []
        selected = [
            hit
            for hit in hits
            if (rule.categories is None or hit.category in rule.categories)
            and _effective_band(hit) in rule.bands
            and (rule.roles is None or hit.role in rule.roles)
            and (not rule.recent_only or (hit.ref in queries and queries[hit.ref].year is not None))
        ]
        level = rule.severity
        escalate = rule.escalate
        if escalate and len({h.party_id for h in selected}) >= escalate.min_distinct_parties:
            level = Level[escalate.level]
        return [self._finding(rule, level, _hit_evidence(hit)) for hit in selected]

    def _place_findings(self, rule: Rule, facts: Facts, on: date) -> list[Finding]:
        findings = []
        for place in facts.places:
            embargo = self.rulebook.reference.embargo_for(place.country, place.region, on)
            if embargo is None:
                continue
            where = place.country + (f" / {place.region}" if place.region else "")
            evidence = Evidence(
                explanation=f"{place.where} {where} ({place.path}) is in {embargo.name}, "
                f"comprehensively embargoed since {embargo.since} ({embargo.citation})",
                ref=place.path,
            )
            findings.append(self._finding(rule, rule.severity, evidence))
        return findings

    def _flag_findings(self, rule: Rule, facts: Facts) -> list[Finding]:
        lines = [line for flag in rule.flags for line in facts.flags.get(flag, [])]
        if not lines:
            return []
        return [self._finding(rule, rule.severity, Evidence(explanation="; ".join(lines)))]

    def _actions(self, findings: list[Finding], needs_review: bool) -> list[RequiredAction]:
        texts = self.rulebook.rules.actions
        by_id: dict[str, RequiredAction] = {}
        pairs = [(action, f.rule_id) for f in findings for action in f.action_ids]
        if needs_review:
            pairs.append(("resolve_possible_match", "needs_review"))
        for action, rule_id in pairs:
            entry = by_id.setdefault(
                action, RequiredAction(id=action, text=texts[action], rule_ids=[])
            )
            if rule_id not in entry.rule_ids:
                entry.rule_ids.append(rule_id)
        return list(by_id.values())


def _effective_band(hit: ReviewedHit) -> str:
    return "match" if hit.status == "true_match" else hit.band


def _hit_evidence(hit: ReviewedHit) -> Evidence:
    meaning = hit.category.replace("_", " ")
    licence = ""
    if hit.license_requirement:
        licence = f"; licence requirement: {hit.license_requirement}"
        if hit.license_policy:
            licence += f" (policy: {hit.license_policy})"
    status = "" if hit.status == "unreviewed" else f" [{hit.status.replace('_', ' ')}]"
    return Evidence(
        explanation=f"{hit.ref} '{hit.query_name}' ({hit.role}) matched '{hit.matched_name}' "
        f"({hit.alias_kind}) of {hit.name} on {hit.list_name} ({meaning}), "
        f"score {hit.score:.2f}, band {hit.band}{status}{licence}",
        ref=hit.ref,
        party=hit.query_name,
        role=hit.role,
        hit_id=hit.hit_id,
        matched_party=hit.name,
        matched_name=hit.matched_name,
        party_id=hit.party_id,
        list=hit.list,
        list_version=hit.list_version,
        category=hit.category,
        score=hit.score,
        band=hit.band,
        content_hash=hit.content_hash,
        license_requirement=hit.license_requirement,
        license_policy=hit.license_policy,
    )
