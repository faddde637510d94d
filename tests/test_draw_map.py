"""The drawn network map: formats and sizes, every name in the SVG, no overlapping labels.

The maps are drawn from demo cards of 1 to 120 partners and from hand-built
`NetworkMap`s; what is checked is read back from the written bytes (PNG header,
SVG text and titles, PDF page box) or measured on the drawn figure (each label's
extent as Agg renders it).
"""

from __future__ import annotations

import dataclasses
import random
import re
import struct
import xml.etree.ElementTree as ET
from itertools import combinations

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection

from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.demo.cards import make_card
from schoolnet_xl.draw.model import (
    MapPartner,
    NetworkMap,
    network_map_from_card,
    network_map_from_rows,
    parse_intensity,
)
from schoolnet_xl.draw.network import draw_network_map, network_figure
from schoolnet_xl.draw.output import RC
from schoolnet_xl.merge.compact import PartnerRows, partner_headers

SVG = "{http://www.w3.org/2000/svg}"
A4_LANDSCAPE_PT = (297 / 25.4 * 72, 210 / 25.4 * 72)


def demo_map(partners: int, vocabulary: Vocabulary, seed: int = 0) -> NetworkMap:
    card = make_card(random.Random(seed or partners), seed or partners, partners, vocabulary)
    return network_map_from_card(card, vocabulary)


def svg_words(data: bytes) -> tuple[list[str], dict[str, list[str]]]:
    """Every <text> of the SVG, and each <title> with the texts of its group."""
    root = ET.fromstring(data)
    texts = ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]
    titled = {}
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is not None and title.text:
            titled[title.text] = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
    return texts, titled


def test_each_format_has_the_a4_landscape_size(vocabulary: Vocabulary) -> None:
    network = demo_map(30, vocabulary)
    png = draw_network_map(network, vocabulary, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    # 297 x 210 mm at 150 dpi, in whole pixels (Agg drops the fraction)
    assert (width, height) == (int(297 / 25.4 * 150), int(210 / 25.4 * 150)) == (1753, 1240)
    small = draw_network_map(network, vocabulary, "png", dpi=100)
    assert struct.unpack(">II", small[16:24]) == (int(297 / 25.4 * 100), int(210 / 25.4 * 100))
    svg = draw_network_map(network, vocabulary, "svg")
    root = ET.fromstring(svg)
    assert float(root.get("width", "").removesuffix("pt")) == pytest.approx(A4_LANDSCAPE_PT[0])
    assert float(root.get("height", "").removesuffix("pt")) == pytest.approx(A4_LANDSCAPE_PT[1])
    pdf = draw_network_map(network, vocabulary, "pdf")
    assert pdf.startswith(b"%PDF")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    assert (float(box.group(1)), float(box.group(2))) == pytest.approx(A4_LANDSCAPE_PT)


@pytest.mark.parametrize("partners", [1, 5, 30, 80])
def test_the_svg_holds_every_partner_and_every_missing_core_category(
        vocabulary: Vocabulary, partners: int) -> None:
    network = demo_map(partners, vocabulary)
    texts, titled = svg_words(draw_network_map(network, vocabulary, "svg"))
    for partner in network.partners:
        if partner.ended:
            continue
        if partner.name in texts:
            continue
        assert partner.name in titled, f"{partner.name!r} neither drawn nor titled"
        shown = " ".join(titled[partner.name]).replace("…", "")
        assert shown and shown.split()[0] in partner.name
    labels = {c.code: c.label for c in vocabulary.categories}
    for code in network.missing_core:
        assert any(t.startswith(labels[code]) for t in texts) or any(
            t.startswith(labels[code]) for t in titled), code


def test_a_long_name_is_shortened_with_the_full_name_in_its_title(
        vocabulary: Vocabulary) -> None:
    long_name = "Vzw Samenwerkingsverband voor Buitenschoolse Kinderopvang en " * 4 + "Einde"
    network = dataclasses.replace(demo_map(5, vocabulary), partners=[
        MapPartner(long_name.strip(), "BIB", 3, "Actief", ("KANS",))])
    texts, titled = svg_words(draw_network_map(network, vocabulary, "svg"))
    assert long_name.strip() not in texts
    assert long_name.strip() in titled
    drawn = titled[long_name.strip()]
    assert drawn and all(long_name.startswith(line.rstrip("…").strip()) or
                         line.rstrip("…").strip() in long_name for line in drawn)
    assert drawn[-1].endswith("…")


@pytest.mark.parametrize("partners", [1, 5, 30, 80, 120])
def test_label_boxes_do_not_overlap_and_stay_on_the_page(vocabulary: Vocabulary,
                                                         partners: int) -> None:
    drawn = network_figure(demo_map(partners, vocabulary), vocabulary)
    figure = drawn.figure
    with matplotlib.rc_context(RC):  # type: ignore[arg-type]  # as figure_bytes draws it
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        figure.draw(renderer)
        boxes = [text.get_window_extent(renderer) for _, text in drawn.texts]
    assert len(boxes) >= partners
    width, height = figure.canvas.get_width_height()
    for box in boxes:
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height
    overlapping = [(a, b) for (a, b) in combinations(range(len(boxes)), 2)
                   if boxes[a].overlaps(boxes[b])]
    assert not overlapping, [(drawn.texts[a][0].full, drawn.texts[b][0].full)
                             for a, b in overlapping[:5]]


def test_ended_partners_are_left_out_and_counted(vocabulary: Vocabulary) -> None:
    network = dataclasses.replace(demo_map(5, vocabulary), partners=[
        MapPartner("Bibliotheek Aalst", "BIB", 2, "Actief"),
        MapPartner("Oude Sportclub", "SPORT", 1, "Beëindigd"),
        MapPartner("Gewenste Academie", "CULT", None, "Gewenst")])
    texts, _ = svg_words(draw_network_map(network, vocabulary, "svg"))
    assert "Bibliotheek Aalst" in texts and "Gewenste Academie" in texts
    assert "Oude Sportclub" not in texts
    assert any(t.startswith("1 beëindigde partner") for t in texts)


def test_guessed_categories_are_italic_and_english_maps_speak_english(
        vocabulary: Vocabulary) -> None:
    network = dataclasses.replace(demo_map(5, vocabulary), missing_core=["CLB"], partners=[
        MapPartner("Buurtwerk De Brug", "BRUG", 2, "Actief", guessed=True),
        MapPartner("Bibliotheek Aalst", "BIB", 2, "Actief")])
    svg = draw_network_map(network, vocabulary, "svg", lang="en").decode()
    guessed = re.search(r'<text style="([^"]*)"[^>]*>Buurtwerk De Brug<', svg)
    plain = re.search(r'<text style="([^"]*)"[^>]*>Bibliotheek Aalst<', svg)
    assert guessed and "italic" in guessed.group(1)
    assert plain and "italic" not in plain.group(1)
    texts, _ = svg_words(svg.encode())
    clb = vocabulary.category("CLB")
    assert clb is not None and clb.label_en
    assert f"{clb.label_en}: missing" in texts and "Network map " + network.school in texts


def test_intensity_is_read_from_the_scale_words_and_numbers(vocabulary: Vocabulary) -> None:
    assert parse_intensity("3 Samenwerken", vocabulary) == 3
    assert parse_intensity("Afstemmen", vocabulary) == 2
    assert parse_intensity(4.0, vocabulary) == 4
    assert parse_intensity("", vocabulary) is None
    assert parse_intensity(None, vocabulary) is None
    assert parse_intensity("veel", vocabulary) is None


def test_the_map_from_merge_rows_is_the_map_from_the_card(vocabulary: Vocabulary) -> None:
    card = make_card(random.Random(12), 12, 30, vocabulary)
    from_card = network_map_from_card(card, vocabulary)
    headers = partner_headers(vocabulary)
    name, intensity, status, guessed = (headers.index(h) for h in (
        "Organisatie", "Intensiteit", "Status", "Categorie geraden"))
    rows = PartnerRows(vocabulary, "ja")(card)
    from_rows = network_map_from_rows(
        from_card.school, card.header.schooljaar.text, card.header.datum.value,
        [(r.category, r.marked, str(r.values[name]), r.values[intensity],
          str(r.values[status] or ""), r.values[guessed] == "ja") for r in rows],
        from_card.missing_core, from_card.missing_recommended, vocabulary)
    assert from_rows == from_card
    assert draw_network_map(from_rows, vocabulary, "svg") == draw_network_map(
        from_card, vocabulary, "svg")


def test_line_weight_follows_intensity_and_wished_partners_are_open(
        vocabulary: Vocabulary) -> None:
    partners = [MapPartner(f"Partner {step}", "BIB", step, "Actief") for step in (1, 2, 3, 4)]
    partners += [MapPartner("Zonder intensiteit", "BIB", None, "Actief"),
                 MapPartner("Gewenste partner", "CULT", 2, "Gewenst")]
    network = dataclasses.replace(demo_map(5, vocabulary), partners=partners)
    drawn = network_figure(network, vocabulary)
    axes = drawn.figure.axes[0]
    edges = next(c for c in axes.collections if isinstance(c, LineCollection))
    widths = list(np.asarray(edges.get_linewidth()).tolist())
    assert len(widths) == len(partners)
    by_angle = [p for s in drawn.plan.sectors for p in s.partners]
    width_of = dict(zip((p.name for p in by_angle), widths, strict=True))
    steps = [width_of[f"Partner {step}"] for step in (1, 2, 3, 4)]
    assert steps == sorted(steps) and len(set(steps)) == 4
    assert width_of["Zonder intensiteit"] < steps[0]
    dashed = [style for style in list(edges.get_linestyle())
              if isinstance(style, tuple) and style[1] is not None]
    assert len(dashed) == 1  # only the partner without Intensiteit
    nodes = next(c for c in axes.collections if isinstance(c, PathCollection))
    offsets = np.asarray(nodes.get_offsets()).tolist()
    colours = np.asarray(nodes.get_facecolor()).tolist()
    faces = {(x, y): tuple(face) for (x, y), face in zip(offsets, colours, strict=True)}
    for label, _ in drawn.texts:
        if label.partner is not None and label.node is not None:
            face = faces[(float(label.node[0]), float(label.node[1]))]
            assert (face[:3] == (1.0, 1.0, 1.0)) == (label.partner.name == "Gewenste partner")
