"""Python's cyclic garbage collector around work on many live objects.

A merge keeps hundreds of thousands of acyclic rows alive, and every full
collection walks all of them: collections while they pile up make the work grow
with its square. These blocks keep the collector off them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside (for building many acyclic rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Collections inside walk only what the block allocates: everything alive before
    is moved out of the collector's sight (gc.freeze) until the block ends."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def garbage_collected() -> Iterator[None]:
    """Free what the block leaves as cyclic garbage at its end (a matplotlib Figure is a
    web of cycles), also while the collector is paused, at the cost of the block's own
    objects only (`frozen_heap`)."""
    with frozen_heap():
        yield
        gc.collect()
