"""What the tests (and the benchmarks) share: HTTP helpers, real processes, tables read off the
documents. No test module imports another."""
