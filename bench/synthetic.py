"""Synthetic corpora N times the size of the real one, for measuring how the build grows.

Each action of both plans is printed N times in a row, renumbered in sequence, in every file
that prints it (the PDF text, the Final Document's annex, the Lausanne plan and its indicator
tables, each row with its indicators), so the parsers, the merging and the checks run for real.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

from graph.parse.corpus import read as read_corpus
from graph.sources import DOCUMENTS_DIR, SOURCE_FILES
from graph.sources.registry import REGISTRY, companion

_VAP_MARK = re.compile(r"Action\s*#\s*\d+")
_LAP_MARK = re.compile(r"Action\s+\d+")
_ROW_MARK = re.compile(r"(<p>)?\d+\.")
_ROW_LINE = re.compile(r"(?m)^(<p>)?\d+\.(?=\s)")  # the rows of a block of actions sharing their indicators


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def _replicate(text: str, blocks: list[tuple[int, int, re.Pattern[str], str, int]], factor: int) -> str:
    """The text with each (start, end) block printed `factor` times; the first `marks` matches of the
    block's pattern in each copy become the next numbers of that pattern's sequence."""
    out, last = [], 0
    counters: dict[str, int] = {}
    for start, end, pattern, template, marks in sorted(blocks, key=lambda b: b[0]):
        out.append(text[last:start])
        copies = []
        key = "row" if pattern in (_ROW_MARK, _ROW_LINE) else pattern.pattern
        base = counters.get(key, 0)
        for copy in range(factor):
            # the j-th row of copy k is the k-th copy of the block's j-th action
            rows = iter(base + j * factor + copy + 1 for j in range(marks))
            number = lambda _, rows=rows, template=template: template.format(n=next(rows))  # noqa: E731
            copies.append(pattern.sub(number, text[start:end], count=marks))
        counters[key] = base + marks * factor
        out.append("\n".join(copies))
        last = end
    out.append(text[last:])
    return "".join(out)


def _renumbered(reviews: str, factor: int) -> str:
    """The reviewed lineage decisions about the first copy of each action they name: action n is printed
    again as n*factor-factor+1 ... n*factor."""
    rows = list(csv.reader(io.StringIO(reviews)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([str((int(x) - 1) * factor + 1) if i < 2 and x else x for i, x in enumerate(row)])
    return out.getvalue()


def write(target: Path, factor: int, source: Path = DOCUMENTS_DIR) -> Path:
    """A documents directory `factor` times the size of `source`; returns it."""
    target.mkdir(parents=True, exist_ok=True)
    real = read_corpus(source)
    blocks: dict[str, list] = {key: [] for key in SOURCE_FILES}
    for action in real.vap.actions:
        for span in action.spans:
            blocks[span.doc].append((span.start, span.end, _VAP_MARK, "Action #{n}", 1))
    text = real.sources["003"].text
    rows: list[tuple[int, int, re.Pattern[str], str, int]] = []
    for action in real.lap.actions:
        plan, table = action.spans[0], action.spans[1]
        blocks["003"].append((plan.start, plan.end, _LAP_MARK, "Action {n}", 1))
        row_end = max([table.end] + [i.span.end for i in real.lap.indicators if i.action == action.number])
        start = _line_start(text, table.start)
        template = "<p>{n}." if text[table.start : table.start + 3] == "<p>" else "{n}."
        rows.append((start, _line_end(text, row_end), _ROW_MARK, template, 1))
    # actions printed in one block with their indicators after them (Lausanne 25 and 26) are copied
    # together: the whole block, its rows renumbered in turn
    for row in sorted(rows):
        if blocks["003"] and blocks["003"][-1][2] in (_ROW_MARK, _ROW_LINE) and row[0] < blocks["003"][-1][1]:
            prev = blocks["003"].pop()
            row = (prev[0], max(prev[1], row[1]), _ROW_LINE, prev[3], prev[4] + 1)
        blocks["003"].append(row)
    for key, name in SOURCE_FILES.items():
        if blocks[key]:
            (target / name).write_text(_replicate(real.sources[key].text, blocks[key], factor), encoding="utf-8")
        elif real.sources[key].kind == "lineage-reviews":
            (target / name).write_text(_renumbered(real.sources[key].text, factor), encoding="utf-8")
        else:
            shutil.copy(source / name, target / name)
        if (source / companion(name)).is_file():
            shutil.copy(source / companion(name), target / companion(name))
    shutil.copy(source / REGISTRY, target / REGISTRY)
    return target
