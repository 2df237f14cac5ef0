"""The collector paused while a dataset's records are built, and as it was afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector while records are built; leave it as it was.

    Loading makes millions of objects that all stay alive until the run ends: collections would find
    nothing to free (pausing them makes a large dataset load about a third faster). What the process
    does with them afterwards (the console script sets them aside from later collections) is its choice,
    not a library's.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
