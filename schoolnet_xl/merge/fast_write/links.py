"""Hyperlinks of the fast writer's rows: the `<hyperlinks>` of a sheet and their
relationships, as `PlainWriter`'s `write_url` calls give them.

XlsxWriter's write_url parses each link into a `Url` object and its packager
writes the relationships one by one: for the ~12,000 links of 3,000 cards
(each school's row and each finding to its file) ~0.4 s of the main process,
8 % of a whole merge. Here a link is a cell reference and a target, written as
two strings. `external_target` is XlsxWriter's `Url` parse of the `external:`
links `region.file_link` makes (checked against XlsxWriter's own in
tests/test_merge_writer_private_apis.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_BEFORE = (b"<printOptions", b"<pageMargins")  # what follows <hyperlinks> in a sheet
_RELATIONSHIP_ID = re.compile(rb'Id="rId(\d+)"')
_QUOTED = re.compile(r'[&<>"\n\r\t]')  # what quoteattr escapes or quotes otherwise


def external_target(url: str) -> str:
    """The relationship target XlsxWriter writes for an `external:` link whose text is
    already escaped (no `#`): Windows separators, `file:///` before an absolute path."""
    link = url.removeprefix("external:").replace("/", "\\")
    if link.startswith("\\\\") or (len(link) > 1 and link[0].isalpha() and link[1] == ":"):
        return "file:///" + link
    return link.removeprefix(".\\")


def rels_part(sheet_part: str) -> str:
    """The relationships part of a sheet part (`xl/worksheets/_rels/sheetN.xml.rels`)."""
    folder, _, name = sheet_part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def first_free_id(rels: bytes | None) -> int:
    """The first relationship number not taken in an existing relationships part."""
    taken = [int(n) for n in _RELATIONSHIP_ID.findall(rels or b"")]
    return max(taken, default=0) + 1


def hyperlinks_xml(links: Sequence[tuple[str, str]], first_id: int) -> bytes:
    """The `<hyperlinks>` element for (cell reference, target) pairs, from `rId<first_id>`."""
    return ("<hyperlinks>" + "".join(
        f'<hyperlink ref="{ref}" r:id="rId{number}"/>'
        for number, (ref, _) in enumerate(links, start=first_id)) + "</hyperlinks>").encode()


def relationships_xml(links: Sequence[tuple[str, str]], first_id: int,
                      rels: bytes | None) -> bytes:
    """The sheet's relationships part with a hyperlink relationship per link added
    (a new part when `rels` is None)."""
    added = "".join(
        f'<Relationship Id="rId{number}" Type="{HYPERLINK}" Target={_attribute(target)} '
        'TargetMode="External"/>' for number, (_, target) in enumerate(links, start=first_id))
    if rels is None:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{RELATIONSHIPS}">{added}</Relationships>').encode()
    return rels.replace(b"</Relationships>", added.encode() + b"</Relationships>", 1)


def _attribute(value: str) -> str:
    """`quoteattr(value)`, 3x sooner for a value it leaves as it is (most paths):
    15,000 links 20 -> 7 ms."""
    return quoteattr(value) if _QUOTED.search(value) else f'"{value}"'


def with_hyperlinks(tail: bytes, element: bytes) -> bytes:
    """A sheet's XML after its rows with `<hyperlinks>` where the schema puts it."""
    for start in _BEFORE:
        at = tail.find(start)
        if at >= 0:
            return tail[:at] + element + tail[at:]
    raise ValueError("no <pageMargins> to put the hyperlinks before")
