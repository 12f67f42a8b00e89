"""Numbers keyed exactly as printed in a Swedish report: `15 861`, `−63 300`, `10,7`."""

import re

THOUSANDS_SEPARATORS = " \u00a0\u202f\u2009"
MINUS_SIGNS = "-\u2212"
FOOTNOTE_MARKERS = "*†‡§#¹²³⁴⁵⁶⁷⁸⁹⁰)"

_SEPARATOR = f"[{THOUSANDS_SEPARATORS}]"
_SWEDISH_NUMBER = re.compile(
    rf"(?P<sign>[{MINUS_SIGNS}]?)"
    rf"(?P<integer>\d{{1,3}}(?:{_SEPARATOR}\d{{3}})+|\d+)"
    r"(?:,(?P<fraction>\d+))?",
    flags=re.ASCII,
)
_WITHOUT_SEPARATORS = str.maketrans("", "", THOUSANDS_SEPARATORS)


def parse_number(text: str) -> int | float | None:
    """Parse one cell; empty means blank in print and gives None.

    Raises ValueError whose message says what is wrong and how to write it.
    """
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    match = _SWEDISH_NUMBER.fullmatch(text)
    if match is None:
        raise ValueError(_reason_for_rejection(text))
    integer = match["integer"].translate(_WITHOUT_SEPARATORS)
    fraction = match["fraction"]
    if fraction is not None and len(fraction) == 3 and integer != "0":
        raise ValueError(f"thousands separator ',' is not allowed; write {text.replace(',', ' ')}")
    sign = "-" if match["sign"] else ""
    if fraction is None:
        return int(sign + integer)
    return float(f"{sign}{integer}.{fraction}")


def numbers_in(text: str) -> list[int | float]:
    """The numbers written in digits in a running text, without their signs: `ca 4 700 000 kr` gives [4700000]."""
    found = []
    for match in _SWEDISH_NUMBER.finditer(text):
        integer, fraction = match["integer"].translate(_WITHOUT_SEPARATORS), match["fraction"]
        found.append(int(integer) if fraction is None else float(f"{integer}.{fraction}"))
    return found


def _reason_for_rejection(text: str) -> str:
    if "\u2013" in text or "\u2014" in text:
        return "a dash ('–' or '—') is not a minus sign; write the minus as '-' or '−'"
    if "." in text and "," in text:
        return "'.' is not allowed in a number; write thousands with a space and decimals with a comma, such as 1 234,5"
    if "." in text:
        return "decimal point '.' is not allowed; use decimal comma, such as 10,7 (and a space between thousands, such as 1 234)"
    if text.count(",") > 1:
        return f"thousands separator ',' is not allowed; write {text.replace(',', ' ')}"
    if any(character.isalpha() for character in text):
        return "unit or other text is not allowed in a number cell; the unit belongs in report.yml"
    if text.startswith("(") and text.endswith(")"):
        return "parentheses are not allowed; write a negative number with a minus sign"
    without_markers = text.rstrip(FOOTNOTE_MARKERS)
    if without_markers != text and _SWEDISH_NUMBER.fullmatch(without_markers.strip()):
        return "footnote markers are not allowed in a number cell; note them in report.yml (comment)"
    if text.startswith("+"):
        return "a plus sign is not allowed; write the number without it"
    if re.fullmatch(rf"[{MINUS_SIGNS}]?[0-9][0-9{THOUSANDS_SEPARATORS}]*(,[0-9]+)?", text):
        return "bad digit grouping; the first group has 1 to 3 digits and every following group exactly 3, such as 1 234 567"
    return "not a number in Swedish format"
