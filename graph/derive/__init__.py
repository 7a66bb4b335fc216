"""The asserted graph to what follows from it: OWL 2 RL inferences, the derived graph (due dates,
thematic links, lineage), and the SHACL check that the result keeps its contract."""

from .derived import derive
from .reasoning import closure
from .validation import ValidationFailed, validate

__all__ = ["ValidationFailed", "closure", "derive", "validate"]
