"""Formula text shared by the sheets: structured references and expectation logic.

Only constructs that Excel, Excel for the web and LibreOffice 7.4 all evaluate:
`Table[Column]` references (never `[#Data]`, `[#All]` or `ROWS(Table)`),
COUNTIF/COUNTA, IF/OR/AND, defined names.
"""

from __future__ import annotations

from schoolnet_xl.core.contract import TABLE_PARTNERS
from schoolnet_xl.core.sheet_words import EXPECTATION_WORDS, STATUS_WORDS
from schoolnet_xl.core.vocabulary import Category, Vocabulary


def quote(text: str) -> str:
    """A string literal for a formula."""
    return '"' + text.replace('"', '""') + '"'


def column_ref(header: str, table: str = TABLE_PARTNERS) -> str:
    """`Partners[Header]`, escaping the characters structured references reserve."""
    escaped = "".join(f"'{ch}" if ch in "[]#'" else ch for ch in header)
    return f"{table}[{escaped}]"


def mark_count(header: str, vocabulary: Vocabulary) -> str:
    """Count of accepted X marks in one X column (COUNTIF ignores case)."""
    ref = column_ref(header)
    marks = list(dict.fromkeys(m.upper() if m == "x" else m for m in vocabulary.accepted_marks))
    return "+".join(f"COUNTIF({ref},{quote(m)})" for m in marks)


def expectation_formula(category: Category, vocabulary: Vocabulary, level_name: str) -> str | None:
    """IF formula giving the category's expectation word for the chosen level.

    Mirrors `Category.expectation`: a level given by code or label, anything
    else counts as unknown. None when the expectation does not depend on the level.
    """
    unknown = category.expectation(None)
    by_level = {code: category.expectation(code) for code in vocabulary.levels}
    if all(value == unknown for value in by_level.values()):
        return None
    level = f"TRIM({level_name})"
    formula = quote(EXPECTATION_WORDS[unknown])
    for wanted in ("recommended", None, "core"):
        codes = [code for code, value in by_level.items() if value == wanted and value != unknown]
        if not codes:
            continue
        tests = []
        for code in codes:
            tests += [f"{level}={quote(vocabulary.levels[code])}", f"{level}={quote(code)}"]
        formula = f"IF(OR({','.join(tests)}),{quote(EXPECTATION_WORDS[wanted])},{formula})"
    return formula


def status_formula(count_cell: str, expectation_cell: str) -> str:
    """IF formula turning a count and an expectation word into the status word."""
    return (
        f"IF({count_cell}>0,{quote(STATUS_WORDS['present'])},"
        f"IF({expectation_cell}={quote(EXPECTATION_WORDS['core'])},"
        f"{quote(STATUS_WORDS['missing_core'])},"
        f"IF({expectation_cell}={quote(EXPECTATION_WORDS['recommended'])},"
        f"{quote(STATUS_WORDS['missing_recommended'])},{quote(STATUS_WORDS['none'])})))"
    )
