"""Messages a person can act on, in place of the parser's: an undeclared prefix named, with the line that
declares it; any other syntax error as its line and column with the line itself and a caret under the spot."""

from __future__ import annotations

import re

from graph.vocab.external import QUERY_PREFIXES

_AT = re.compile(r"error at (\d+):(\d+)")


def syntax_error(query: str, error: str) -> str:
    m = _AT.search(error)
    if m is None:
        return f"query syntax error: {error.splitlines()[0]}"
    line_no, column = int(m.group(1)), int(m.group(2))
    lines = query.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    if "Prefix not found" in error:
        # the prefixed name that ends where the parser stopped: "foo:bar" in "?s foo:bar ?o"
        names = [p for p in re.finditer(r"([A-Za-z][\w.-]*)?:", line) if p.start() < column]
        prefix = names[-1].group(1) or "" if names else ""
        known = ", ".join(f"{p}:" for p in sorted(QUERY_PREFIXES))
        if prefix in QUERY_PREFIXES:
            return (
                f"prefix {prefix}: is not declared (line {line_no}); add PREFIX {prefix}: <{QUERY_PREFIXES[prefix]}> "
                f"at the top of the query. Known prefixes: {known}"
            )
        return f"prefix {prefix}: is not declared (line {line_no}); declare it with PREFIX. Known prefixes: {known}"
    expected = error.split("expected", 1)[1].strip() if "expected" in error else ""
    hint = f" (expected {expected[:120]})" if expected and len(expected) <= 120 else ""
    return f"query syntax error at line {line_no}, column {column}{hint}:\n{line}\n{' ' * max(column - 1, 0)}^"
