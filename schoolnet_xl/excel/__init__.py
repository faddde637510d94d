"""The Excel button: engine-agnostic functions over an open `xw.Book`.

Everything here imports xlwings (the `excel` extra); nothing on the CLI's
`validate` path imports this package. The same functions run under xlwings
Server (Office.js add-in, remote engine) and under classic RunPython (desktop).
"""
