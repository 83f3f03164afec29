"""Country names as the lists write them → ISO 3166-1 alpha-2 codes.

``to_iso2`` accepts an alpha-2 code, an official or common English name, or a variant spelling
found in the real list files; anything it does not know gives ``None`` (callers keep the text
in the address or remarks instead).
"""

import re
import unicodedata
from collections.abc import Iterable

_ISO2_NAMES: dict[str, tuple[str, ...]] = {
    "AD": ("Andorra",),
    "AE": ("United Arab Emirates", "UAE", "U.A.E."),
    "AF": ("Afghanistan",),
    "AG": ("Antigua and Barbuda",),
    "AI": ("Anguilla",),
    "AL": ("Albania",),
    "AM": ("Armenia",),
    "AO": ("Angola",),
    "AQ": ("Antarctica",),
    "AR": ("Argentina",),
    "AS": ("American Samoa",),
    "AT": ("Austria",),
    "AU": ("Australia",),
    "AW": ("Aruba",),
    "AX": ("Aland Islands",),
    "AZ": ("Azerbaijan",),
    "BA": ("Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia"),
    "BB": ("Barbados",),
    "BD": ("Bangladesh",),
    "BE": ("Belgium",),
    "BF": ("Burkina Faso",),
    "BG": ("Bulgaria",),
    "BH": ("Bahrain",),
    "BI": ("Burundi",),
    "BJ": ("Benin",),
    "BL": ("Saint Barthelemy",),
    "BM": ("Bermuda",),
    "BN": ("Brunei", "Brunei Darussalam"),
    "BO": ("Bolivia", "Plurinational State of Bolivia"),
    "BQ": ("Bonaire, Sint Eustatius and Saba", "Caribbean Netherlands"),
    "BR": ("Brazil",),
    "BS": ("Bahamas", "The Bahamas", "Bahamas, The"),
    "BT": ("Bhutan",),
    "BW": ("Botswana",),
    "BY": ("Belarus", "Republic of Belarus"),
    "BZ": ("Belize",),
    "CA": ("Canada",),
    "CC": ("Cocos (Keeling) Islands",),
    "CD": (
        "Congo (Democratic Republic)",
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "Congo, Democratic Republic of the",
        "DRC",
        "DR Congo",
        "Congo (Kinshasa)",
        "Zaire",
    ),
    "CF": ("Central African Republic", "CAR"),
    "CG": ("Republic of the Congo", "Congo", "Congo, Republic of the", "Congo (Brazzaville)"),
    "CH": ("Switzerland",),
    "CI": ("Cote d'Ivoire", "Cote d Ivoire", "Ivory Coast"),
    "CK": ("Cook Islands",),
    "CL": ("Chile",),
    "CM": ("Cameroon",),
    "CN": ("China", "People's Republic of China", "Peoples Republic of China", "PRC", "P.R.C."),
    "CO": ("Colombia",),
    "CR": ("Costa Rica",),
    "CU": ("Cuba",),
    "CV": ("Cabo Verde", "Cape Verde"),
    "CW": ("Curacao",),
    "CY": ("Cyprus",),
    "CZ": ("Czech Republic", "Czechia"),
    "DE": ("Germany", "Federal Republic of Germany"),
    "DJ": ("Djibouti",),
    "DK": ("Denmark",),
    "DM": ("Dominica",),
    "DO": ("Dominican Republic",),
    "DZ": ("Algeria",),
    "EC": ("Ecuador",),
    "EE": ("Estonia",),
    "EG": ("Egypt",),
    "EH": ("Western Sahara",),
    "ER": ("Eritrea",),
    "ES": ("Spain",),
    "ET": ("Ethiopia",),
    "FI": ("Finland",),
    "FJ": ("Fiji",),
    "FK": ("Falkland Islands",),
    "FM": ("Micronesia", "Federated States of Micronesia", "Micronesia, Federated States of"),
    "FO": ("Faroe Islands",),
    "FR": ("France",),
    "GA": ("Gabon",),
    "GB": (
        "United Kingdom",
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    ),
    "GD": ("Grenada",),
    "GE": ("Georgia",),
    "GF": ("French Guiana",),
    "GG": ("Guernsey",),
    "GH": ("Ghana",),
    "GI": ("Gibraltar",),
    "GL": ("Greenland",),
    "GM": ("Gambia", "The Gambia"),
    "GN": ("Guinea",),
    "GP": ("Guadeloupe",),
    "GQ": ("Equatorial Guinea",),
    "GR": ("Greece",),
    "GT": ("Guatemala",),
    "GU": ("Guam",),
    "GW": ("Guinea-Bissau", "Guinea Bissau"),
    "GY": ("Guyana",),
    "HK": (
        "Hong Kong",
        "Hong Kong SAR",
        "Hong Kong, China",
        "China, Hong Kong Special Administrative Region",
    ),
    "HN": ("Honduras",),
    "HR": ("Croatia",),
    "HT": ("Haiti",),
    "HU": ("Hungary",),
    "ID": ("Indonesia",),
    "IE": ("Ireland",),
    "IL": ("Israel",),
    "IM": ("Isle of Man", "Man, Isle of"),
    "IN": ("India",),
    "IQ": ("Iraq",),
    "IR": (
        "Iran",
        "Islamic Republic of Iran",
        "Iran (Islamic Republic of)",
        "Iran, Islamic Republic of",
    ),
    "IS": ("Iceland",),
    "IT": ("Italy",),
    "JE": ("Jersey",),
    "JM": ("Jamaica",),
    "JO": ("Jordan",),
    "JP": ("Japan",),
    "KE": ("Kenya",),
    "KG": ("Kyrgyzstan", "Kyrgyz Republic"),
    "KH": ("Cambodia",),
    "KI": ("Kiribati",),
    "KM": ("Comoros",),
    "KN": ("Saint Kitts and Nevis", "St. Kitts and Nevis", "St. Kitts & Nevis"),
    "KP": (
        "North Korea",
        "Korea, North",
        "Democratic People's Republic of Korea",
        "Korea, Democratic People's Republic of",
        "DPRK",
        "North Korea (DPRK)",
    ),
    "KR": ("South Korea", "Korea, South", "Republic of Korea", "Korea, Republic of", "Korea"),
    "KW": ("Kuwait",),
    "KY": ("Cayman Islands",),
    "KZ": ("Kazakhstan",),
    "LA": ("Laos", "Lao People's Democratic Republic"),
    "LB": ("Lebanon",),
    "LC": ("Saint Lucia", "St. Lucia"),
    "LI": ("Liechtenstein",),
    "LK": ("Sri Lanka",),
    "LR": ("Liberia",),
    "LS": ("Lesotho",),
    "LT": ("Lithuania",),
    "LU": ("Luxembourg",),
    "LV": ("Latvia",),
    "LY": ("Libya", "Libyan Arab Jamahiriya"),
    "MA": ("Morocco",),
    "MC": ("Monaco",),
    "MD": ("Moldova", "Republic of Moldova", "Moldova, Republic of"),
    "ME": ("Montenegro",),
    "MF": ("Saint Martin",),
    "MG": ("Madagascar",),
    "MH": ("Marshall Islands",),
    "MK": (
        "North Macedonia",
        "Macedonia",
        "The former Yugoslav Republic of Macedonia",
        "Republic of North Macedonia",
        "North Macedonia, The Republic of",
        "Macedonia, The Former Yugoslav Republic of",
    ),
    "ML": ("Mali",),
    "MM": ("Burma", "Myanmar"),
    "MN": ("Mongolia",),
    "MO": ("Macau", "Macao"),
    "MP": ("Northern Mariana Islands",),
    "MQ": ("Martinique",),
    "MR": ("Mauritania",),
    "MS": ("Montserrat",),
    "MT": ("Malta",),
    "MU": ("Mauritius",),
    "MV": ("Maldives",),
    "MW": ("Malawi",),
    "MX": ("Mexico",),
    "MY": ("Malaysia",),
    "MZ": ("Mozambique",),
    "NA": ("Namibia",),
    "NC": ("New Caledonia",),
    "NE": ("Niger",),
    "NG": ("Nigeria",),
    "NI": ("Nicaragua",),
    "NL": ("Netherlands", "The Netherlands", "Holland"),
    "NO": ("Norway",),
    "NP": ("Nepal",),
    "NR": ("Nauru",),
    "NU": ("Niue",),
    "NZ": ("New Zealand",),
    "OM": ("Oman",),
    "PA": ("Panama",),
    "PE": ("Peru",),
    "PF": ("French Polynesia",),
    "PG": ("Papua New Guinea",),
    "PH": ("Philippines", "The Philippines"),
    "PK": ("Pakistan",),
    "PL": ("Poland",),
    "PR": ("Puerto Rico",),
    "PS": (
        "Palestine",
        "State of Palestine",
        "Palestinian Territories",
        "Occupied Palestinian Territories",
        "Palestinian",
        "Palestinian Authority",
        "Palestinian Territory",
        "Occupied Palestinian Territory",
        "West Bank",
        "Gaza",
        "Gaza Strip",
        "West Bank and Gaza",
    ),
    "PT": ("Portugal",),
    "PW": ("Palau",),
    "PY": ("Paraguay",),
    "QA": ("Qatar",),
    "RE": ("Reunion",),
    "RO": ("Romania",),
    "RS": ("Serbia",),
    "RU": ("Russia", "Russian Federation"),
    "RW": ("Rwanda",),
    "SA": ("Saudi Arabia", "Kingdom of Saudi Arabia"),
    "SB": ("Solomon Islands",),
    "SC": ("Seychelles",),
    "SD": ("Sudan", "Republic of the Sudan"),
    "SE": ("Sweden",),
    "SG": ("Singapore",),
    "SH": ("Saint Helena",),
    "SI": ("Slovenia",),
    "SK": ("Slovakia", "Slovak Republic"),
    "SL": ("Sierra Leone",),
    "SM": ("San Marino",),
    "SN": ("Senegal",),
    "SO": ("Somalia",),
    "SR": ("Suriname",),
    "SS": ("South Sudan", "Republic of South Sudan"),
    "ST": ("Sao Tome and Principe",),
    "SV": ("El Salvador",),
    "SX": ("Sint Maarten",),
    "SY": ("Syria", "Syrian Arab Republic"),
    "SZ": ("Eswatini", "Swaziland"),
    "TC": ("Turks and Caicos Islands",),
    "TD": ("Chad",),
    "TG": ("Togo",),
    "TH": ("Thailand",),
    "TJ": ("Tajikistan",),
    "TL": ("Timor-Leste", "East Timor"),
    "TM": ("Turkmenistan",),
    "TN": ("Tunisia",),
    "TO": ("Tonga",),
    "TR": ("Turkey", "Turkiye", "Türkiye", "Turkey (Turkiye)", "Republic of Turkiye"),
    "TT": ("Trinidad and Tobago",),
    "TV": ("Tuvalu",),
    "TW": ("Taiwan", "Taiwan, Province of China", "Republic of China"),
    "TZ": ("Tanzania", "United Republic of Tanzania", "Tanzania, United Republic of"),
    "UA": ("Ukraine", "Crimea", "Crimea Region of Ukraine", "Region: Crimea"),
    "UG": ("Uganda",),
    "US": ("United States", "United States of America", "USA", "U.S.", "U.S.A."),
    "UY": ("Uruguay",),
    "UZ": ("Uzbekistan",),
    "VA": ("Holy See", "Vatican City", "Vatican"),
    "VC": ("Saint Vincent and the Grenadines", "St. Vincent and the Grenadines"),
    "VE": ("Venezuela", "Bolivarian Republic of Venezuela", "Venezuela (Bolivarian Republic of)"),
    "VG": ("British Virgin Islands", "Virgin Islands, British"),
    "VI": ("U.S. Virgin Islands", "Virgin Islands, U.S."),
    "VN": ("Vietnam", "Viet Nam"),
    "VU": ("Vanuatu",),
    "WS": ("Samoa",),
    "XK": ("Kosovo",),
    "YE": ("Yemen",),
    "YT": ("Mayotte",),
    "ZA": ("South Africa",),
    "ZM": ("Zambia",),
    "ZW": ("Zimbabwe",),
}

ISO2_CODES = frozenset(_ISO2_NAMES)


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").lower()
    return re.sub(r"[^a-z0-9']+", " ", text).strip()


_BY_NAME: dict[str, str] = {
    _key(name): code for code, names in _ISO2_NAMES.items() for name in names
}


# "Former USSR, now Belarus", "Ukrainian SSR (now Ukraine)", "Former USSR Currently Ukraine"
_NOW = re.compile(r"\b(?:now|currently)\s+([^()]+?)\)?\.?$", re.IGNORECASE)


def to_iso2(value: str | None) -> str | None:
    """The ISO alpha-2 code for a country code or name, or None when unknown."""
    if value is None:
        return None
    text = value.strip().strip(".,;")
    if not text:
        return None
    if len(text) == 2 and text.isalpha() and text.upper() in ISO2_CODES:
        return text.upper()
    key = _key(text)
    if key in _BY_NAME:
        return _BY_NAME[key]
    if key.startswith("the ") and key[4:] in _BY_NAME:
        return _BY_NAME[key[4:]]
    successor = _NOW.search(text)
    if successor:
        return to_iso2(successor.group(1))
    before_note = text.split("(", 1)[0]
    if before_note != text:
        return to_iso2(before_note)
    return None


def countries_of(values: Iterable[str | None]) -> tuple[str, ...]:
    """ISO codes of the known ``values``, without repeats, in order."""
    codes: list[str] = []
    for value in values:
        code = to_iso2(value)
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)
