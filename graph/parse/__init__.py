"""Documents to records: one parser per document kind, the helpers they share (citations, time
limits, actors), `records` (every record) and `corpus.read`, which reads every document and merges
what several state. Nothing is imported here: the server uses one helper (citations) and must not
load every parser, and rdflib's SPARQL engine with them, into each serving process."""
