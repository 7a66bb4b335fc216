"""The fields of a CSV line with where each stands in its file, so that a fact read from a table keeps
the exact cell it came from."""

from __future__ import annotations


def csv_cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """The fields of one CSV line (RFC 4180 quoting), each with the offsets of its text in the file."""
    out, i = [], 0
    while True:
        if line.startswith('"', i):
            end = i + 1
            while True:
                end = line.index('"', end)
                if line.startswith('""', end):
                    end += 2
                    continue
                break
            out.append((line[i + 1 : end].replace('""', '"'), offset + i + 1, offset + end))
            i = end + 1
        else:
            end = line.find(",", i)
            end = len(line) if end == -1 else end
            out.append((line[i:end], offset + i, offset + end))
            i = end
        if i >= len(line):
            return out
        if line[i] != ",":
            raise ValueError(f"a quoted field must end the cell (column {i + 1})")
        i += 1
        if i == len(line):
            out.append(("", offset + i, offset + i))
            return out
