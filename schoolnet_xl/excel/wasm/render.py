"""xlwings Server's own Wasm build of a generated project folder, in a fresh process.

    python -m schoolnet_xl.excel.wasm.render URL OUTPUT BUILD_ID

xlwings Server reads its settings once, at import, from XLWINGS_* variables (the
caller sets XLWINGS_PROJECT_DIR to the generated folder, never to our source
tree, since the build writes a `.env` into it), so each build runs in its own
process. The static files' cache-busting tag is pinned to BUILD_ID, which makes
the build reproducible (xlwings picks a random one otherwise).
"""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from pathlib import Path


def render(url: str, output: Path, build_id: str) -> None:
    """Run `xlwings-server build wasm URL -o OUTPUT` with the tag pinned."""
    from xlwings_server import cli
    from xlwings_server.build_utils import StaticFileHasher

    cli.StaticFileHasher = functools.partial(StaticFileHasher, build_id=build_id)
    with contextlib.redirect_stdout(io.StringIO()):  # its progress lines are not ours
        cli.build_wasm_command(url, str(output), clean=True)


if __name__ == "__main__":
    render(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
