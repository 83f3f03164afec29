"""Who may call what: roles, the services behind each path prefix, and the route table.

The table is data: one ``Rule`` per (methods, path pattern), first match wins. A pattern's
segments are literal, ``*`` (exactly one segment) or a final ``**`` (any remaining segments,
including none). A path under a known prefix that no rule matches is refused (403): new routes
must be granted here on purpose.
"""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    REQUESTER = "requester"
    PROCUREMENT = "procurement"
    REVIEWER = "reviewer"
    RESEARCHER = "researcher"
    DELEGATE = "delegate"
    AUDITOR = "auditor"
    ADMIN = "admin"


PERSON_BOUND_ROLES = frozenset({Role.RESEARCHER, Role.DELEGATE})

ROLE_DESCRIPTIONS = {
    Role.REQUESTER: "A university system: screens, reads its own cases.",
    Role.PROCUREMENT: "Vendor screening and CSV files of names.",
    Role.REVIEWER: "Research security / export control: adjudicates, decides, reads everything.",
    Role.RESEARCHER: "Their own disclosures (key bound to a person reference).",
    Role.DELEGATE: "Prepares a researcher's disclosures but cannot certify (bound to a person).",
    Role.AUDITOR: "Read-only access to everything, including audit trails.",
    Role.ADMIN: "API keys and list ingestion.",
}

SERVICE_PREFIXES = {
    "/v1/parties": "parties",
    "/v1/lists": "parties",
    "/v1/screenings": "screening",
    "/v1/cases": "screening",
    "/v1/alerts": "screening",
    "/v1/disclosures": "disclosure",
    "/v1/people": "disclosure",
}

READ = frozenset({"GET", "HEAD"})
POST = frozenset({"POST"})
PUT = frozenset({"PUT"})
ANY = READ | frozenset({"POST", "PUT", "PATCH", "DELETE"})

_R = Role
ADMIN = frozenset({_R.ADMIN})
AUDITOR = frozenset({_R.AUDITOR})
REVIEWER = frozenset({_R.REVIEWER})
RESEARCHER = frozenset({_R.RESEARCHER})
SCREENERS = frozenset({_R.REQUESTER, _R.PROCUREMENT, _R.REVIEWER})
LIST_READERS = frozenset({_R.REQUESTER, _R.PROCUREMENT, _R.REVIEWER, _R.AUDITOR, _R.ADMIN})
SEARCHERS = SCREENERS | {_R.AUDITOR, _R.ADMIN}
CASE_READERS = SCREENERS | {_R.AUDITOR}
OVERSIGHT = frozenset({_R.REVIEWER, _R.AUDITOR})
DISCLOSERS = frozenset({_R.RESEARCHER, _R.DELEGATE})
DISCLOSURE_READERS = DISCLOSERS | OVERSIGHT


@dataclass(frozen=True)
class Rule:
    methods: frozenset[str]
    pattern: str
    roles: frozenset[Role]
    large_body: bool = False
    long_running: bool = False

    def matches(self, method: str, path: str) -> bool:
        return method in self.methods and pattern_matches(self.pattern, path)


RULES: tuple[Rule, ...] = (
    # gateway: API key administration
    Rule(ANY, "/v1/keys/**", ADMIN),
    # parties: search, lists, ingestion
    Rule(POST, "/v1/parties/search", SEARCHERS),
    Rule(POST, "/v1/parties/search/batch", SEARCHERS, large_body=True, long_running=True),
    Rule(POST, "/v1/parties/search/csv", SEARCHERS, large_body=True, long_running=True),
    Rule(READ, "/v1/parties/*", LIST_READERS),
    Rule(READ, "/v1/lists/**", LIST_READERS),
    Rule(POST, "/v1/lists/*/versions", ADMIN, large_body=True, long_running=True),
    # screening: requests, cases, adjudication, re-screening, alerts
    Rule(POST, "/v1/screenings", SCREENERS),
    Rule(POST, "/v1/screenings/vendor-file", SCREENERS, large_body=True, long_running=True),
    Rule(READ, "/v1/screenings/rules", CASE_READERS),
    Rule(READ, "/v1/cases", CASE_READERS),  # screening lists a requester's own cases only
    Rule(POST, "/v1/cases/rescreen", REVIEWER | ADMIN, long_running=True),
    Rule(READ, "/v1/cases/people/*/organisations", OVERSIGHT),
    Rule(READ, "/v1/cases/*/events", OVERSIGHT),
    Rule(READ, "/v1/cases/*", CASE_READERS),
    Rule(READ, "/v1/cases/*/export", CASE_READERS),
    Rule(POST, "/v1/cases/*/adjudications", REVIEWER),
    Rule(POST, "/v1/cases/*/decisions", REVIEWER),
    Rule(READ, "/v1/alerts/**", OVERSIGHT),
    # disclosure: people and their versioned records; only the researcher certifies
    Rule(POST, "/v1/people", DISCLOSERS | REVIEWER),
    Rule(READ, "/v1/people", OVERSIGHT),
    Rule(READ, "/v1/people/*/undisclosed", OVERSIGHT),
    Rule(READ, "/v1/people/*/access-log", AUDITOR),
    Rule(READ, "/v1/people/*", DISCLOSURE_READERS),
    Rule(READ, "/v1/people/*/disclosures", DISCLOSURE_READERS),
    Rule(POST, "/v1/people/*/disclosures", DISCLOSERS),
    Rule(READ, "/v1/disclosures/*", DISCLOSURE_READERS),
    Rule(PUT, "/v1/disclosures/*", DISCLOSERS),
    Rule(POST, "/v1/disclosures/*/certify", RESEARCHER),
    Rule(POST, "/v1/disclosures/*/corrections", DISCLOSERS),
    Rule(READ, "/v1/disclosures/*/checks", DISCLOSURE_READERS),
    Rule(POST, "/v1/disclosures/*/checks", REVIEWER),
    Rule(READ, "/v1/disclosures/*/events", DISCLOSURE_READERS),
)


def pattern_matches(pattern: str, path: str) -> bool:
    wanted = pattern.strip("/").split("/")
    actual = path.strip("/").split("/")
    for index, segment in enumerate(wanted):
        if segment == "**":
            return True
        if index >= len(actual):
            return False
        if segment != "*" and segment != actual[index]:
            return False
    return len(actual) == len(wanted)


def rule_for(method: str, path: str) -> Rule | None:
    """The first rule for ``method`` on ``path``."""
    return next((rule for rule in RULES if rule.matches(method.upper(), path)), None)


def service_for(path: str) -> str | None:
    """The service behind ``path`` (``/v1/lists/...`` is the parties service)."""
    for prefix, service in SERVICE_PREFIXES.items():
        if path == prefix or path.startswith(prefix + "/"):
            return service
    return None


def roles_for(method: str, path: str) -> frozenset[Role]:
    rule = rule_for(method, path)
    return rule.roles if rule else frozenset()
