"""Finding keywords in a SPARQL query the way its lexer would: never inside an IRI, a string or a comment."""

from __future__ import annotations

import re

# What the SPARQL lexer treats as one token, so a keyword is never found inside one of these.
OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|'
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
    r'"(?:[^"\\\n]|\\.)*"|'
    r"'(?:[^'\\\n]|\\.)*'|"
    r"<[^<>\"{}|^`\\\s]*>|#[^\n]*",
)
FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w:-])", re.IGNORECASE)
SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:-])", re.IGNORECASE)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these keywords outside IRIs, strings and comments."""
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", OPAQUE.sub(" ", query), re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"
