"""How a rule is declared: once, with a stable code, severity, texts and an example.

Every finding the project emits (probe, reader, card rules) comes from a
registered `Rule`, so `schoolnet-xl rules` can list the whole catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.model import Finding, Severity

REGISTRY: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    """One check. Message and hint templates use `str.format` fields."""

    code: str
    severity: Severity
    checks_nl: str
    checks_en: str
    message_nl: str
    message_en: str
    hint_nl: str = ""
    hint_en: str = ""
    example: str = ""

    def finding(
        self,
        lang: Lang = "nl",
        *,
        file: str = "",
        sheet: str = "",
        cell: str = "",
        field: str = "",
        value: object = "",
        **params: object,
    ) -> Finding:
        """A finding of this rule; `params` (and `value`) fill the templates."""
        text_value = "" if value is None else str(value)
        fields = {"value": text_value, "field": field, "cell": cell, **params}
        message = self.message_en if lang == "en" else self.message_nl
        hint = self.hint_en if lang == "en" else self.hint_nl
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message.format(**fields),
            file=file,
            sheet=sheet,
            cell=cell,
            field=field,
            value=text_value,
            hint=hint.format(**fields) if hint else "",
        )

    def checks(self, lang: Lang = "nl") -> str:
        """What the rule checks, in the requested language."""
        return self.checks_en if lang == "en" else self.checks_nl


def register(rule: Rule) -> Rule:
    """Add a rule to the catalogue; codes are unique."""
    if rule.code in REGISTRY:
        raise ValueError(f"duplicate rule code {rule.code}")
    REGISTRY[rule.code] = rule
    return rule
