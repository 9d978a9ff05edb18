"""Pausing Python's cycle collector around work that makes many objects and no garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while the block runs.

    Parsing a large glossary or scanning a long text makes millions of objects, none of
    them garbage; collecting while they are made (tracing everything alive each time)
    costs more than the work itself (26 s against 7 s for a 120,000-entry YAML file).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
