"""How much of Oxigraph's in-memory store a forked process copies by only reading it.

    python bench/store_copy.py [--data build/ccm.nq] [--rounds 3]

Loads the store in this process (in the main thread, then in another thread, whose memory comes from
another malloc arena), forks, and has the child run every example query `rounds` times: the child's
private dirty memory per mapping before and after says what reading wrote to. The serving tier's
memory (bench/tier.py) follows from it: every process that queries holds such a copy.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.sources.examples import load_examples  # noqa: E402


def _private_dirty_mb() -> dict[str, float]:
    """Private dirty memory of this process per kind of mapping ([heap], anonymous, files), in MB."""
    out: dict[str, float] = {}
    kind = ""
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and not fields[0].endswith(":"):
            name = fields[5] if len(fields) > 5 else "[anonymous]"
            kind = "files" if name.startswith("/") else name
        elif fields[0] == "Private_Dirty:":
            out[kind] = out.get(kind, 0.0) + int(fields[1]) / 1024
    return {k: round(v, 1) for k, v in out.items() if v >= 0.5}


def _load(data: Path, in_thread: bool) -> ox.Store:
    def load() -> ox.Store:
        store = ox.Store()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        return store

    if not in_thread:
        return load()
    box: list[ox.Store] = []
    thread = threading.Thread(target=lambda: box.append(load()))
    thread.start()
    thread.join()
    return box[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / "build" / "ccm.nq"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    queries = [e.query for e in load_examples()]
    for in_thread in (False, True):
        store = _load(Path(args.data), in_thread)
        pid = os.fork()
        if pid == 0:
            before = _private_dirty_mb()
            for _ in range(args.rounds):
                for query in queries:
                    answer = store.query(query, use_default_graph_as_union=True)
                    if not isinstance(answer, ox.QueryBoolean):
                        list(answer)
            where = "a thread's arena" if in_thread else "the main heap"
            print(f"store loaded in {where}: private dirty MB before {before}, after {_private_dirty_mb()}")
            sys.stdout.flush()
            os._exit(0)
        os.waitpid(pid, 0)
        del store
    return 0


if __name__ == "__main__":
    sys.exit(main())
