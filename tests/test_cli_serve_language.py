"""`schoolnet-xl serve`: the Valideer button speaks --lang, else SCHOOLNET_XL_LANG, else Dutch.

A real server process on a free port, a real HTTP call of the button with the JSON
the Office.js add-in sends.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.support.xlwings_payload import card_with, payload_from_file
from tests.test_excel_serve import CLI, free_port

pytest.importorskip("uvicorn")

HEADER = {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "30569",
          "Onderwijsniveau": "Basisonderwijs", "Schooljaar": "2025-2026"}
ROWS = [{"Organisatie": "Vrij CLB Brugge", "Zorg": "X", "Categorie": "CLB"}]


def alert_of_the_button(card: Path, *args: str, env_lang: str | None = None) -> str:
    """Start `schoolnet-xl serve ARGS`, press Valideer on `card`, return the alert's title."""
    env = {k: v for k, v in os.environ.items() if k != "SCHOOLNET_XL_LANG"}
    env["XLWINGS_LICENSE_KEY"] = "noncommercial"
    if env_lang:
        env["SCHOOLNET_XL_LANG"] = env_lang
    port = free_port()
    server = subprocess.Popen([CLI, "serve", "--port", str(port), *args], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/xlwings/custom-scripts-call/valideer"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.post(url, json=payload_from_file(card), timeout=30)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert response.status_code == 200, response.text
        [alert] = [a for a in response.json()["actions"] if a["func"] == "alert"]
        return " ".join(str(arg) for arg in alert["args"])
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_the_button_speaks_the_language_of_serve(tmp_path: Path, vocabulary) -> None:
    card = card_with(tmp_path / "kaart.xlsx", vocabulary, HEADER, ROWS)
    assert "Valideer" in alert_of_the_button(card)
    assert "Validate" in alert_of_the_button(card, env_lang="en")
    assert "Validate" in alert_of_the_button(card, "--lang", "en")
    assert "Valideer" in alert_of_the_button(card, "--lang", "nl", env_lang="en")
