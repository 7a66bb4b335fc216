"""The CCM knowledge graph, built from the vendored documents.

Read top-down, like the data flows: `sources` (the files) -> `parse` (records) -> `mapping`
(triples, with provenance) -> `derive` (reasoning, derived statements, validation) -> `build`
(the whole dataset, in memory) -> `publish` (files on disk). `vocab` gives every stage its terms
and IRIs. Nothing here imports the server."""

from .build import Built, build_dataset
from .publish import write

__all__ = ["Built", "build_dataset", "write"]
