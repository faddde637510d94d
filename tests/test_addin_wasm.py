"""The serverless add-in (`schoolnet-xl addin build`), built offline and run for real.

The folder is built by the CLI with --offline (downloads cached once, outside the
repo), served over HTTPS from 127.0.0.1, and its Python is loaded the way the
task pane does (Pyodide, micropip, our wheels, the files of pyodide.json): under
Node with the npm `pyodide` package and in headless Chromium opening the built
task pane. Each script runs on payloads built from real cards; the actions must
equal what CPython gives for the same payload, and no request may leave the
loopback host while the scripts run.
"""

from __future__ import annotations

import os
import re

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import copy
import functools
import hashlib
import json
import shutil
import ssl
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse
from xml.etree import ElementTree as ET

import pytest
import xlwings as xw

from schoolnet_xl.excel import actions
from schoolnet_xl.excel.server import MANIFEST_IDS
from schoolnet_xl.excel.wasm import cache, wheel
from tests.support.xlwings_payload import apply_actions, card_with, payload_from_file
from tests.test_excel_serve import free_port

CLI = str(Path(sys.executable).with_name("schoolnet-xl"))
CHROMIUM = "/usr/bin/chromium"
PLAYWRIGHT = "playwright-core@1.65.1"
SCRIPTS = {"valideer": actions.valideer,
           "ontbrekende_categorieen": actions.ontbrekende_categorieen,
           "overzicht_vernieuwen": actions.overzicht_vernieuwen}
HEADER = {"Schoolnaam": "Sint-Jozefsschool", "Instellingsnummer": "30569",
          "Onderwijsniveau": "Basisonderwijs", "Schooljaar": "2025-2026"}
ROWS = [{"Organisatie": "Vrij CLB Brugge", "Zorg": "X", "Categorie": "CLB",
         "E-mail": "clb@@brugge"},
        {"Aard en specificaties": "leesproject", "Categorie": "Bibliotheek"}]
CATEGORIES = ["CLB", "LSC", "LOK", "OCMW", "KGH", "Bibliotheek"]
NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1"}

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")]

NODE_RUNNER = r"""
// Load the built add-in's Pyodide and wheels over loopback HTTPS, as wasm.js does,
// then run each job. argv: base URL (https://127.0.0.1:PORT/knop), dist dir, jobs
// file, the file list's path. Every fetch to another host is refused and listed.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [base, dist, jobsFile, configPath] = process.argv.slice(2);
const refused = [];
const requested = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input.url, base);
  requested.push(url.href);
  if (url.hostname !== "127.0.0.1") {
    refused.push(url.href);
    throw new Error(`refused: ${url.href}`);
  }
  return realFetch(url.href, init);
};
const indexURL = `${dist}/static/vendor/pyodide/v0.27.5/full/`;
const t0 = performance.now();
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`));
const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: (s) => console.error(s) });
const config = await (await fetch(`${base}${configPath}`)).json();
await pyodide.loadPackage("micropip", { messageCallback: () => {} });
const micropip = pyodide.pyimport("micropip");
await micropip.install(config.packages.map((p) => new URL(p, base).href), { keep_going: true });
for (const [endpoint, localPath] of Object.entries(config.files)) {
  const parts = localPath.split("/");
  const dir = parts.slice(0, -1).join("/");
  if (dir !== "." && !pyodide.FS.analyzePath(dir).exists) pyodide.FS.mkdir(dir);
  pyodide.FS.writeFile(localPath, await (await fetch(base + endpoint)).text());
}
await pyodide.runPythonAsync(pyodide.FS.readFile("./wasm_runtime.py", { encoding: "utf8" }));
const call = pyodide.globals.get("custom_scripts_call");
const startup = performance.now() - t0;
const jobs = JSON.parse(readFileSync(jobsFile, "utf8"));
const results = [];
for (const job of jobs) {
  const times = [];
  let result;
  for (let i = 0; i < (job.repeat || 1); i++) {
    const started = performance.now();
    result = await call(job.payload, job.script);
    times.push(performance.now() - started);
  }
  results.push({ result: JSON.parse(JSON.stringify(result)), times });
}
console.log(JSON.stringify({ startup, results, refused, requested }));
"""

BROWSER_RUNNER = r"""
// Open the built task pane in headless Chromium from a loopback server, wait for its
// Python (Pyodide + micropip + our wheels, as wasm.js loads them), run each job.
// argv: playwright-core dir, task pane URL, jobs file.
const [playwrightDir, pageUrl, jobsFile] = process.argv.slice(2);
const { chromium } = require(playwrightDir);
const fs = require("fs");
const os = require("os");
const path = require("path");

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    ignoreHTTPSErrors: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const requests = [];
  const failed = [];
  const consoleLines = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("requestfailed",
             (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    return url.hostname === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient");
  });
  // Outside Office, Office.onReady() has no host and the task pane's reload guard would
  // reload the page three times; tell it its budget is spent.
  await context.addInitScript(() => sessionStorage.setItem("xlwingsTaskpaneReloadCount", "99"));
  const page = context.pages()[0] || (await context.newPage());
  page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => consoleLines.push(`pageerror: ${error.message}`));
  let initFailed;
  const failure = new Promise((resolve) => { initFailed = resolve; });
  page.on("console", (message) => {
    if (message.text().includes("Pyodide initialization failed")) initFailed(message.text());
  });
  const started = Date.now();
  await page.goto(pageUrl);
  let outcome;
  try {
    outcome = await Promise.race([failure, page.waitForFunction(
      () => typeof globalThis.wasmCustomScriptsCall === "function", null,
      { timeout: 120000 }).then(() => null)]);
  } catch (error) {
    console.log(JSON.stringify({ error: `${error}`, requests, failed, console: consoleLines }));
    await context.close();
    process.exit(1);
  }
  if (outcome !== null) {  // the task pane's Python did not start: report why
    console.log(JSON.stringify({ initError: outcome, requests, failed, console: consoleLines }));
    await context.close();
    process.exit(0);
  }
  const startup = Date.now() - started;
  const beforeScripts = requests.length;
  const jobs = JSON.parse(fs.readFileSync(jobsFile, "utf8"));
  const results = await page.evaluate(async (jobs) => {
    const out = [];
    for (const job of jobs) {
      const times = [];
      let result;
      for (let i = 0; i < (job.repeat || 1); i++) {
        const t = performance.now();
        result = await globalThis.wasmCustomScriptsCall(job.payload, job.script);
        times.push(performance.now() - t);
      }
      out.push({ result: JSON.parse(JSON.stringify(result)), times });
    }
    return out;
  }, jobs);
  // What runActions does with an "alert" action, and with an error, on this static host
  const parentUrl = requests.find((url) => /\/alerts\/parent\.[0-9a-f]+\.js$/.test(url));
  const alertAction = (results[0].result.actions || []).find((a) => a.func === "alert");
  const failedJob = results.find((r) => r.result.error);
  const shown = !(alertAction && failedJob) ? null : await page.evaluate(async (given) => {
    const [url, alertArgs, errorText] = given;
    const { xlAlert } = await import(url);
    const box = document.querySelector("#netwerkkaart-melding");
    await xlAlert(...alertArgs);
    const totals = { text: box.innerText, hidden: box.classList.contains("d-none") };
    await xlAlert(errorText, "Error", "ok", "critical", "");
    const danger = box.classList.contains("alert-danger");
    return { totals, error: { text: box.innerText, danger } };
  }, [parentUrl, alertAction && alertAction.args, failedJob && failedJob.result.error]);
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(JSON.stringify({ startup, results, requests, beforeScripts, failed, shown,
                              console: consoleLines }));
})().catch((error) => { console.error(error); process.exit(1); });
"""


def big_rows(count: int) -> list[dict[str, Any]]:
    """`count` partner rows, every 20th with a broken e-mail address."""
    return [{"Organisatie": f"Partner {i}", "Aard en specificaties": "samenwerking",
             "Zorg": "X", "Categorie": CATEGORIES[i % len(CATEGORIES)],
             "E-mail": f"p{i}@@partner" if i % 20 == 0 else f"p{i}@partner.be"}
            for i in range(count)]


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory, vocabulary) -> dict[str, dict[str, Any]]:
    """Payloads of real cards: a spoiled one, the same after a first Valideer, a clean
    one, a 200-row one, and a workbook that is no card."""
    from openpyxl import Workbook

    folder = tmp_path_factory.mktemp("cards")
    bad = payload_from_file(card_with(folder / "kaart.xlsx", vocabulary, HEADER, ROWS))
    first = run_cpython("valideer", bad)
    clean = payload_from_file(card_with(
        folder / "schoon.xlsx", vocabulary, {**HEADER, "Instellingsnummer": "030569"},
        [{"Organisatie": f"Org {c}", "Zorg": "X", "Categorie": c} for c in CATEGORIES]))
    big = payload_from_file(card_with(folder / "groot.xlsx", vocabulary, HEADER,
                                      big_rows(200)))
    workbook = Workbook()
    workbook.active.append(["Post", "Bedrag"])
    workbook.save(folder / "budget.xlsx")
    return {"bad": bad, "again": apply_actions(bad, first["actions"]), "clean": clean,
            "big": big, "budget": payload_from_file(folder / "budget.xlsx")}


def run_cpython(script: str, payload: dict[str, Any]) -> dict[str, Any]:
    """What xlwings Server's handler returns for this payload, in this (CPython) process."""
    book = xw.Book(json=copy.deepcopy(payload))
    try:
        SCRIPTS[script](book, lang="nl")
    except xw.XlwingsError as exc:
        return {"error": str(exc)}
    return book.json()


def without_none(value: Any) -> Any:
    """Pyodide's to_js turns None into undefined, which JSON leaves out of an object."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


# The Validatie sheet's "checked on" line, to the minute: the CPython run and the
# add-in's may fall on either side of a minute (a CI run once did).
_CHECKED = re.compile(r"(gecontroleerd op|checked on) [\d/-]{10} (om|at) \d\d:\d\d")


def without_clock(value: Any) -> Any:
    """`value` with the time of the check in each text left out (its form kept)."""
    if isinstance(value, dict):
        return {k: without_clock(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_clock(v) for v in value]
    if isinstance(value, str):
        return _CHECKED.sub(r"\1 <datum> \2 <tijd>", value)
    return value


def jobs(cards: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    listed = [{"name": name, "script": script, "payload": payload, "repeat": 1}
              for name, payload in cards.items() if name != "big" for script in SCRIPTS]
    listed += [{"name": "big", "script": script, "payload": cards["big"], "repeat": 7}
               for script in SCRIPTS]
    return listed


def assert_same_as_cpython(listed: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
    assert len(results) == len(listed)
    for job, got in zip(listed, results, strict=True):
        wanted = without_none(run_cpython(job["script"], job["payload"]))
        result = got["result"]
        if "error" in wanted:
            assert result.get("error") == wanted["error"], (job["name"], job["script"])
        else:
            assert "error" not in result, (job["name"], job["script"], result.get("details"))
            assert without_clock(result) == without_clock(wanted), (job["name"], job["script"])
    checked = [text for got in results for text in _texts(got["result"]) if _CHECKED.search(text)]
    assert checked  # the line is there, in its form, on the add-in's side too
    funcs = {a["func"] for got in results for a in got["result"].get("actions", [])}
    assert {"setRangeColor", "addNote", "deleteNote", "setValues", "alert"} <= funcs


def _texts(value: Any) -> Iterator[str]:
    """Every text inside a JSON value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


class Host:
    """The built folder on a static HTTPS server at https://127.0.0.1:PORT/knop."""

    def __init__(self, work: Path) -> None:
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}/knop"
        self.root = work / "www"
        self.dist = self.root / "knop"
        self.cert, key = certificate(work)
        self.served: list[str] = []
        handler = functools.partial(_Handler, self.served, directory=str(self.root))
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def config_path(self, dist: Path | None = None) -> str:
        """The file list the task pane fetches, by the name its wasm.js asks for."""
        folder = dist or self.dist
        wasm_js = next((folder / "static" / "js").glob("wasm.*.js")).read_text("utf-8")
        name = wasm_js.split('"/xlwings/', 1)[1].split('"', 1)[0]
        return f"/xlwings/{name}"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
        ".mjs": "text/javascript", ".whl": "application/zip"}

    def __init__(self, served: list[str], *args: Any, **kwargs: Any) -> None:
        self.served = served
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        self.served.append(self.path)


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    """Fill the download cache (the only step that may use the network), build the
    add-in offline with the CLI, serve it."""
    cache.fill(cache.default_cache())
    site = Host(tmp_path_factory.mktemp("addin"))
    env = {**os.environ, "PIP_NO_INDEX": "1", "npm_config_offline": "true",
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    built = subprocess.run([CLI, "addin", "build", "--url", site.url, "-o", str(site.dist),
                            "--offline"], capture_output=True, text=True, env=env,
                           timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    assert f"{site.url}/manifest.xml" in built.stdout
    site.thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()


def run_node(host: Host, url: str, dist: Path, listed: list[dict[str, Any]],
             work: Path) -> dict[str, Any]:
    """The Node runner on the add-in built for `url` into `dist`; its report."""
    (work / "jobs.json").write_text(json.dumps(listed), encoding="utf-8")
    (work / "run.mjs").write_text(NODE_RUNNER, encoding="utf-8")
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(host.cert)}
    done = subprocess.run(["node", str(work / "run.mjs"), url, str(dist),
                           str(work / "jobs.json"), host.config_path(dist)],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["refused"] == []
    assert report["requested"] and all(
        urlparse(url).hostname == "127.0.0.1" for url in report["requested"])
    return report


def test_the_built_python_gives_cpythons_actions_under_node(
    host: Host, cards: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    listed = jobs(cards)
    report = run_node(host, host.url, host.dist, listed, tmp_path)
    assert_same_as_cpython(listed, report["results"])
    figures("Node", report, listed)


def test_a_regions_config_is_built_in(host: Host, cards: dict[str, dict[str, Any]],
                                      tmp_path: Path) -> None:
    """Built with --config: the add-in judges with the region's vocabulary (SPORT core)."""
    from schoolnet_xl.core.vocabulary import load_vocabulary

    config = tmp_path / "regio.toml"
    config.write_text('name = "Regio Waasland"\n[categories.SPORT]\ncore = ["*"]\n',
                      encoding="utf-8")
    url, dist = host.url.replace("/knop", "/regio"), host.root / "regio"
    built = subprocess.run([CLI, "addin", "build", "--url", url, "-o", str(dist), "--offline",
                            "--config", str(config)], capture_output=True, text=True,
                           timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    report = run_node(host, url, dist, [{"name": "clean", "script": "valideer",
                                         "payload": cards["clean"]}], tmp_path)
    book = xw.Book(json=copy.deepcopy(cards["clean"]))
    actions.valideer(book, vocabulary=load_vocabulary(config), lang="nl")
    wanted = without_none(book.json())
    assert without_clock(report["results"][0]["result"]) == without_clock(wanted)
    sport = "Geen partner in kerncategorie 'Sport'."
    assert sport in json.dumps(wanted, ensure_ascii=False)  # core only in the region
    assert sport not in json.dumps(run_cpython("valideer", cards["clean"]), ensure_ascii=False)


OFFICE_TELEMETRY = "telemetryservice.firstpartyapps.oaspapps.com"


def playwright_core() -> Path:
    """playwright-core from npm, installed once into the download cache."""
    folder = cache.default_cache() / "browser"
    module = folder / "node_modules" / "playwright-core"
    if not module.is_dir():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(folder), PLAYWRIGHT], check=True, capture_output=True, timeout=600)
    return module


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")
def test_the_built_task_pane_runs_the_scripts_in_chromium_without_leaving_loopback(
    host: Host, cards: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    listed = jobs(cards)
    (tmp_path / "jobs.json").write_text(json.dumps(listed), encoding="utf-8")
    (tmp_path / "browser.cjs").write_text(BROWSER_RUNNER, encoding="utf-8")
    done = subprocess.run(["node", str(tmp_path / "browser.cjs"), str(playwright_core()),
                           f"{host.url}/taskpane.html", str(tmp_path / "jobs.json")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    report = json.loads(done.stdout)
    assert_same_as_cpython(listed, report["results"])
    # the browser loaded micropip and packaging from the folder: their lock hashes held
    lock_wheels = [url for url in report["requests"] if url.endswith(
        ("micropip-0.8.0-py3-none-any.whl", "packaging-24.2-py3-none-any.whl"))]
    assert len(lock_wheels) == 2
    # Office.js itself (not our page) loads Microsoft's telemetry frame outside Office, on
    # a timer of its own, so it may fall while the scripts run: it carries no query (no
    # card data), and every request to a host other than loopback was blocked here.
    outside = [url for url in report["requests"] if urlparse(url).hostname != "127.0.0.1"]
    assert {urlparse(url).hostname for url in outside} <= {OFFICE_TELEMETRY}
    assert all(not urlparse(url).query for url in outside)
    blocked = {line.rsplit(" ", 1)[0] for line in report["failed"]
               if line.endswith("net::ERR_BLOCKED_BY_CLIENT")}
    assert set(outside) <= blocked
    during = report["requests"][report["beforeScripts"]:]
    assert [url for url in during if urlparse(url).hostname not in ("127.0.0.1",
                                                                    OFFICE_TELEMETRY)] == []
    # no alert dialog on a static host: the totals and errors show in the task pane, in Dutch
    [prompt, title, *_] = next(a["args"] for a in report["results"][0]["result"]["actions"]
                               if a["func"] == "alert")
    assert report["shown"]["totals"] == {"text": f"{title}\n{prompt}", "hidden": False}
    assert title == "Valideer" and "zie blad Validatie" in prompt
    assert report["shown"]["error"]["text"].startswith("Fout\nGeen netwerkkaart gevonden")
    assert report["shown"]["error"]["danger"]
    figures("Chromium", report, listed)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")
def test_the_browser_refuses_micropip_under_the_npm_lock_files_hash(
    host: Host, tmp_path: Path
) -> None:
    """Without the build's lock fix (the npm lock names Pyodide's own micropip wheel, not
    PyPI's), the browser's integrity check stops the task pane's Python from starting."""
    url, dist = host.url.replace("/knop", "/slot"), host.root / "slot"
    built = subprocess.run([CLI, "addin", "build", "--url", url, "-o", str(dist), "--offline"],
                           capture_output=True, text=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    lock_path = next(dist.glob("static/vendor/pyodide/v*/full/pyodide-lock.json"))
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    npm_lock = cache.lock_file(cache.Downloads.find(cache.default_cache()).pyodide_tgz)
    assert lock["packages"]["micropip"]["sha256"] != npm_lock["packages"]["micropip"]["sha256"]
    lock["packages"]["micropip"]["sha256"] = npm_lock["packages"]["micropip"]["sha256"]
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    (tmp_path / "jobs.json").write_text("[]", encoding="utf-8")
    (tmp_path / "browser.cjs").write_text(BROWSER_RUNNER, encoding="utf-8")
    done = subprocess.run(["node", str(tmp_path / "browser.cjs"), str(playwright_core()),
                           f"{url}/taskpane.html", str(tmp_path / "jobs.json")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    report = json.loads(done.stdout)
    assert "initError" in report, report.get("console")
    assert any("integrity" in line.lower() or "digest" in line.lower()
               for line in report["console"]), report["console"]


def test_the_build_is_reproducible_and_refuses_plain_http(host: Host, tmp_path: Path) -> None:
    for attempt in range(3):  # other work in this tree may edit the package in between
        package = [path.read_bytes() for path in wheel.package_files()]
        digests = []
        for name in ("first", "second"):
            target = tmp_path / f"{name}-{attempt}"
            done = subprocess.run([CLI, "addin", "build", "--url", host.url, "-o",
                                   str(target), "--offline"], capture_output=True,
                                  text=True, timeout=300, check=False)
            assert done.returncode == 0, done.stderr
            digests.append(tree_digest(target))
        if package == [path.read_bytes() for path in wheel.package_files()]:
            break
    assert digests[0] == digests[1]
    assert len(digests[0]) > 100
    manifest = ET.parse(host.dist / "manifest.xml").getroot()
    source = manifest.find("o:DefaultSettings/o:SourceLocation", NS)
    assert source is not None and source.get("DefaultValue") == f"{host.url}/taskpane.html"
    assert manifest.findtext("o:Id", namespaces=NS) == MANIFEST_IDS["XLWINGS_MANIFEST_ID_PROD"]
    refused = subprocess.run([CLI, "addin", "build", "--url", "http://127.0.0.1/knop", "-o",
                              str(tmp_path / "plain"), "--offline"], capture_output=True,
                             text=True, timeout=60, check=False)
    assert refused.returncode == 2
    assert refused.stderr.startswith("Fout: 'http://127.0.0.1/knop' is geen https-adres.")
    assert not (tmp_path / "plain").exists()


def tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def figures(where: str, report: dict[str, Any], listed: list[dict[str, Any]]) -> None:
    """Start-up and the warm `valideer` call on the 200-row card (printed with -s)."""
    big = next(got for job, got in zip(listed, report["results"], strict=True)
               if job["name"] == "big" and job["script"] == "valideer")
    warm = statistics.median(big["times"][1:])
    print(f"\n{where}: start-up {report['startup'] / 1000:.1f} s, valideer on 200 rows "
          f"warm {warm:.0f} ms (first {big['times'][0]:.0f} ms)")
