"""Each school's network map for its feedback workbook, drawn from the merge's rows.

`FeedbackMaps` is the `MapMaker` that `write_feedback_workbooks` calls once per
school: it builds the `NetworkMap` from the `FileResult` (organisation names
only: no contact column is read), and draws it as a PNG at 100 dpi. Drawing
costs ~0.2 s of CPU a map, so drawn maps are kept in a cache folder
(`default_cache_dir`): a file per map, named by the sha256 of everything the
drawing depends on (the map's own values, the vocabulary, the language, the
resolution, the program version and the drawing code). The weekly re-merge of
an inbox redraws only the maps of cards whose content changed. Entries not
rewritten for `KEEP_DAYS` are removed at the start of a run.
"""

from __future__ import annotations

import hashlib
import time
from functools import cache
from pathlib import Path

from schoolnet_xl import __version__
from schoolnet_xl.core.files import cache_folder, write_bytes_atomically
from schoolnet_xl.core.lang import Lang
from schoolnet_xl.core.vocabulary import Vocabulary
from schoolnet_xl.draw.model import MapRow, NetworkMap, network_map_from_rows
from schoolnet_xl.merge.compact import partner_headers
from schoolnet_xl.merge.records import FileResult

FEEDBACK_DPI = 100  # a sheet on screen: 1169 x 827 pixels
CACHE_ENV = "SCHOOLNET_XL_MAP_CACHE"
KEEP_DAYS = 90  # a cached map not drawn again for this long is removed
_DRAW = Path(__file__).resolve().parent.parent / "draw"


def default_cache_dir() -> Path:
    """SCHOOLNET_XL_MAP_CACHE, else ~/.cache/schoolnet-xl/maps (XDG_CACHE_HOME honoured)."""
    return cache_folder("maps", CACHE_ENV)


def feedback_map(result: FileResult, vocabulary: Vocabulary) -> NetworkMap:
    """The map of a merged card: its header words, its partner rows and missing categories."""
    headers = partner_headers(vocabulary)
    name, intensity, status, guessed = (headers.index(h) for h in (
        "Organisatie", "Intensiteit", "Status", "Categorie geraden"))
    rows: list[MapRow] = [
        (row.category, row.marked, str(row.values[name] or ""), row.values[intensity],
         str(row.values[status] or ""), bool(row.values[guessed]))
        for row in result.partners]
    school = result.school
    label, year = (school.label, school.schooljaar) if school else (result.path, "")
    return network_map_from_rows(label, year, school.datum if school else None, rows,
                                 result.missing.get("core", []),
                                 result.missing.get("recommended", []), vocabulary)


class FeedbackMaps:
    """A `MapMaker`: the PNG of a school's map, from the cache or drawn (and then cached).

    `cache_dir` None: no cache, every map is drawn. Built in the merging process
    before the feedback writer forks, so its children inherit matplotlib loaded.
    """

    def __init__(self, vocabulary: Vocabulary, lang: Lang = "nl",
                 cache_dir: Path | None = None) -> None:
        from schoolnet_xl.draw.network import draw_network_map  # lazy: matplotlib, 0.38 s

        self._draw = draw_network_map
        self.vocabulary = vocabulary
        self.lang = lang
        self.cache_dir = cache_dir
        self._basis = "\n".join((__version__, _drawing_digest(), vocabulary.to_json(), lang,
                                 str(FEEDBACK_DPI)))
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            prune(cache_dir)

    def __call__(self, result: FileResult) -> bytes | None:
        """The PNG of `result`'s map (None for a file without a school)."""
        if result.school is None:
            return None
        network = feedback_map(result, self.vocabulary)
        if self.cache_dir is None:
            return self._png(network)
        entry = self.cache_dir / f"{self.key(network)}.png"
        try:
            return entry.read_bytes()
        except OSError:
            pass
        png = self._png(network)
        _store(entry, png)
        return png

    def key(self, network: NetworkMap) -> str:
        """The cache key: sha256 of the map's values and all the drawing depends on."""
        return hashlib.sha256(f"{self._basis}\n{network!r}".encode()).hexdigest()

    def _png(self, network: NetworkMap) -> bytes:
        return self._draw(network, self.vocabulary, "png", self.lang, dpi=FEEDBACK_DPI)


def prune(cache_dir: Path, keep_days: int = KEEP_DAYS) -> None:
    """Remove cached maps last written more than `keep_days` ago."""
    oldest = time.time() - keep_days * 86400
    for entry in cache_dir.glob("*.png"):
        try:
            if entry.stat().st_mtime < oldest:
                entry.unlink()
        except OSError:
            continue  # another merge removed it first


def _store(entry: Path, png: bytes) -> None:
    """Write a cache entry atomically; a cache that cannot be written only costs time."""
    try:
        write_bytes_atomically(entry, png, prefix=".~kaart-")
    except OSError:
        return


@cache
def _drawing_digest() -> str:
    """sha256 of the drawing code's sources: a changed drawing never reuses old maps."""
    digest = hashlib.sha256()
    for source in sorted(_DRAW.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()
