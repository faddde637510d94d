"""The xlwings Server app of the add-in, configured for the Netwerkkaart scripts.

xlwings Server reads its settings from XLWINGS_* environment variables when it
is first imported, so `create_app` sets our defaults (each can be overridden
by the environment, except the project folder) before importing it. One app
per process: xlwings Server keeps its settings in module globals.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from schoolnet_xl.excel.guard import PayloadGuard
from schoolnet_xl.excel.licence import ensure_licence_key

ADDIN_DIR = Path(__file__).parent / "addin"

# Our own add-in ids (Office identifies an add-in by this GUID; never reuse
# xlwings' sample ids, or two add-ins would collide in the admin center).
MANIFEST_IDS = {
    "XLWINGS_MANIFEST_ID_DEV": "6c2f61a8-5b0e-4d0a-9a55-3f1d7c8e2b01",
    "XLWINGS_MANIFEST_ID_QA": "6c2f61a8-5b0e-4d0a-9a55-3f1d7c8e2b02",
    "XLWINGS_MANIFEST_ID_UAT": "6c2f61a8-5b0e-4d0a-9a55-3f1d7c8e2b03",
    "XLWINGS_MANIFEST_ID_STAGING": "6c2f61a8-5b0e-4d0a-9a55-3f1d7c8e2b04",
    "XLWINGS_MANIFEST_ID_PROD": "6c2f61a8-5b0e-4d0a-9a55-3f1d7c8e2b05",
}
DEFAULTS = {
    "XLWINGS_PROJECT_NAME": "Netwerkkaart",
    "XLWINGS_ENABLE_SOCKETIO": "false",  # only streaming functions need it
    "XLWINGS_ENABLE_EXAMPLES": "false",
    **MANIFEST_IDS,
}


def configure_environment() -> bool:
    """Point xlwings Server at our project folder and set the defaults.

    Returns True when the licence key was defaulted to `noncommercial`.
    """
    defaulted = ensure_licence_key()
    os.environ["XLWINGS_PROJECT_DIR"] = str(ADDIN_DIR)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    return defaulted


def create_app() -> Any:
    """The ASGI app (xlwings Server with CORS) serving our scripts, manifest and task pane,
    behind the body limit and the payload check (`guard`)."""
    configure_environment()
    from xlwings_server.main import main_app

    return PayloadGuard(main_app)
