"""The `ccmkg` command: `build` writes the dataset, `serve` serves it, `publish` loads it into an
external store. The top floor: the only module that knows both the graph and the server."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from graph.publish.files import DEFAULT_OUT, NQUADS
from graph.sources import DOCUMENTS_DIR, ParseError
from graph.vocab import DEFAULT_BASE


def build(documents: Path, base: str, out: Path, entry_into_force: Path | None = None) -> int:
    """Build the dataset into `out`; the exit code (2: a malformed input, 3: the graph breaks its shapes)."""
    # here, not at the top: `serve` and `deploy` must not load the builder into the processes they fork
    from graph.build import build_dataset
    from graph.derive import ValidationFailed
    from graph.publish.writer import write
    from graph.sources.entry_into_force import read_entry_into_force

    started = time.perf_counter()
    try:
        dates = read_entry_into_force(entry_into_force) if entry_into_force else None
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        built = build_dataset(documents, base, dates)
        with built.stages("write"):
            out = write(built, out)
    except ParseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationFailed as exc:
        print(f"error: the graph breaks ontology/shapes.ttl\n{exc}", file=sys.stderr)
        return 3
    elapsed = time.perf_counter() - started
    width = max(len(name) for name in built.counts)
    print("instances per class (asserted and inferred):")
    for name, count in sorted(built.counts.items()):
        print(f"  {name:<{width}}  {count:>6}")
    for graph, size in built.manifest["graphs"].items():  # type: ignore[union-attr]
        print(f"{size:>7} triples in <{graph}>")
    print(f"wrote {out} in {elapsed:.2f} s")
    print("CPU seconds per stage: " + ", ".join(f"{name} {cpu:.2f}" for name, cpu in built.stages.items()))
    return 0


def _build(args: argparse.Namespace) -> int:
    eif = Path(args.entry_into_force) if args.entry_into_force else None
    return build(Path(args.documents), args.base, Path(args.out), eif)


def _publish(args: argparse.Namespace) -> int:
    from .store.publish import publish, publish_virtuoso, update_endpoint

    data = Path(args.data)
    if not data.is_file():
        print(f"error: no dataset file {data}: run `ccmkg build` first", file=sys.stderr)
        return 2
    try:
        if args.virtuoso_isql:
            password = os.environ.get("CCMKG_VIRTUOSO_PASSWORD", "dba")
            folder = Path(args.virtuoso_dir or data.parent)
            sent = publish_virtuoso(data, args.virtuoso_isql, folder, args.virtuoso_user, password)
        else:
            sent = publish(data, args.update or update_endpoint(args.store))
    except Exception as exc:  # noqa: BLE001 - the store's or the network's error, reported as such
        # a store may echo the whole request (megabytes of INSERT DATA): its message's start says what broke
        message = str(exc) if len(str(exc)) < 2000 else f"{str(exc)[:2000]} … ({len(str(exc))} characters)"
        print(f"error: publishing to {args.update or args.store} failed: {message}", file=sys.stderr)
        return 1
    for graph, size in sorted(sent.items()):
        print(f"{size:>7} triples in <{graph}>")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    if args.store:
        dumps = Path(args.dumps) if args.dumps else DEFAULT_OUT
        serve(None, args.host, args.port, args.workers, args.timeout, store=args.store, dumps=dumps)
        return 0
    if (data := _data_file(args)) is None:
        return 2
    serve(str(data), args.host, args.port, args.workers, args.timeout)
    return 0


def _data_file(args: argparse.Namespace) -> Path | None:
    """The dataset file to serve: --data, or build/'s, built first when absent (None: it failed)."""
    out = Path(args.out)
    data = Path(args.data) if args.data else out / NQUADS
    if not args.data and not data.is_file():
        print(f"no dataset at {data}: building it first", file=sys.stderr)
        if build(DOCUMENTS_DIR, DEFAULT_BASE, out):
            return None
    if not data.is_file():
        print(f"error: no dataset file {data}", file=sys.stderr)
        return None
    return data.resolve()


def _deploy(args: argparse.Namespace) -> int:
    from .deploy import Tier, deploy
    from .serve import app_config

    if args.store:
        dumps = Path(args.dumps) if args.dumps else DEFAULT_OUT
        config = app_config(None, args.timeout, store=args.store, dumps=dumps)
    else:
        if (data := _data_file(args)) is None:
            return 2
        dumps, config = data.parent, app_config(str(data), args.timeout)
    tier = Tier(
        host=args.host,
        port=args.port,
        app_config=config,
        dumps=dumps,
        timeout=args.timeout,
        instances=args.instances,
        workers=args.workers,
        threads=args.threads,
        sparql_workers=args.sparql_workers,
        per_client=args.per_client,
        held=args.sparql_held,
        budget=args.budget,
        max_wait=args.max_wait,
    )
    try:
        deploy(tier)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _serving_options(parser: argparse.ArgumentParser, port: int) -> None:
    """What `serve` and `deploy` share: where the data is, where to listen, the query deadline."""
    parser.add_argument("--data", help="serve this RDF dataset file (TriG, N-Quads, Turtle ...) instead of build/")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the build directory to serve, built first if empty")
    parser.add_argument("--store", metavar="URL", help="serve from this external SPARQL 1.1 query endpoint instead")
    parser.add_argument("--dumps", help="with --store: the build directory whose files /dump offers (default build/)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ccmkg", description="The Convention on Cluster Munitions knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from the documents into build/")
    b.add_argument("--documents", default=str(DOCUMENTS_DIR), help="directory of the source documents")
    b.add_argument("--base", default=DEFAULT_BASE, help=f"base of the minted IRIs (default {DEFAULT_BASE})")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output directory (default build/)")
    b.add_argument(
        "--entry-into-force",
        metavar="CSV",
        help="state,entry_into_force table: adds each state's due dates (see docs/entry-into-force.example.csv)",
    )
    b.set_defaults(func=_build)
    s = sub.add_parser("serve", help="serve the dataset: SPARQL endpoint, query UI (builds it first if absent)")
    _serving_options(s, port=5000)
    s.add_argument("--workers", type=int, default=4, help="worker processes, each serving one request at a time")
    s.set_defaults(func=_serve)
    d = sub.add_parser(
        "deploy", help="serve behind nginx: page instances, a SPARQL pool of its own, dumps from disk (needs nginx)"
    )
    _serving_options(d, port=8080)
    d.add_argument("--instances", type=int, default=2, help="instances serving pages (default 2)")
    d.add_argument("--workers", type=int, default=1, help="worker processes per page instance (default 1)")
    d.add_argument("--threads", type=int, default=4, help="threads per page worker (default 4)")
    d.add_argument(
        "--sparql-workers", type=int, default=0, help="queries run at once (default: one per core, at least 2)"
    )
    d.add_argument(
        "--per-client", type=int, default=32, help="queries one address may have waiting or running (default 32)"
    )
    d.add_argument(
        "--sparql-held",
        type=int,
        default=0,
        help="queries held at once, waiting or running (default: per client + 8)",
    )
    d.add_argument(
        "--budget", type=float, default=60.0, help="seconds of query time per address per minute (default 60)"
    )
    d.add_argument("--max-wait", type=float, default=10.0, help="seconds a query may wait for a worker (default 10)")
    d.set_defaults(func=_deploy)
    p = sub.add_parser("publish", help="load the built dataset into an external SPARQL store, graph by graph")
    p.add_argument("--store", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    p.add_argument("--update", metavar="URL", help="its update endpoint (default: derived from --store)")
    p.add_argument("--data", default=str(DEFAULT_OUT / NQUADS), help="the dataset file (default build/ccm.nq)")
    p.add_argument(
        "--virtuoso-isql",
        metavar="HOST:PORT",
        help="Virtuoso: load with its bulk loader through isql at this address (password: CCMKG_VIRTUOSO_PASSWORD)",
    )
    p.add_argument("--virtuoso-user", default="dba")
    p.add_argument("--virtuoso-dir", help="Virtuoso: a folder of its DirsAllowed to stage the file in")
    p.set_defaults(func=_publish)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
