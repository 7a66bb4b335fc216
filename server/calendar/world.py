"""The world map's geometry: Natural Earth's countries (1:50m) from the `world-atlas` package of the
npm registry (TopoJSON, fetched by `make setup`, served from our own files), projected once into
SVG paths keyed by ISO 3166-1 alpha-3 code. No tiles, no third-party requests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pycountry

WORLD_FILE = Path(__file__).resolve().parents[1] / "static" / "world" / "countries-50m.json"
WIDTH, HEIGHT = 1000, 460
_NORTH, _SOUTH = 84.0, -58.0  # Antarctica is left out; the rest fits
_TOLERANCE = 1.2  # px


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular, cropped to the inhabited latitudes."""
    return (lon + 180.0) / 360.0 * WIDTH, (_NORTH - lat) / (_NORTH - _SOUTH) * HEIGHT


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized positions
            x, y = x + dx, y + dy
            points.append(_project(x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    # a point within _TOLERANCE px of the last one kept adds nothing at this size; a ring that small
    # (an islet, a microstate) keeps its points, rounded finer, so that it still shows
    kept: list[tuple[float, float]] = []
    for x, y in points:
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) > _TOLERANCE:
            kept.append((x, y))
    digits = 0
    if len(kept) < 4:
        kept, digits = points, 2
    rounded: list[tuple[float, float]] = []
    for x, y in kept:
        p = (round(x, digits), round(y, digits))
        if not rounded or p != rounded[-1]:
            rounded.append(p)
    if len(rounded) < 3:
        return ""
    # a ring that crosses the antimeridian (Russia, Fiji) jumps across the map: start a new piece there
    # rather than draw a line through every country on the way
    out = [f"M{rounded[0][0]:g} {rounded[0][1]:g}"]
    for (px, _), (x, y) in zip(rounded, rounded[1:], strict=False):
        out.append(f"{'M' if abs(x - px) > WIDTH / 2 else 'L'}{x:g} {y:g}")
    return "".join(out) + "Z"


@cache
def shapes() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 code -> (the country's name in Natural Earth, its SVG path). Empty without the file."""
    if not WORLD_FILE.is_file():
        return {}
    topology = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    out: dict[str, tuple[str, str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        if country is None or country.alpha_3 == "ATA":
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        path = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        if path:
            out[country.alpha_3] = (geometry.get("properties", {}).get("name", country.name), path)
    return out
