"""A writer that stores synthetic documents one by one (slowly, when asked) and then merges:
test_store_kill.py runs it as a script to kill it half way, and again in its own process."""

from __future__ import annotations

import sys
import time

from sitrep.merge import merge_store
from sitrep.store import Store
from sitrep.store.synthetic import random_results


def write_synthetic(db_url: str, n_docs: int, delay: float) -> None:
    with Store(db_url) as store:
        for result in random_results(n_docs, seed=3):
            store.add_extracted(result)
            time.sleep(delay)
        merge_store(store)


if __name__ == "__main__":
    write_synthetic(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
