"""The serverless add-in (xlwings Wasm): static files whose Python runs inside Excel.

`build.build_addin` makes the folder; `cache` fills and reads what pip and npm
downloaded; `wheel` packs the installed project as a wheel; `render` runs
xlwings Server's own Wasm build in a fresh process; `static/` holds the files
that replace xlwings' dialogs, which a static host cannot serve.
"""
