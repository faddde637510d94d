"""The card rules, one module per scope: each rule's declaration beside its check.

Importing this package registers every check with `validate.checks`, in the
order the engine runs them: header, rows, card.
"""

from schoolnet_xl.validate.rules import card, header, rows

__all__ = ["card", "header", "rows"]
