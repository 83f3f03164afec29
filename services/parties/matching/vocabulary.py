"""Word lists the matcher relies on: abbreviations, spelling variants, legal forms, particles,
honorifics, generic and stop words. General English/legal vocabulary only, never list names."""

# A clerk's abbreviation → the full word (after lower-casing and punctuation removal).
# fmt: off
ABBREVIATIONS: dict[str, str] = {
    "univ": "university", "uni": "university", "inst": "institute", "instit": "institute",
    "tech": "technology", "techn": "technology", "technol": "technology",
    "acad": "academy", "sci": "science", "scis": "sciences", "co": "company",
    "cos": "companies", "ltd": "limited", "corp": "corporation", "inc": "incorporated",
    "intl": "international", "internat": "international", "natl": "national",
    "nat": "national", "dept": "department", "dep": "department", "mfg": "manufacturing",
    "assn": "association", "assoc": "association", "bros": "brothers", "ctr": "center",
    "cntr": "center", "eng": "engineering", "engg": "engineering", "engr": "engineering",
    "govt": "government", "gov": "government", "res": "research", "lab": "laboratory",
    "labs": "laboratories", "mgmt": "management", "svc": "service", "svcs": "services",
    "sys": "systems", "ind": "industrial", "inds": "industries", "indus": "industrial",
    "elec": "electronic", "electr": "electronics", "aero": "aeronautics",
    "aeronaut": "aeronautics", "astronaut": "astronautics", "polytech": "polytechnic",
    "med": "medical", "hosp": "hospital", "def": "defense", "min": "ministry",
    "mil": "military", "grp": "group", "hldgs": "holdings", "hldg": "holding",
    "fdn": "foundation", "found": "foundation", "comm": "communication",
    "commun": "communication", "telecom": "telecommunications", "chem": "chemical",
    "pharm": "pharmaceutical", "pharma": "pharmaceutical", "equip": "equipment",
    "mach": "machinery", "elect": "electric", "prof": "professor", "st": "saint",
    "mt": "mount", "ft": "fort", "bldg": "building", "constr": "construction",
    "dev": "development", "devt": "development", "admin": "administration",
    "adm": "administration", "env": "environmental", "agric": "agricultural",
    "agr": "agricultural", "coll": "college", "sch": "school", "fac": "faculty",
    "soc": "society", "est": "establishment", "estab": "establishment", "info": "information",
    "transp": "transportation", "trans": "transport", "shipbldg": "shipbuilding",
    "shpg": "shipping", "navig": "navigation", "petrol": "petroleum", "mgt": "management",
    "us": "united states", "usa": "united states", "uk": "united kingdom",
    "prc": "peoples republic china",
}

# British (and other variant) spellings → one canonical spelling.
SPELLINGS: dict[str, str] = {
    "defence": "defense", "centre": "center", "centres": "centers",
    "organisation": "organization", "organisations": "organizations", "labour": "labor",
    "programme": "program", "programmes": "programs", "aluminium": "aluminum",
    "metre": "meter", "theatre": "theater", "fibre": "fiber", "colour": "color",
    "harbour": "harbor", "honour": "honor", "catalogue": "catalog", "jewellery": "jewelry",
    "tyre": "tire", "storey": "story", "licence": "license", "practise": "practice",
    "offence": "offense", "enterprize": "enterprise", "behaviour": "behavior",
    "favour": "favor", "neighbour": "neighbor", "vapour": "vapor",
}
# Word endings that differ between British and American spelling (applied to long words).
SPELLING_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing"),
    ("yse", "yze"), ("ysed", "yzed"), ("ogue", "og"),
)

ORDINALS: dict[str, str] = {
    "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
    "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth",
}
UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}

# Legal-form phrases (token sequences) → their class. Forms in GENERIC_FORMS say only
# "a company" and are compatible with any other form; two different specific forms conflict.
LEGAL_FORMS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): form
    for form, phrases in {
        "company": ["company", "companies", "corporation", "incorporated", "incorporation",
                    "inc", "corp", "co"],
        "limited": ["limited", "ltd", "company limited", "co ltd", "limited company",
                    "pte", "pty", "pvt", "private limited", "proprietary limited", "private",
                    "pvt ltd", "private ltd", "pte ltd", "pty ltd"],
        "plc": ["plc", "public limited company", "p l c"],
        "llc": ["llc", "l l c", "limited liability company", "ooo", "o o o", "tov", "too",
                "obshchestvo s ogranichennoi otvetstvennostiu",
                "obshchestvo s ogranichennoy otvetstvennostyu",
                "obshestvo s ogranichennoi otvetstvennostiu", "sp z o o", "spolka z o o"],
        "jsc": ["jsc", "ojsc", "pjsc", "cjsc", "ao", "oao", "pao", "zao", "jstc",
                "joint stock company", "open joint stock company",
                "closed joint stock company", "public joint stock company",
                "joint stock", "joint stock co", "aktsionernoe obshchestvo",
                "aktsionernoye obshchestvo", "otkrytoe aktsionernoe obshchestvo",
                "publichnoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo",
                "ad", "a d", "pat", "at"],
        "ag": ["ag", "aktiengesellschaft", "a g"],
        "gmbh": ["gmbh", "g m b h", "gesellschaft mit beschrankter haftung", "mbh"],
        "sa": ["sa", "s a", "societe anonyme", "sociedad anonima", "sa de cv",
               "s a de c v", "sab de cv", "spa", "s p a", "societa per azioni", "sas",
               "s a s", "saa", "sac"],
        "sarl": ["sarl", "s a r l", "sl", "s l", "srl", "s r l",
                 "societatea cu raspundere limitata", "sociedad limitada", "eirl"],
        "bv": ["bv", "b v", "bvba", "b v b a"],
        "nv": ["nv", "n v"],
        "lp": ["lp", "l p", "limited partnership"],
        "llp": ["llp", "l l p", "limited liability partnership"],
        "ab": ["ab", "aktiebolag"],
        "as": ["a s", "asa", "aps", "a s a"],
        "kg": ["kg", "gmbh co kg", "kgaa", "ohg"],
        "oy": ["oy", "oyj"],
        "fze": ["fze", "fzco", "fzc", "fz llc", "fzllc"],
        "pt": ["pt", "p t", "tbk"],
        "kk": ["kk", "kabushiki kaisha", "kabushiki gaisha", "yugen kaisha"],
        "na": ["na", "n a", "national association"],
        "sdn": ["sdn bhd", "bhd", "berhad", "sendirian berhad"],
        "cv": ["cv", "c v"],
        "se": ["se"],
        "ano": ["ano", "anko", "nko", "avtonomnaya nekommercheskaya organizatsiya"],
        "unitary": ["fgup", "gup", "mup", "fgbu", "fgbou", "fgu", "state unitary enterprise",
                    "federal state unitary enterprise"],
    }.items()
    for phrase in phrases
}
GENERIC_FORMS = frozenset({"company", "limited"})
LONGEST_FORM = max(len(phrase) for phrase in LEGAL_FORMS)

# Words that never carry meaning in a name.
STOP_WORDS = frozenset({"of", "the", "and", "for", "in", "at", "on", "a", "an", "und", "et", "y"})

# Titles and honorifics that a clerk may add or drop.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "madam", "mme", "mlle",
    "herr", "frau", "monsieur", "president", "praesident", "prasident", "general", "gen",
    "col", "colonel", "capt", "captain", "major", "lt", "sheikh", "shaikh", "shaykh",
    "sheik", "haji", "hajji", "mullah", "mulla", "maulana", "maulvi", "mawlawi", "qari",
    "sayyid", "sayed", "syed", "hon", "rev", "jr", "sr", "mv", "m v",
})

# Particles inside personal names, spelled one way; they carry little weight.
PARTICLES: dict[str, str] = {
    "al": "al", "el": "al", "ul": "al", "bin": "bin", "ibn": "bin", "ben": "bin",
    "bint": "bint", "abu": "abu", "abou": "abu", "bou": "abu", "de": "de", "da": "de",
    "do": "de", "dos": "de", "das": "de", "del": "de", "della": "de", "di": "de",
    "du": "de", "van": "van", "von": "van", "der": "van", "den": "van", "ter": "van",
    "la": "la", "le": "la", "ould": "ould", "ag": "ag", "oglu": "oglu", "ogly": "oglu",
    "kyzy": "kyzy", "na": "na",
}

# Words that say what kind of body something is, not which one: they never carry a match,
# yet when one side has such a word and the other does not, that still tells them apart.
GENERIC_WORDS = frozenset({
    "university", "universities", "institute", "institutes", "institution", "academy",
    "academies", "college", "school", "center", "centers", "centre", "laboratory",
    "laboratories", "lab", "company", "companies", "corporation", "group", "holding",
    "holdings", "limited", "technology", "technologies", "technological", "science",
    "sciences", "scientific", "research", "industry", "industries", "industrial",
    "international", "national", "enterprise", "enterprises", "trading", "trade",
    "import", "export", "services", "service", "systems", "system", "solutions",
    "development", "engineering", "department", "bureau", "office", "ministry",
    "administration", "association", "society", "foundation", "organization", "agency",
    "authority", "committee", "council", "commission", "factory", "plant", "works",
    "branch", "subsidiary", "division", "unit", "network", "general", "global", "new",
    "state", "federal", "republic", "peoples", "people", "shipping", "logistics",
    "electronic", "electronics", "electric", "equipment", "materials", "products",
    "manufacturing", "investment", "investments", "management", "partners", "fund",
    "bank", "trust", "capital", "resources", "energy", "power", "construction", "co",
    "key", "provincial", "municipal", "city", "province", "county", "district",
})

# Country and nationality words: shared by many unrelated names, so they carry half the
# evidence of an ordinary word, yet a different country still tells two names apart.
GEOGRAPHIC_WORDS = frozenset({
    "china", "chinese", "russia", "russian", "iran", "iranian", "korea", "korean", "india",
    "indian", "pakistan", "syria", "syrian", "iraq", "iraqi", "turkey", "turkish", "america",
    "american", "europe", "european", "asia", "asian", "africa", "african", "arab", "arabian",
    "middle", "east", "west", "north", "south", "northern", "southern", "eastern", "western",
    "hong", "kong", "beijing", "shanghai", "moscow", "tehran", "dubai", "emirates",
})

# Patronymic endings (Slavic): a missing patronymic costs less than a missing given name.
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ovic", "evic", "ichna", "inichna")
# fmt: on
