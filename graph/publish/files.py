"""The files a build writes: their names, what each holds, and its media type. The server reads
these names too, so a download or the search index is found where the build put it."""

from __future__ import annotations

from ..sources import PROJECT_ROOT
from ..vocab.iris import GRAPH_NAMES

DEFAULT_OUT = PROJECT_ROOT / "build"
TRIG, NQUADS, ASSERTED_TTL, KG_TTL = "ccm.trig", "ccm.nq", "asserted.ttl", "kg.ttl"
MANIFEST, SEARCH, CHECKSUMS = "manifest.json", "search.sqlite", "SHA256SUMS"
ONTOLOGY_TTL, CONTEXT = "ontology.ttl", "context.jsonld"
DUMPS = (TRIG, NQUADS, ASSERTED_TTL, KG_TTL)  # written plain and gzipped
KG_GRAPHS = ("asserted", "inferred", "derived")  # what kg.ttl holds: what SHACL validates

_ALL = f"Every named graph ({', '.join(GRAPH_NAMES)})"

# what /dump offers: file -> (title, media type)
DOWNLOADS: dict[str, tuple[str, str]] = {
    f"{TRIG}.gz": (f"{_ALL}, TriG, gzip", "application/gzip"),
    f"{NQUADS}.gz": (f"{_ALL}, N-Quads, gzip", "application/gzip"),
    f"{ASSERTED_TTL}.gz": ("What the documents state (the asserted graph), Turtle, gzip", "application/gzip"),
    TRIG: (f"{_ALL}, TriG", "application/trig"),
    NQUADS: (f"{_ALL}, N-Quads", "application/n-quads"),
    ASSERTED_TTL: ("The asserted graph, Turtle", "text/turtle"),
    f"{KG_TTL}.gz": ("Asserted, inferred and derived statements together, Turtle, gzip", "application/gzip"),
    KG_TTL: ("Asserted, inferred and derived statements together: validates with the shapes", "text/turtle"),
    ONTOLOGY_TTL: ("The ontology, Turtle (also at /ontology by content negotiation)", "text/turtle"),
    CONTEXT: ("The JSON-LD context of the entity documents (also at /context.jsonld)", "application/ld+json"),
    CHECKSUMS: ("SHA-256 checksums of the files", "text/plain"),
}
