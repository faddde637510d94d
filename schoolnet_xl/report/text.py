"""Findings and gaps as terminal text: a rich table on a terminal, plain lines otherwise.

rich costs ~65 ms to import, so it is loaded only when stdout is a terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from schoolnet_xl.core.lang import Lang, count, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.validate.check import FileReport

SEVERITY_STYLE = {"fout": "bold red", "waarschuwing": "yellow", "info": "cyan"}
SEVERITY_EN = {"fout": "error", "waarschuwing": "warning", "info": "info"}

Echo = Callable[[str], None]


def severity_label(severity: str, lang: Lang) -> str:
    """The severity word in the user's language."""
    return SEVERITY_EN[severity] if lang == "en" else severity


def file_title(report: FileReport, lang: Lang) -> str:
    """'path — school (template card)' or 'path — unreadable: reason'."""
    path = report.read.path
    if report.read.status != "ok" or report.card is None:
        return f"{path} — {say('onleesbaar', 'unreadable', lang)}: {report.read.reason(lang)}"
    school = report.card.header.schoolnaam.text or say("(geen schoolnaam)", "(no school name)",
                                                       lang)
    kind = {"template": say("sjabloon", "template", lang),
            "handmade": say("eigen raster", "hand-made grid", lang)}.get(report.read.kind or "", "")
    return f"{path} — {school} ({kind})"


def location(sheet: str, cell: str) -> str:
    """'Sheet!A1', 'Sheet' or '' for a finding's place."""
    return f"{sheet}!{cell}" if sheet and cell else sheet


def render_plain(reports: list[FileReport], lang: Lang, echo: Echo) -> None:
    """One block per file, one line (plus a hint line) per finding."""
    for report in reports:
        echo(file_title(report, lang))
        if not report.findings:
            echo("  " + say("geen bevindingen", "no findings", lang))
        for f in report.findings:
            where = location(f.sheet, f.cell)
            echo(f"  {severity_label(f.severity, lang):<12} {f.code}  {where:<18} "
                 f"{f.message(lang)}")
            hint = f.hint(lang)
            if hint:
                echo(f"  {'':<12} {'':<5}  {'':<18} → {hint}")
        echo("")


def render_rich(reports: list[FileReport], lang: Lang) -> None:
    """A rich table per file on the terminal."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for report in reports:
        table = Table(title=file_title(report, lang), title_justify="left", show_lines=False)
        for header in (say("Ernst", "Severity", lang), "Code", say("Cel", "Cell", lang),
                       say("Melding", "Message", lang), say("Tip", "Hint", lang)):
            table.add_column(header, overflow="fold")
        for f in report.findings:
            table.add_row(f"[{SEVERITY_STYLE[f.severity]}]{severity_label(f.severity, lang)}[/]",
                          f.code, location(f.sheet, f.cell), f.message(lang), f.hint(lang))
        if not report.findings:
            table.add_row("", "", "", say("geen bevindingen", "no findings", lang), "")
        console.print(table)


def summary_line(totals: dict[str, int], lang: Lang) -> str:
    """'2 bestanden: 1 fout, 3 waarschuwingen, 4 info; 0 onleesbaar.'"""
    if lang == "en":
        return (f"{count(totals['files'], 'file', 'files')}: "
                f"{count(totals['fout'], 'error', 'errors')}, "
                f"{count(totals['waarschuwing'], 'warning', 'warnings')}, "
                f"{totals['info']} info; {totals['unreadable']} unreadable.")
    return (f"{count(totals['files'], 'bestand', 'bestanden')}: "
            f"{count(totals['fout'], 'fout', 'fouten')}, "
            f"{count(totals['waarschuwing'], 'waarschuwing', 'waarschuwingen')}, "
            f"{totals['info']} info; {totals['unreadable']} onleesbaar.")


def render_gaps(reports: list[FileReport], vocabulary: Vocabulary, lang: Lang,
                echo: Echo) -> None:
    """Per school the missing core and recommended categories, with whom to look for."""
    sections = (("core", say("Ontbrekende kerncategorieën", "Missing core categories", lang)),
                ("recommended", say("Ontbrekende aanbevolen categorieën",
                                    "Missing recommended categories", lang)))
    for report in reports:
        echo(file_title(report, lang))
        if report.read.status != "ok":
            echo("")
            continue
        level = report.card.header.onderwijsniveau.text if report.card else ""
        echo(f"  {say('Onderwijsniveau', 'Education level', lang)}: "
             f"{level or say('(niet ingevuld)', '(not filled in)', lang)}")
        for key, title in sections:
            codes = report.missing.get(key, [])
            echo(f"  {title}: {len(codes)}")
            for code in codes:
                category = vocabulary.category(code)
                if category is None:
                    continue
                echo(f"    {code:<10} {category.label}")
                if category.definition:
                    echo(f"    {'':<10} {category.definition}")
                if category.examples:
                    echo(f"    {'':<10} {say('Bv.', 'E.g.', lang)}: {category.examples}")
        echo("")
