"""`schoolnet-xl serve` as a real process on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.support.xlwings_payload import card_with, payload_from_file

CLI = str(Path(sys.executable).parent / "schoolnet-xl")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve stopped early: {server.stderr.read() if server.stderr else ''}")
        try:
            if httpx.get(base + "/", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("serve did not answer in time")


def stop(server: subprocess.Popen[str]) -> None:
    """Terminate by pid, wait, kill if it does not stop."""
    if server.poll() is None:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=15)


@contextmanager
def serving(env: dict[str, str], stdout: int = subprocess.PIPE
            ) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`schoolnet-xl serve` with `env` on a free loopback port, up: its base URL and
    process, stopped on leaving."""
    port = free_port()
    server = subprocess.Popen([CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base, server
    finally:
        stop(server)


@pytest.mark.slow
def test_serve_answers_valideer_over_http_and_stops(tmp_path: Path, vocabulary) -> None:
    card = card_with(tmp_path / "kaart.xlsx", vocabulary,
                     {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "30569"},
                     [{"Organisatie": "Vrij CLB Brugge", "Categorie": "CLB",
                       "E-mail": "clb@@brugge"}])
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_LICENSE_KEY"}
    with serving(env) as (base, server):
        response = httpx.post(base + "/xlwings/custom-scripts-call/valideer",
                              json=payload_from_file(card), timeout=30)
        assert response.status_code == 200
        funcs = [a["func"] for a in response.json()["actions"]]
        assert "setRangeColor" in funcs and funcs[-1] == "alert"
    assert server.returncode is not None
    notice = server.stderr.read() if server.stderr else ""
    assert "noncommercial" in notice and "polyformproject.org" in notice
