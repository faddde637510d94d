"""What a partnership's Status says, however a card writes it.

The vocabulary's Status scale is Actief, Te verdiepen, Gewenst, Beëindigd; cards
also carry the English words and the usual synonyms. One reading for the
network map (ended partners left out, wished ones drawn open) and the evolution
(the ladder a partnership climbs or falls down).
"""

from __future__ import annotations

from functools import lru_cache

from schoolnet_xl.core.text import fold_words

ENDED = 0  # the bottom of the ladder
# Folded Status words -> their step: Beëindigd < Gewenst < Te verdiepen < Actief.
_LADDER: dict[str, int] = {
    **dict.fromkeys(("beeindigd", "ended", "stopgezet", "stopped"), ENDED),
    **dict.fromkeys(("gewenst", "wished", "wished for", "desired"), 1),
    **dict.fromkeys(("te verdiepen", "to deepen"), 2),
    **dict.fromkeys(("actief", "active"), 3),
}
WISHED = 1


@lru_cache(maxsize=4096)
def status_step(text: str) -> int | None:
    """The Status's step on the ladder (ENDED = 0 … 3 for Actief), None when blank or
    unknown."""
    return _LADDER.get(fold_words(text)) if text else None


def is_ended(text: str) -> bool:
    """True for a partnership that ended (Beëindigd, Stopgezet, ended, …)."""
    return status_step(text) == ENDED


def is_wished(text: str) -> bool:
    """True for a partner the school wishes for (Gewenst, wished, …)."""
    return status_step(text) == WISHED
