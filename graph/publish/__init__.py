"""A built dataset to files: the dumps, the search index, checksums and the manifest, written atomically."""

from .files import DEFAULT_OUT, NQUADS
from .writer import write

__all__ = ["DEFAULT_OUT", "NQUADS", "write"]
