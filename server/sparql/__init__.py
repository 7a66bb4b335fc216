"""The SPARQL 1.1 Protocol endpoint, /sparql (`endpoint.bp`): reading the request (`protocol`),
its keywords (`lexical`, also used by the external store), running it under its deadline (`query`,
`worker_timeout`), writing the results (`results`) and the service description."""
