"""The vendored source documents and the text helpers every parser uses."""

from .document import ParseError, SourceText, Span, load_all
from .registry import DOCUMENTS_DIR, PROJECT_ROOT, SOURCE_FILES

__all__ = ["DOCUMENTS_DIR", "PROJECT_ROOT", "SOURCE_FILES", "ParseError", "SourceText", "Span", "load_all"]
