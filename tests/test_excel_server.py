"""The real xlwings Server app with our scripts, in-process (FastAPI TestClient)."""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import copy
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import xlwings as xw
from fastapi.testclient import TestClient

from schoolnet_xl.excel import actions
from schoolnet_xl.excel.server import create_app
from tests.support.xlwings_payload import apply_actions, card_with, payload_from_file

HEADER = {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "30569",
          "Onderwijsniveau": "Basisonderwijs", "Schooljaar": "2025-2026"}
ROWS = [{"Organisatie": "Vrij CLB Brugge", "Zorg": "X", "Categorie": "CLB",
         "E-mail": "clb@@brugge"},
        {"Aard en specificaties": "leesproject", "Categorie": "Bibliotheek"}]
NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
      "v": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
      "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
      "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.fixture
def card(tmp_path: Path, vocabulary) -> Path:
    return card_with(tmp_path / "kaart.xlsx", vocabulary, HEADER, ROWS)


def client_action_names() -> set[str]:
    """The action names the installed Office.js client dispatches (its `funcs` table)."""
    import xlwings_server

    source = (Path(xlwings_server.__file__).parent / "static" / "js" / "custom-scripts"
              / "index.js").read_text(encoding="utf-8")
    table = re.search(r"\blet funcs = \{(.*?)\n\};", source, re.S)
    assert table is not None, "the client's action table was not found"
    return set(re.findall(r"^\s*([A-Za-z]\w*)\s*:", table.group(1), re.M))


def test_the_three_scripts_are_listed_in_the_scripts_metadata(client: TestClient) -> None:
    response = client.get("/xlwings/custom-scripts-meta.json")
    assert response.status_code == 200
    assert {entry["function_name"] for entry in response.json()} == {
        "valideer", "ontbrekende_categorieen", "overzicht_vernieuwen"}


def test_posting_a_card_to_valideer_returns_the_actions(client: TestClient, card: Path) -> None:
    response = client.post("/xlwings/custom-scripts-call/valideer",
                           json=payload_from_file(card))
    assert response.status_code == 200
    returned = response.json()["actions"]
    book = xw.Book(json=payload_from_file(card))
    actions.valideer(book)
    assert returned == book.json()["actions"]  # the server runs exactly the library function
    assert {"setRangeColor", "setValues", "alert"} <= {a["func"] for a in returned}


def test_a_workbook_that_is_no_card_gets_400_with_the_dutch_message(
    client: TestClient, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Post", "Bedrag"])
    workbook.active.append(["Huur", 1200])
    workbook.save(tmp_path / "budget.xlsx")
    for script in ("valideer", "ontbrekende_categorieen", "overzicht_vernieuwen"):
        response = client.post(f"/xlwings/custom-scripts-call/{script}",
                               json=payload_from_file(tmp_path / "budget.xlsx"))
        assert response.status_code == 400
        assert response.text.startswith("Geen netwerkkaart gevonden")


def test_every_action_our_scripts_emit_is_one_the_office_js_client_handles(
    client: TestClient, card: Path
) -> None:
    known = client_action_names()
    assert {"setValues", "alert", "setRangeColor"} <= known  # the parser found the table
    emitted: set[str] = set()
    payload = payload_from_file(card)
    for script in ("valideer", "ontbrekende_categorieen", "overzicht_vernieuwen"):
        for body in (payload, payload_from_file(card, notes_supported=False)):
            first = client.post(f"/xlwings/custom-scripts-call/{script}", json=body).json()
            again = client.post(f"/xlwings/custom-scripts-call/{script}",
                                json=apply_actions(copy.deepcopy(body), first["actions"]))
            emitted |= {a["func"] for a in first["actions"] + again.json()["actions"]}
    assert emitted - known == set()
    assert {"setRangeColor", "addNote", "deleteNote", "setFormula", "alert"} <= emitted


def _resource(root: ET.Element, kind: str, resid: str) -> str:
    element = root.find(f".//bt:{kind}[@id='{resid}']", NS)
    assert element is not None, resid
    return element.get("DefaultValue", "")


def test_the_manifest_is_valid_xml_with_the_ribbon_tab_buttons_and_task_pane(
    client: TestClient,
) -> None:
    response = client.get("/manifest.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    tab = root.find(".//v:CustomTab", NS)
    assert tab is not None
    assert _resource(root, "String", tab.find("v:Label", NS).get("resid")) == "Netwerkkaart"
    buttons: dict[str, Any] = {}
    for control in tab.iter(f"{{{NS['v']}}}Control"):
        label = _resource(root, "String", control.find("v:Label", NS).get("resid"))
        buttons[label] = control.find("v:Action", NS)
    functions = {label: action.find("v:FunctionName", NS).text
                 for label, action in buttons.items()
                 if action.get(XSI_TYPE) == "ExecuteFunction"}
    assert set(functions) == {"Valideer", "Ontbrekende categorieën", "Overzicht vernieuwen"}
    ribbon = client.get("/static/js/ribbon.js").text
    for function_name in functions.values():
        assert f'Office.actions.associate("{function_name}"' in ribbon
    pane = [a for a in buttons.values() if a.get(XSI_TYPE) == "ShowTaskpane"]
    assert len(pane) == 1
    url = _resource(root, "Url", pane[0].find("v:SourceLocation", NS).get("resid"))
    assert url.endswith("/taskpane.html")
    assert root.find("o:DefaultSettings/o:SourceLocation", NS).get("DefaultValue") == url


def test_the_task_pane_offers_the_three_registered_scripts(client: TestClient) -> None:
    page = client.get("/taskpane.html")
    assert page.status_code == 200
    scripts = {e["function_name"] for e in client.get("/xlwings/custom-scripts-meta").json()}
    assert set(re.findall(r'xw-click="(\w+)"', page.text)) == scripts
    for label in ("Valideer", "Ontbrekende categorieën", "Overzicht vernieuwen"):
        assert f">{label}</button>" in page.text
