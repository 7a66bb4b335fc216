"""Documents to records: one parser per document kind, the helpers they share (citations, time
limits, actors), and `corpus.read`, which reads every document and merges what several state."""

from .corpus import read
from .records import Corpus

__all__ = ["Corpus", "read"]
