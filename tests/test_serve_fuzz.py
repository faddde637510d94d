"""`serve` under bad input: whatever a client posts, a 4xx with a short message, never a 5xx.

Bounded fuzzing of the real xlwings Server app behind our guard (in-process): bodies
from real cards, truncated and mutated (wrong types, out-of-range indexes, huge
strings, deep nesting), plus bodies that are no JSON at all. After all of it, a good
call still gets its actions.
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import copy
import json
import random
from typing import Any

import pytest
from fastapi.testclient import TestClient

from schoolnet_xl.excel.server import create_app
from tests.support.xlwings_payload import card_with, payload_from_file, payload_json

SCRIPTS = ("valideer", "ontbrekende_categorieen", "overzicht_vernieuwen")
HEADER = {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "30569"}
ROWS = [{"Organisatie": "Vrij CLB Brugge", "Zorg": "X", "Categorie": "CLB",
         "E-mail": "clb@@brugge"},
        {"Aard en specificaties": "leesproject", "Categorie": "Bibliotheek"}]
WRONG = [None, True, 0, -1, 10**12, 1.5, "", "x", "A1:", "ZZZZ99999999", [], {}, [[1]],
         {"a": None}, "é" * 40000, [[["nested"]]]]
SEED = 18


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.fixture(scope="module")
def payload(tmp_path_factory: pytest.TempPathFactory, vocabulary) -> dict[str, Any]:
    card = card_with(tmp_path_factory.mktemp("fuzz") / "kaart.xlsx", vocabulary, HEADER, ROWS)
    return payload_from_file(card)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path into a JSON value."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for ix, item in enumerate(value[:6]):  # the first cells of a row are enough
            found += paths(item, (*prefix, ix))
    return found


def mutated(payload: dict[str, Any], path: tuple, new: Any) -> dict[str, Any]:
    result = copy.deepcopy(payload)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return result


def bodies(payload: dict[str, Any]) -> list[bytes]:
    """The bounded set of bad bodies (the same on every run)."""
    chance = random.Random(SEED)
    text = payload_json(payload).encode("utf-8")
    found = [text[:cut] for cut in sorted(chance.sample(range(1, len(text)), 25))]
    every = paths(payload)
    found += [json.dumps(mutated(payload, path, chance.choice(WRONG))).encode()
              for path in chance.sample(every, min(250, len(every)))]
    dropped = [json.dumps({k: v for k, v in payload.items() if k != key}).encode()
               for key in payload]
    found += dropped
    found += [b"", b"null", b"[]", b'"card"', b"42", b"{", b"\xff\xfe not utf-8",
              b"[" * 100_000 + b"]" * 100_000,
              json.dumps({**payload, "sheets": [{"name": "x", "values": [[None]] * 3}]
                          * 3}).encode(),
              b'{"book": {"name": "k"}, "names": [{"name": ' + b"[" * 5000 + b'"x"'
              + b"]" * 5000 + b"}], " + payload_json(payload).encode()[1:]]
    return found


def test_no_bad_body_gets_a_server_error(client: TestClient, payload: dict[str, Any]) -> None:
    statuses: dict[int, int] = {}
    for ix, body in enumerate(bodies(payload)):
        script = SCRIPTS[ix % len(SCRIPTS)]
        response = client.post(f"/xlwings/custom-scripts-call/{script}", content=body,
                               headers={"Content-Type": "application/json"})
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert response.status_code < 500, (ix, body[:200], response.text[:500])
        if response.status_code >= 400:
            assert 0 < len(response.text) < 600 and "Traceback" not in response.text
    assert statuses.get(400, 0) > 100  # most mutations are refused as malformed
    good = client.post("/xlwings/custom-scripts-call/valideer", json=payload)
    assert good.status_code == 200
    assert {"setRangeColor", "alert"} <= {a["func"] for a in good.json()["actions"]}


def test_a_body_that_is_no_json_gets_400_in_dutch(client: TestClient) -> None:
    response = client.post("/xlwings/custom-scripts-call/valideer", content=b"geen json",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.text == "De aanvraag is geen geldige JSON van de Excel-invoegtoepassing."


def test_malformed_sheets_get_400_naming_the_place(client: TestClient,
                                                   payload: dict[str, Any]) -> None:
    broken = mutated(payload, ("sheets", 0, "values"), "A1")
    response = client.post("/xlwings/custom-scripts-call/valideer", json=broken)
    assert response.status_code == 400
    assert response.text == ("De werkmapgegevens zijn ongeldig: sheets[0].values moet een "
                             "tabel (lijst van rijen) zijn.")


def test_a_body_above_the_limit_gets_413(client: TestClient) -> None:
    from schoolnet_xl.excel.guard import MAX_BODY

    response = client.post("/xlwings/custom-scripts-call/valideer",
                           content=b" " * (MAX_BODY + 1),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.text.startswith("De aanvraag is te groot: de grens is 5 MB.")
