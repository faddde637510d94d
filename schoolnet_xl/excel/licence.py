"""The xlwings licence setting, needed before xlwings' PRO parts are imported."""

from __future__ import annotations

import os

LICENCE_ENV = "XLWINGS_LICENSE_KEY"
NONCOMMERCIAL = "noncommercial"
LICENCE_URL = "https://polyformproject.org/licenses/noncommercial/1.0.0/"


def ensure_licence_key() -> bool:
    """Use the PolyForm Noncommercial licence unless a key is set; True when defaulted.

    xlwings Server and xlwings' remote engine are PolyForm Noncommercial software,
    free for educational institutions (the schools and regions this tool is for).
    """
    if os.environ.get(LICENCE_ENV):
        return False
    os.environ[LICENCE_ENV] = NONCOMMERCIAL
    return True
