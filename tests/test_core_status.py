"""One reading of a Status for the network map and the evolution (core.status)."""

from __future__ import annotations

import pytest

from schoolnet_xl.core.status import ENDED, is_ended, is_wished, status_step
from schoolnet_xl.draw.model import MapPartner


@pytest.mark.parametrize(("text", "step"), [
    ("Beëindigd", ENDED), ("beeindigd ", ENDED), ("Stopgezet", ENDED), ("ended", ENDED),
    ("Gewenst", 1), ("wished for", 1), ("Te verdiepen", 2), ("TE  VERDIEPEN", 2),
    ("Actief", 3), ("active", 3), ("", None), ("misschien", None),
])
def test_status_steps(text: str, step: int | None) -> None:
    assert status_step(text) == step
    assert is_ended(text) == (step == ENDED)
    assert is_wished(text) == (step == 1)


@pytest.mark.parametrize("text", ["Beëindigd", "Stopgezet", "Gewenst", "Actief", ""])
def test_the_map_reads_a_status_as_the_evolution_does(text: str) -> None:
    partner = MapPartner(name="Bibliotheek", category="BIB", intensity=None, status=text)
    assert partner.ended == is_ended(text) and partner.wished == is_wished(text)
