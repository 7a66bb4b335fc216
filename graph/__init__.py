"""The CCM knowledge graph, built from the vendored documents.

Read top-down, like the data flows: `sources` (the files) -> `parse` (records) -> `mapping`
(triples, with provenance) -> `derive` (reasoning, derived statements, validation) -> `build`
(the whole dataset, in memory: `graph.build.build_dataset`) -> `publish` (files on disk:
`graph.publish.writer.write`). `vocab` gives every stage its terms and IRIs. Nothing here imports the
server. (No imports here: `python -m graph.vocab.generate` must run while the code and the
ontology disagree.)"""
