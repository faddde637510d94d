"""`schoolnet-xl serve` as a real process on loopback: the body limit holds before the body
is read, and 50 concurrent Valideer calls on 200-row cards are all answered correctly."""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import copy
import re
import socket
import statistics
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import xlwings as xw

from schoolnet_xl.excel import actions
from tests.support.xlwings_payload import card_with, payload_from_file, payload_json
from tests.test_excel_serve import serving

CATEGORIES = ["CLB", "LSC", "LOK", "OCMW", "KGH", "Bibliotheek"]
HEADER = {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "030569",
          "Onderwijsniveau": "Basisonderwijs", "Schooljaar": "2025-2026"}
CALLS = 50

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCHOOLNET_XL_LANG"}
    with serving(env, stdout=subprocess.DEVNULL) as (base, _process):
        yield base


@pytest.fixture(scope="module")
def big_card(tmp_path_factory: pytest.TempPathFactory, vocabulary) -> dict[str, Any]:
    rows = [{"Organisatie": f"Partner {i}", "Aard en specificaties": "samenwerking",
             "Zorg": "X", "Categorie": CATEGORIES[i % len(CATEGORIES)],
             "E-mail": f"p{i}@@partner" if i % 20 == 0 else f"p{i}@partner.be"}
            for i in range(200)]
    path = card_with(tmp_path_factory.mktemp("load") / "kaart.xlsx", vocabulary, HEADER, rows)
    return payload_from_file(path)


def read_response(sock: socket.socket) -> str:
    """One HTTP response read whole: the head, then Content-Length bytes of body (uvicorn
    may send them in separate writes, so one recv can end after the head)."""
    data = b""
    while b"\r\n\r\n" not in data and (chunk := sock.recv(4096)):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    while length and len(body) < int(length.group(1)) and (chunk := sock.recv(4096)):
        body += chunk
    return (data[:len(head) + 4] + body).decode("utf-8", "replace")


def test_a_huge_body_gets_413_before_it_is_sent_and_serve_keeps_serving(
    server: str, big_card: dict[str, Any]
) -> None:
    port = int(server.rsplit(":", 1)[1])
    declared = 50 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /xlwings/custom-scripts-call/valideer HTTP/1.1\r\n"
                     b"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {declared}\r\n\r\n".encode() + b"[" * 1024)
        answer = read_response(sock)  # only 1 KB of 50 MB was sent
    assert answer.startswith("HTTP/1.1 413")
    assert "De aanvraag is te groot: de grens is 5 MB." in answer
    streamed = httpx.post(server + "/xlwings/custom-scripts-call/valideer", timeout=60,
                          content=(b" " * 1024 * 1024 for _ in range(8)),
                          headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413  # no Content-Length: counted while it arrives
    assert httpx.post(server + "/xlwings/custom-scripts-call/valideer", json=big_card,
                      timeout=60).status_code == 200


def test_fifty_concurrent_valideer_calls_are_all_answered_correctly(
    server: str, big_card: dict[str, Any]
) -> None:
    book = xw.Book(json=copy.deepcopy(big_card))
    actions.valideer(book, lang="nl")
    wanted = book.json()["actions"]
    body = payload_json(big_card).encode("utf-8")

    def call(_: int) -> tuple[float, int, Any]:
        started = time.perf_counter()
        response = httpx.post(server + "/xlwings/custom-scripts-call/valideer", content=body,
                              headers={"Content-Type": "application/json"}, timeout=120)
        elapsed = time.perf_counter() - started
        return elapsed, response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=CALLS) as pool:
        answers = list(pool.map(call, range(CALLS)))
    assert [status for _, status, _ in answers] == [200] * CALLS
    assert all(data["actions"] == wanted for _, _, data in answers)
    latencies = sorted(seconds for seconds, _, _ in answers)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * CALLS) - 1]
    print(f"\n{CALLS} concurrent valideer calls, 200 rows, {len(body) // 1024} KB each: "
          f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
