"""Changing a school's existing workbook without losing anything.

The guard every writing command shares: `preflight` lists what a rewrite would
lose, `transplant` replaces only the parts a command owns inside the zip,
`verify` compares before and after, `atomic` replaces the file safely with a
backup. `summary`, `import_card` and `upgrade` are the commands' libraries.
"""
