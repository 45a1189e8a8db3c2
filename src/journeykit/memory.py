"""The cyclic garbage collector, paused while a file is checked.

Checking a file allocates hundreds of thousands of objects (the data tree, spans, the model)
that form no reference cycles: reference counting frees them all when the file is done. The
cyclic collector would still scan them again and again while they are built, which costs more
than building them on a large file. It is paused for the work on one file and runs between
files, when the heap is small again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector inside the block (nested pauses resume it only at the outermost)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def settle() -> None:
    """Move everything alive now (imported modules, compiled schemas) out of the collector's view.

    Called once before the files of a run are checked: later collections then scan only what the
    run itself allocates.
    """
    gc.freeze()
