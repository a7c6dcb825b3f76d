import gc

import pytest

from core.gcpause import gc_paused


def test_collector_paused_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            assert not gc.isenabled()
            with gc_paused():  # nested: the inner block must not switch it back on early
                pass
            assert not gc.isenabled()
            raise RuntimeError
    assert gc.isenabled()
