"""`map`: read one card (template or hand-made grid), draw its map, write the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schoolnet_xl.core.files import write_bytes_atomically
from schoolnet_xl.core.lang import Lang, say
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.draw.model import NetworkMap, network_map_from_card
from schoolnet_xl.draw.network import draw_network_map
from schoolnet_xl.draw.output import FORMATS, Format
from schoolnet_xl.validate.check import check_file


class MapError(Exception):
    """A map that cannot be made: the message names the file (Dutch or English)."""


@dataclass(frozen=True)
class MapResult:
    """What `map_card` drew and where it went."""

    network: NetworkMap
    output: Path
    fmt: Format


def format_of(output: Path, lang: Lang = "nl") -> Format:
    """The format an output's extension asks for (.png, .svg, .pdf)."""
    extension = output.suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if extension == fmt:
            return fmt
    raise MapError(say(
        f"{output}: kies een bestandsnaam op .png, .svg of .pdf",
        f"{output}: choose a file name ending in .png, .svg or .pdf", lang))


def map_card(card_path: Path, output: Path, vocabulary: Vocabulary, lang: Lang = "nl",
             sheet: str | None = None) -> MapResult:
    """Draw the card at `card_path` into `output` (written atomically; the card is only
    read). The card is read and judged with the vocabulary it stores, as validate does."""
    fmt = format_of(output, lang)
    if output.resolve() == card_path.resolve():
        raise MapError(say(f"{output}: dat is de kaart zelf; kies een ander uitvoerbestand",
                           f"{output}: that is the card itself; choose another output", lang))
    report = check_file(card_path, vocabulary, sheet=sheet)
    card = report.card
    if report.read.status != "ok" or card is None:
        raise MapError(say(f"{card_path}: onleesbaar: {report.read.reason('nl')}",
                           f"{card_path}: unreadable: {report.read.reason('en')}", lang))
    network = network_map_from_card(card, report.vocabulary or vocabulary)
    data = draw_network_map(network, report.vocabulary or vocabulary, fmt, lang)
    write_bytes_atomically(output, data, prefix=".map-")
    return MapResult(network, output, fmt)
