"""Findings and the catalogue of rules they come from; words are rendered at the edge.

Every finding the project emits (probe, readers, card rules) names a
registered `Rule` by its code and carries its cell and parameters, never a
sentence: `Finding.message(lang)` and `Finding.hint(lang)` render the rule's
templates in the language of whoever shows it (terminal, JSON, workbooks, the
Excel button). A parameter that is itself language-dependent is a `Words` pair.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal, NamedTuple

from schoolnet_xl.core.lang import Lang

Severity = Literal["fout", "waarschuwing", "info"]
SEVERITIES: tuple[Severity, ...] = ("fout", "waarschuwing", "info")
Scope = Literal["file", "header", "row", "card"]


class Words(NamedTuple):
    """One text in Dutch and in English, picked when shown."""

    nl: str
    en: str

    def render(self, lang: Lang = "nl") -> str:
        """The text in `lang`."""
        return self.en if lang == "en" else self.nl


ParamValue = str | int | float | Words


def render(value: object, lang: Lang) -> str:
    """A parameter as text in `lang` (`Words` picked, anything else as `str`)."""
    return value.render(lang) if isinstance(value, Words) else str(value)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or piece of information) about a card, as plain data.

    `params` fill the rule's message and hint templates (besides `value`,
    `field` and `cell`); they are kept as pairs so that a finding stays hashable
    and cheap to ship between processes.
    """

    code: str
    severity: Severity
    file: str = ""
    sheet: str = ""
    cell: str = ""
    field: str = ""
    value: str = ""
    params: tuple[tuple[str, ParamValue], ...] = ()

    @property
    def rule(self) -> Rule:
        """The registered rule this finding comes from."""
        return REGISTRY[self.code]

    def message(self, lang: Lang = "nl") -> str:
        """The rule's message, filled in, in `lang`."""
        return self.rule.message.render(lang).format_map(self._fields(lang))

    def hint(self, lang: Lang = "nl") -> str:
        """The rule's hint, filled in, in `lang` ("" when the rule has none)."""
        hint = self.rule.hint
        return hint.render(lang).format_map(self._fields(lang)) if hint else ""

    def texts(self, lang: Lang = "nl") -> tuple[str, str]:
        """`message(lang)` and `hint(lang)` at once (their fields filled in once)."""
        rule = self.rule
        fields = self._fields(lang)
        hint = rule.hint
        return (rule.message.render(lang).format_map(fields),
                hint.render(lang).format_map(fields) if hint else "")

    def _fields(self, lang: Lang) -> dict[str, str]:
        fields = {"value": self.value, "field": self.field, "cell": self.cell}
        fields.update((name, render(value, lang)) for name, value in self.params)
        return fields


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code, its severity and scope, what it checks, its texts.

    Message and hint are `str.format` templates over the finding's `value`,
    `field`, `cell` and parameters.
    """

    code: str
    severity: Severity
    scope: Scope
    checks: Words
    message: Words
    example: Words
    hint: Words | None = None

    def finding(self, *, file: str = "", sheet: str = "", cell: str = "", field: str = "",
                value: object = "", **params: ParamValue) -> Finding:
        """A finding of this rule at a place, with the parameters its templates use."""
        text = "" if value is None else value if isinstance(value, str) else str(value)
        return Finding(self.code, self.severity, file, sheet, cell, field, text,
                       tuple(params.items()))


REGISTRY: dict[str, Rule] = {}
TEXT_FIELDS = ("checks", "message", "hint", "example")


def rule(code: str, severity: Severity, scope: Scope, *, nl: str, en: str) -> Rule:
    """Declare a rule and add it to the catalogue; codes are unique.

    `nl` and `en` are the rule's texts as a small block, one field per line
    (`checks:` what the rule checks, `message:` and `hint:` the templates,
    `example:` a value that fires it); an indented line continues the field above it:

        checks:  Een E-mail is een e-mailadres.
        message: '{value}' is geen e-mailadres.
    """
    if code in REGISTRY:
        raise ValueError(f"duplicate rule code {code}")
    dutch, english = _text_block(code, nl), _text_block(code, en)
    if dutch.keys() != english.keys() or not {"checks", "message", "example"} <= dutch.keys():
        raise ValueError(f"{code}: nl and en need the same fields, checks, message and example "
                         "at least")
    hint = Words(dutch["hint"], english["hint"]) if "hint" in dutch else None
    declared = REGISTRY[code] = Rule(code, severity, scope,
                                     Words(dutch["checks"], english["checks"]),
                                     Words(dutch["message"], english["message"]),
                                     Words(dutch["example"], english["example"]), hint)
    return declared


def _text_block(code: str, block: str) -> dict[str, str]:
    """The fields of one language's text block (see `rule`)."""
    fields: dict[str, str] = {}
    current = ""
    for line in textwrap.dedent(block).strip("\n").splitlines():
        name, colon, text = line.partition(":")
        if colon and not line[:1].isspace() and name in TEXT_FIELDS and name not in fields:
            current, fields[name] = name, text.strip()
        elif current and line.strip() and line[:1].isspace():
            fields[current] += " " + line.strip()
        elif line.strip():
            raise ValueError(f"{code}: cannot read the rule text line {line!r}")
    return fields
