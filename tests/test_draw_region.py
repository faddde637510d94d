"""The region map: every school and every shared organisation drawn, rows apart, A4."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from itertools import pairwise

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.draw.region import draw_region_map

SVG = "{http://www.w3.org/2000/svg}"


def texts_at(svg: bytes) -> list[tuple[str, float, float]]:
    """(text, y in points from the top, font size) of every <text> in the SVG."""
    out = []
    for node in ET.fromstring(svg).iter(f"{SVG}text"):
        place = node.get("transform", "")
        moved = re.search(r"translate\(([\d.]+) ([\d.]+)\)", place)
        y = float(moved.group(2)) if moved else float(node.get("y", "0"))
        size = re.search(r"font-size: ([\d.]+)px", node.get("style", ""))
        out.append(("".join(node.itertext()), y, float(size.group(1)) if size else 0.0))
    return out


def test_every_school_and_shared_organisation_is_drawn_one_row_apart(
        vocabulary: Vocabulary) -> None:
    schools = [f"VBS De Linde {n}" for n in range(12)]
    shared = [(f"Organisatie {n}", ("CLB", "BIB", "SPORT", "XYZ")[n % 4],
               schools[: 2 + n % 9]) for n in range(45)]
    svg = draw_region_map("Ninove", schools, shared, vocabulary, "svg")
    drawn = texts_at(svg)
    words = [t for t, _, _ in drawn]
    assert "Gedeelde partners: Ninove" in words
    for school in schools:
        assert school in words
    for name, _, members in shared:
        assert f"{name} ({len(members)})" in words
    organisations = sorted((y, size) for t, y, size in drawn if t.startswith("Organisatie "))
    for (upper, size), (lower, _) in pairwise(organisations):
        assert lower - upper >= size, "two organisation rows overlap"
    png = draw_region_map("Ninove", schools, shared, vocabulary)
    assert struct.unpack(">II", png[16:24]) == (int(297 / 25.4 * 150), int(210 / 25.4 * 150))


def test_the_least_shared_are_counted_when_too_many_to_draw(vocabulary: Vocabulary) -> None:
    schools = ["School A", "School B", "School C"]
    shared = [(f"Vereniging {n:03}", "CULT", schools if n < 10 else schools[:2])
              for n in range(300)]
    words = [t for t, _, _ in texts_at(draw_region_map("SG Dender", schools, shared,
                                                       vocabulary, "svg"))]
    drawn = [w for w in words if w.startswith("Vereniging ")]
    assert 10 <= len(drawn) < 300
    for n in range(10):  # the most shared ones are kept
        assert f"Vereniging {n:03} (3)" in drawn
    assert any(f"{300 - len(drawn)} minder gedeelde organisaties niet getekend" in w
               for w in words)
