"""What /proc says about the tier's processes, for the benchmarks and the deploy tests."""

from __future__ import annotations

import os
from pathlib import Path


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # gone meanwhile
        return []


def unix_sockets(pid: int) -> set[str]:
    """The file names of the Unix sockets bound to a path that a process holds open: a gunicorn master
    and its workers hold the one their instance listens on."""
    # /proc/net/unix: Num RefCount Protocol Flags Type St Inode Path
    bound = {}
    for fields in (line.split() for line in Path("/proc/net/unix").read_text().splitlines()[1:]):
        if len(fields) > 7:
            bound[fields[6]] = Path(fields[7]).name
    names = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return names
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in bound:
            names.add(bound[target[8:-1]])
    return names
