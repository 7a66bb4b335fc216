"""How well the published commitments match the dev half of a gold standard read from the two plans by hand.

    python bench/commitments.py [--data build/ccm.trig]

bench/commitments-dev.json (from ../shared/data/, rules in commitments-dev.README.md): 58 actions, split
by hand into 77 commitment units, each with its strength. The check reads the published graph as an
outside reader would: it finds the resource standing for a unit by the unit's own words (a ccm:text, or
the exact quote of one of its source spans), and the strength by the label of what its ccm:strength
names. A unit counts when such a resource exists and holds that unit alone; its strength counts when the
label matches. The report goes to docs/benchmarks/commitments.md.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = Path(__file__).with_name("commitments-dev.json")

from bench.report import built_dataset  # noqa: E402
from graph.vocab import CCM, OA  # noqa: E402


@dataclass
class Scores:
    gold: int
    found: int = 0
    strength_right: int = 0
    span_right: int = 0
    extra: int = 0  # commitments of the dev actions that no gold unit matches
    by_strength: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, published)
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def strength_accuracy(self) -> float:
        """The share of gold units found with the right strength: the issue's 95% bar."""
        return self.strength_right / self.gold if self.gold else 0.0


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")))


def evaluate(graph: Graph, gold_path: Path = GOLD) -> Scores:
    """Every gold unit looked up in the graph by its words, with its strength and source span."""
    gold = json.loads(gold_path.read_text())
    by_words: dict[str, set] = {}
    for c in graph.subjects(RDF.type, CCM.Commitment):
        texts = [graph.value(c, CCM.text)]
        for target in graph.objects(c, CCM.extractedFrom):
            texts += [graph.value(sel, OA.exact) for sel in graph.objects(target, OA.hasSelector)]
        for text in filter(None, texts):
            by_words.setdefault(_words(str(text)), set()).add(c)
    scores = Scores(gold=len(gold["units"]))
    matched = set()
    for unit in gold["units"]:
        found = by_words.get(_words(unit["text"]), set())
        if len(found) != 1:
            scores.errors.append(f"{unit['id']} not found as a resource of its own: {unit['text'][:90]}")
            continue
        (c,) = found
        matched.add(c)
        scores.found += 1
        strength = graph.value(c, CCM.strength)
        label = str(graph.value(strength, RDFS.label) or "").lower().replace(" ", "-")
        scores.by_strength[(unit["strength"], label)] += 1
        if label == unit["strength"]:
            scores.strength_right += 1
        else:
            scores.errors.append(f"{unit['id']} strength {label}, the reading says {unit['strength']}")
        positions = set()
        for target in graph.objects(c, CCM.extractedFrom):
            for sel in graph.objects(target, OA.hasSelector):
                if (start := graph.value(sel, OA.start)) is not None:
                    positions.add((int(start), int(graph.value(sel, OA.end))))
        if (unit["start"], unit["end"]) in positions:
            scores.span_right += 1
        else:
            scores.errors.append(
                f"{unit['id']} span {sorted(positions)}, the reading says {unit['start']}-{unit['end']}"
            )
    dev = {(p, n) for p in ("vap", "lap") for n in gold["dev_actions"][p]}
    for c in graph.subjects(RDF.type, CCM.Commitment):
        action = graph.value(c, CCM.commitmentOf)
        plan = "vap" if "/vap/" in str(action) else "lap"
        if (plan, int(graph.value(action, CCM.actionNumber))) in dev and c not in matched:
            scores.extra += 1
            scores.errors.append(f"extra: {c} {str(graph.value(c, CCM.text))[:90]}")
    return scores


def report(s: Scores, command: str) -> str:
    gold = json.loads(GOLD.read_text())
    counts = Counter(u["strength"] for u in gold["units"])
    strengths = ["firm", "qualified", "best-efforts", "recommended", "encouraging"]
    lines = [
        "## Commitments: the plans read sentence by sentence",
        "",
        f"`{command}`: the published commitments (graph/parse/commitments.py) against the dev half of a gold "
        "standard read from the two plans by hand (bench/commitments-dev.json, its rules in "
        f"bench/commitments-dev.README.md: {len(gold['dev_actions']['vap'])} Vientiane and "
        f"{len(gold['dev_actions']['lap'])} Lausanne actions, {s.gold} units; "
        f"{', '.join(f'{k} {counts[k]}' for k in strengths)}). The other half is kept for evaluation; the "
        "rules were implemented as the README states them, not fitted to this half.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| units found, each as a resource of its own | {s.found} of {s.gold} ({s.recall:.0%}) |",
        f"| **found with the right strength** | **{s.strength_right} of {s.gold} ({s.strength_accuracy:.0%})** |",
        f"| found with the same source span, to the character | {s.span_right} of {s.found} |",
        f"| commitments of these actions no unit matches | {s.extra} |",
        "",
        "Strength, gold by row, published by column:",
        "",
        "| gold \\ published | " + " | ".join(strengths) + " |",
        "| --- |" + " --- |" * len(strengths),
        *[f"| {g} | " + " | ".join(str(s.by_strength[(g, p)]) for p in strengths) + " |" for g in strengths],
        "",
        "<details><summary>Every disagreement with the gold standard</summary>",
        "",
        *[f"- {e}" for e in s.errors],
        "",
        "</details>",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    data, out = built_dataset(__doc__.splitlines()[0], "commitments.md")
    scores = evaluate(data)
    out.write_text(report(scores, "python bench/commitments.py"))
    print(f"found {scores.found}/{scores.gold}, strength right {scores.strength_right}; wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
