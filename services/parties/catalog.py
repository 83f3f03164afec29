"""What each list is and what a hit on it means.

``list_info`` names the list, its authority, official address and update cadence (for the
research-security lists as ``lists.json`` of that data set describes them); ``category_for``
gives the contract's closed-set category of a (list, sub-list) pair and ``effect_for`` one line
on what a hit means. Lists nobody described here (an institution's own) are watch lists.
"""

from dataclasses import dataclass

CATEGORIES = frozenset(
    {
        "sdn", "denied_persons", "entity_list", "meu", "unverified", "itar_debarred",
        "nonproliferation", "ssi", "fse", "ns_cmic", "cap", "ns_mbs", "plc",
        "dod_1286_institution", "dod_1286_talent_program", "dod_1260h", "un_sanctions",
        "uk_sanctions", "eu_sanctions", "uflpa", "wro", "fcc_covered", "watchlist",
    }
)  # fmt: skip

EFFECTS: dict[str, str] = {
    "sdn": "blocked: all property and interests in property blocked; transactions by US persons "
    "prohibited",
    "denied_persons": "denied: no participation in any transaction subject to the EAR "
    "(export privileges denied by BIS order)",
    "entity_list": "licence required for all items subject to the EAR; see "
    "license_requirement/license_policy",
    "meu": "licence required for items in Supplement No. 2 to Part 744 for military end use or "
    "users; see license_requirement/license_policy",
    "unverified": "red flag: resolve before proceeding (no licence exceptions; UVL statement "
    "required)",
    "itar_debarred": "debarred: no participation in exports of defence articles or services (ITAR)",
    "nonproliferation": "sanctioned under US nonproliferation law: check the measures imposed",
    "ssi": "sectoral sanctions: the directive's restrictions on debt, equity or services apply",
    "fse": "foreign sanctions evader: transactions by US persons prohibited",
    "ns_cmic": "investment ban: no purchase or sale of its publicly traded securities by US "
    "persons",
    "cap": "no correspondent or payable-through accounts for this financial institution",
    "ns_mbs": "menu-based sanctions: the selected sanctions apply (see the remarks)",
    "plc": "Palestinian Legislative Council member: transactions restricted (see remarks)",
    "dod_1286_institution": "no DoD-funded fundamental research collaboration; disclosure and "
    "mitigation required",
    "dod_1286_talent_program": "foreign talent recruitment programme: participation bars DoD "
    "funding when malign; must be disclosed",
    "dod_1260h": "Chinese military company: DoD contracting prohibitions; heightened review for "
    "collaborations",
    "un_sanctions": "UN sanctions: asset freeze, travel ban or arms embargo per the regime",
    "uk_sanctions": "UK financial sanctions: asset freeze and the regime's measures",
    "eu_sanctions": "EU restrictive measures: asset freeze and the regime's measures",
    "uflpa": "goods presumed made with forced labour: barred from US import",
    "wro": "goods detained at US import (withhold release order or finding)",
    "fcc_covered": "covered communications equipment or services: no FCC-funded purchase",
    "watchlist": "on the institution's own watch list: refer to research security",
}


CSL_CATEGORIES = {
    "SDN": "sdn", "EL": "entity_list", "MEU": "meu", "DPL": "denied_persons",
    "UVL": "unverified", "ISN": "nonproliferation", "DTC": "itar_debarred", "SSI": "ssi",
    "FSE": "fse", "CMIC": "ns_cmic", "CAP": "cap", "NS-MBS": "ns_mbs", "PLC": "plc",
}  # fmt: skip


@dataclass(frozen=True)
class ListInfo:
    list_id: str
    name: str
    authority: str
    official_url: str | None
    update_cadence: str | None


_BIS = "U.S. Department of Commerce, Bureau of Industry and Security"
_OFAC = "U.S. Department of the Treasury, Office of Foreign Assets Control"
_DDTC = "U.S. Department of State, Directorate of Defense Trade Controls"
_DDTC_URL = (
    "https://deccspmddtc.servicenowservices.com/ddtc_public?id=ddtc_kb_article_page"
    "&sys_id=c22d1833dbb8d300d0a370131f9619f0"
)
_ECFR_744 = "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744"

_LISTS: dict[str, tuple[ListInfo, dict[str, str]]] = {
    info.list_id: (info, categories)
    for info, categories in (
        (
            ListInfo(
                "us-csl",
                "Consolidated Screening List",
                "U.S. Departments of Commerce, State and the Treasury (International Trade "
                "Administration)",
                "https://www.trade.gov/consolidated-screening-list",
                "Updated daily as the underlying lists change",
            ),
            CSL_CATEGORIES,
        ),
        (
            ListInfo(
                "ofac-sdn",
                "Specially Designated Nationals and Blocked Persons List",
                _OFAC,
                "https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
                "Updated as OFAC designates or removes persons, often several times a week",
            ),
            {"*": "sdn"},
        ),
        (
            ListInfo(
                "un",
                "United Nations Security Council Consolidated List",
                "United Nations Security Council",
                "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
                "Updated as the Council and its sanctions committees amend entries",
            ),
            {"*": "un_sanctions"},
        ),
        (
            ListInfo(
                "uk-ofsi",
                "UK Consolidated List of Financial Sanctions Targets",
                "HM Treasury, Office of Financial Sanctions Implementation",
                "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets",
                "Updated as designations are made, amended or revoked",
            ),
            {"*": "uk_sanctions"},
        ),
        (
            ListInfo(
                "bis-dpl",
                "Denied Persons List",
                _BIS,
                "https://www.bis.gov/licensing/end-user-guidance/denied-persons-list-dpl",
                "Updated as denial orders are issued, renewed, or expire",
            ),
            {"*": "denied_persons"},
        ),
        (
            ListInfo(
                "bis-entity-list",
                "BIS Entity List",
                _BIS,
                f"{_ECFR_744}#Supplement-No.-4-to-Part-744",
                "Amended frequently — often several times per month — via Federal Register rules",
            ),
            {"*": "entity_list"},
        ),
        (
            ListInfo(
                "bis-meu",
                "Military End-User (MEU) List",
                _BIS,
                f"{_ECFR_744}/appendix-Supplement%20No.%207%20to%20Part%20744",
                "Amended periodically via Federal Register rules",
            ),
            {"*": "meu"},
        ),
        (
            ListInfo(
                "dow-1286",
                "Section 1286 List of Foreign Talent Programs and Institutions",
                "U.S. Department of War",
                "https://basicresearch.defense.gov/Programs/Academic-Research-Security/",
                "Updated periodically by the Office of the Under Secretary of Defense "
                "(Research & Engineering)",
            ),
            {"table1": "dod_1286_institution", "table2": "dod_1286_talent_program"},
        ),
        (
            ListInfo(
                "dow-1260h",
                "Section 1260H List of Chinese Military Companies",
                "U.S. Department of War",
                "https://www.federalregister.gov/documents/search?conditions%5Bsearch_type_id%5D=3&conditions%5Bterm%5D=1260H",
                "Updated at least annually until December 31, 2030",
            ),
            {"*": "dod_1260h"},
        ),
        (
            ListInfo(
                "ofac-nscmic",
                "Non-SDN Chinese Military-Industrial Complex Companies List",
                _OFAC,
                "https://www.treasury.gov/ofac/downloads/ccmc/nscmiclist.pdf",
                "Updated as OFAC adds or removes designations",
            ),
            {"*": "ns_cmic"},
        ),
        (
            ListInfo(
                "ofac-eo14032",
                "Annex to Executive Order 14032 (Chinese Military-Industrial Complex Companies)",
                _OFAC,
                "https://ofac.treasury.gov/media/99111/download?inline",
                "The Annex itself is fixed; subsequent designations appear on the NS-CMIC List",
            ),
            {"*": "ns_cmic"},
        ),
        (
            ListInfo(
                "dhs-uflpa",
                "UFLPA Entity List",
                "U.S. Department of Homeland Security",
                "https://www.dhs.gov/uflpa-entity-list",
                "Updated by the Forced Labor Enforcement Task Force, typically several times a "
                "year",
            ),
            {"*": "uflpa"},
        ),
        (
            ListInfo(
                "cbp-wro",
                "Withhold Release Orders and Findings List",
                "U.S. Customs and Border Protection",
                "https://www.cbp.gov/document/stats/withhold-release-orders-findings",
                "Updated as orders are issued, modified, or revoked",
            ),
            {"*": "wro"},
        ),
        (
            ListInfo(
                "fcc-covered",
                "FCC Covered List",
                "U.S. Federal Communications Commission",
                "https://www.fcc.gov/supplychain/coveredlist",
                "Updated as the Public Safety and Homeland Security Bureau adds determinations",
            ),
            {"*": "fcc_covered"},
        ),
        (
            ListInfo(
                "state-debarred-statutory",
                "AECA/ITAR Statutorily Debarred Parties",
                _DDTC,
                _DDTC_URL,
                "Updated as debarments are imposed, rescinded, or reinstatements granted",
            ),
            {"*": "itar_debarred"},
        ),
        (
            ListInfo(
                "state-debarred-admin",
                "AECA/ITAR Administratively Debarred Parties",
                _DDTC,
                _DDTC_URL,
                "Updated as administrative debarments are imposed or lifted",
            ),
            {"*": "itar_debarred"},
        ),
        (
            ListInfo(
                "state-nonproliferation",
                "Nonproliferation Sanctions",
                "U.S. Department of State, Bureau of International Security and Nonproliferation",
                "https://www.state.gov/bureau-of-arms-control-and-nonproliferation/nonproliferation-sanctions",
                "Updated as determinations are published in the Federal Register",
            ),
            {"*": "nonproliferation"},
        ),
    )
}


def known_list_ids() -> list[str]:
    return sorted(_LISTS)


def list_info(list_id: str) -> ListInfo:
    """The list's description; an undescribed (curated) list is the institution's own."""
    known = _LISTS.get(list_id)
    if known:
        return known[0]
    return ListInfo(list_id, list_id, "Institution (curated list)", None, None)


def category_for(list_id: str, sub_list: str | None) -> str:
    """The contract category of a hit on ``sub_list`` of ``list_id``."""
    known = _LISTS.get(list_id)
    if known is None:
        return "watchlist"
    categories = known[1]
    if sub_list is not None and sub_list in categories:
        return categories[sub_list]
    return categories.get("*", "watchlist")


def effect_for(list_id: str, sub_list: str | None) -> str:
    """One line on what a hit on ``sub_list`` of ``list_id`` means."""
    return EFFECTS[category_for(list_id, sub_list)]
