"""The xlwings Server project folder of the add-in (XLWINGS_PROJECT_DIR).

xlwings Server imports `custom_scripts` and `custom_functions` from here and
prefers `templates/` and `static/` here over its own: the manifest, the Dutch
task pane and the ribbon buttons.
"""
