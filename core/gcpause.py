"""Pause Python's cyclic garbage collector around work that builds hundreds of thousands of objects.

Each generation-2 pass walks every live object; a 100,000-row import preview keeps ~2 million alive, so
the collector's own passes cost 2-4 s of a 13-16 s check (measured with bench/import_workbook.py). The
rows are plain acyclic data, freed by reference counting as usual; the collector resumes afterwards.
"""

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
