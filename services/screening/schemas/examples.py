"""Worked examples for ``/docs``: the minimal forms other systems send, and full requests."""

from typing import Any

SCREENING_EXAMPLES: dict[str, dict[str, Any]] = {
    "collaboration-minimal": {
        "summary": "Collaboration, minimal form",
        "value": {
            "kind": "collaboration",
            "sponsor": "DoD",
            "topic": "quantum sensing",
            "parties": [
                {
                    "role": "institution",
                    "name": "Harbin Institute of Technology",
                    "type": "organization",
                    "country": "CN",
                }
            ],
        },
    },
    "collaboration-full": {
        "summary": "Collaboration with funding, exchanges, talent programme, co-authors",
        "value": {
            "kind": "collaboration",
            "title": "Open climate reanalysis",
            "sponsor": "NSF",
            "topic": "open climate data",
            "parties": [
                {
                    "role": "institution",
                    "name": "ETH Zurich",
                    "type": "organization",
                    "country": "CH",
                },
                {
                    "role": "co-investigator",
                    "name": "Anna Muster",
                    "type": "person",
                    "country": "CH",
                    "affiliation": "ETH Zurich",
                    "person_ref": "0000-0002-1825-0097",
                },
            ],
            "work_locations": [{"country": "CH", "city": "Zurich"}, {"country": "US"}],
            "funding_sources": [{"name": "Swiss National Science Foundation", "country": "CH"}],
            "exchanges": ["data"],
            "activities": ["publishing", "open_exchange"],
            "co_authorships": [
                {"affiliation": "University of Bern", "country": "CH", "year": 2023}
            ],
        },
    },
    "visitor": {
        "summary": "Visiting scholar paid by a talent programme",
        "value": {
            "kind": "visitor",
            "sponsor": "DoD",
            "visitor": {"name": "Li Wei", "type": "person", "person_ref": "0000-0001-0000-0001"},
            "employer": {"name": "Zhejiang University", "type": "organization", "country": "CN"},
            "paid_by": [
                {"name": "Thousand Talents Plan", "country": "CN", "pays": ["travel", "stay"]}
            ],
            "length_of_stay_days": 180,
            "lab_access": True,
            "sponsored_work_in_lab": True,
            "joins_ongoing_research": True,
        },
    },
    "vendor-minimal": {
        "summary": "Vendor, minimal form",
        "value": {
            "kind": "vendor",
            "parties": [
                {
                    "role": "vendor",
                    "name": "Pars Lab Supplies",
                    "type": "organization",
                    "country": "IR",
                }
            ],
        },
    },
    "shipment": {
        "summary": "Shipment with consignee, end user and item",
        "value": {
            "kind": "vendor",
            "parties": [
                {
                    "role": "consignee",
                    "name": "Tsinghua University",
                    "type": "organization",
                    "country": "CN",
                }
            ],
            "items": [
                {
                    "description": "cryogenic low-noise amplifier",
                    "eccn": "3A001",
                    "destination": {"country": "CN"},
                    "end_user": "Tsinghua University",
                }
            ],
        },
    },
}
