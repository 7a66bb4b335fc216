"""The `ccmkg` command: `ccmkg build` writes the dataset; `ccmkg serve` publishes it."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .build import DEFAULT_OUT, build_dataset, write
from .iris import DEFAULT_BASE
from .sources import DOCUMENTS_DIR, ParseError
from .validation import ValidationFailed


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        built = build_dataset(Path(args.documents), args.base)
        out = write(built, Path(args.out))
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
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ccmkg", description="The Convention on Cluster Munitions knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from the documents into build/")
    b.add_argument("--documents", default=str(DOCUMENTS_DIR), help="directory of the source documents")
    b.add_argument("--base", default=DEFAULT_BASE, help=f"base of the minted IRIs (default {DEFAULT_BASE})")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output directory (default build/)")
    b.set_defaults(func=_build)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
