"""A built dataset to files: `files` (the build's file names, which the server reads too), `writer`
(the dumps, checksums and the manifest, written atomically), `search_index`, `jsonld_context`.
Nothing is imported here: the server reads file names and must not load the builder."""
