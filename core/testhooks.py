"""A pause point for tests that kill a real worker process in the middle of a commit.

With SENTRA_TEST_PAUSE="<point>:<marker file>" in the environment, `pause_if_asked(point)` writes the marker
file (its content: the process id) and sleeps, inside whatever transaction is open at that moment. A test
waits for the marker, SIGKILLs the process and checks that nothing of the transaction was kept
(security/tests/test_worker_killed_during_import.py). Without the variable it does nothing but read it.
"""

import os
import time
from pathlib import Path

PAUSE_SECONDS = 120


def pause_if_asked(point):
    spec = os.environ.get("SENTRA_TEST_PAUSE")
    if not spec:
        return
    name, _sep, marker = spec.partition(":")
    if name != point or not marker:
        return
    Path(marker).write_text(str(os.getpid()))
    time.sleep(PAUSE_SECONDS)
