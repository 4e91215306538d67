"""Python's cyclic garbage collector paused while matching makes many small objects.

A bulk match keeps matches, their reasons and needs' analyses; an offering's re-match in a
worker makes some 100,000 small objects (the needs' stored rows, the reasons). As they pile
up they set off collections, now and then a full one walking every object the process holds
(a worker's whole index): about a quarter of a 10,000-need re-match with 10,000 offerings in
memory (docs/benchmarks.md, "The cycle collector paused for a bulk match"), up to a fifth of
an offering's save at 100,000 offerings. They are freed by reference counting as ever; a
cycle among them waits for the first collection after.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """The collector off for the block, on again after (even when the block fails), unless
    it was off before: whoever turned it off turns it back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
