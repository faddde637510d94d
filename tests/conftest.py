"""Shared fixtures: LibreOffice availability, the vocabulary, temp folders."""

from __future__ import annotations

import os

import pytest

from schoolnet_xl.core.vocabulary import Vocabulary, default_vocabulary
from tests.support import libreoffice


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return default_vocabulary()


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary; skip when absent, fail under scripts/test."""
    return libreoffice.require_soffice()


@pytest.fixture(scope="module")
def metrics() -> libreoffice.Metrics:
    """Text widths measured with Carlito's glyphs; skip when absent, fail under scripts/test."""
    return libreoffice.Metrics(libreoffice.require_carlito())


@pytest.fixture(autouse=True, scope="session")
def private_map_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Maps drawn by the tests' merges go to a cache of this run, not the user's
    ~/.cache (a test that needs its own cache sets SCHOOLNET_XL_MAP_CACHE itself)."""
    os.environ.setdefault("SCHOOLNET_XL_MAP_CACHE", str(tmp_path_factory.mktemp("map-cache")))
