"""process_wide: one object per argument tuple per process, also under concurrent first calls."""

import threading
import time

from linkedins_law.core.shared import process_wide


def test_one_object_per_key_and_cache_clear():
    made = []

    @process_wide
    def make(key=""):
        made.append(key)
        return object()

    assert make() is make() and make("a") is make("a") and make("a") is not make()
    assert made == ["", "a"]
    first = make()
    make.cache_clear()
    assert make() is not first
    assert make.__doc__ is None and make.__name__ == "make"


def test_concurrent_first_calls_make_one_object():
    calls = []

    @process_wide
    def slow():
        calls.append(1)
        time.sleep(0.05)
        return object()

    got = []
    threads = [threading.Thread(target=lambda: got.append(slow())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len({id(g) for g in got}) == 1
