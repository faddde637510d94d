"""The base layer: the card model, the vocabulary, the finding catalogue's machinery,
the template contract's names, the palette and the words every output shares.

Nothing here reads or writes a spreadsheet, and nothing here imports another
layer of the project.
"""
