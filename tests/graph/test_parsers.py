"""Each parser on a small text that shows its document's quirks, beside the whole-corpus tests in
test_extraction.py. The texts imitate the vendored files: the PDF text of the Vientiane plan (001),
the booklet's plan and indicator tables (003), the Convention (003), the declarations."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graph.parse import convention, declarations, lap, vap
from graph.sources import ParseError, SourceText, Span
from graph.sources.text import clean


def source(text: str, key: str = "001") -> SourceText:
    return SourceText(key=key, path=Path(f"{key}.txt"), text=text, sha256="")


def test_clean_undoes_the_pdf_and_markup():
    # the PDF detaches a hyphen from the next word ("non- affected", 001 Action #49) but keeps a
    # suspended one ("age- and gender-sensitive"); markdown bold and <p> cells; footnote marks
    assert clean("non- affected States") == "non-affected States"
    assert clean("age- and gender-sensitive") == "age- and gender-sensitive"
    assert (
        clean("<p>**Action 1** national ownership² in\nimplementing</p>")
        == "Action 1 national ownership in implementing"
    )


VAP = """I. Introduction
1. The First Meeting of States Parties adopted this plan.
II. Universalization
States Parties will:
Action#1 Promote adherence to the Convention.
Action #2Acknowledge the obstacles facing non- affected
States in joining.
VI.Victim assistance
All States Parties will:
Action #3 Gather data within one year of entry into force for that State Party.
"""


def test_vientiane_plan_in_its_pdf_quirks():
    copy = vap.parse(source(VAP))
    assert [s.title for s in copy.sections] == ["Introduction", "Universalization", "Victim assistance"]
    assert [p.number for p in copy.intro] == [1]
    assert [a.number for a in copy.actions] == [1, 2, 3]  # "Action#1" and "Action #2Acknowledge" alike
    second = copy.actions[1]
    assert second.text == "Acknowledge the obstacles facing non-affected States in joining."
    assert second.addressees == ["All States Parties"] and second.section == "2"
    third = copy.actions[2]
    assert third.section == "6"  # "VI.Victim assistance": no space after the numeral
    (limit,) = third.deadlines
    assert (limit.kind, limit.duration, limit.anchor) == ("relative", "P1Y", "entry-into-force-for-state-party")
    # every span quotes the action as printed, line break and all
    assert copy.src.quote(second.spans[0]).startswith("Action #2Acknowledge")


def test_vientiane_actions_out_of_sequence_are_a_parse_error():
    with pytest.raises(ParseError, match=r"001.txt:\d+: Vientiane actions out of sequence"):
        vap.parse(source(VAP.replace("Action #3", "Action #4")))


LAP = """Lausanne Action Plan

Introduction

States Parties will act for the period 2021-2026 to improve human security¹.

¹ Notion of human security as understood in consensus UNGA resolution 66/290

Guiding principles and actions

The States Parties have identified best practices. States Parties will take the following actions:

- Action 1** Demonstrate high levels of national ownership² in implementing the Convention.

- Action 2** Report annually on progress.

² National ownership means maintaining interest at a high level.

Indicators

Guiding principles and actions (1–2)\t
Action items\tIndicators
{row}

Guiding principles and actions (1–2)

Action items

Indicators

- | | |
|--|--|
| <p>2. Report annually on progress.</p> | <p>Number of reports submitted</p> |

Lausanne Declaration
""".format(
    row="<p>1. Demonstrate high levels of national ownership in implementing the Convention.\t"
    "<p>Number of States Parties with plans</p><p>Percentage of budgets</p>"
)


def test_lausanne_plan_and_its_indicator_tables():
    records = lap.parse(source(LAP, "003"))
    assert records.period == (2021, 2026)
    assert [a.number for a in records.actions] == [1, 2]
    first, second = records.actions
    assert first.chapeau == "States Parties will take the following actions:"
    assert first.footnotes == ["National ownership means maintaining interest at a high level."]  # marked ²
    assert second.footnotes == []
    # a tab-separated row and a pipe row; the repeated page headers are not indicators
    assert [(i.action, i.text) for i in records.indicators] == [
        (1, "Number of States Parties with plans"),
        (1, "Percentage of budgets"),
        (2, "Number of reports submitted"),
    ]
    assert all(len(a.spans) == 2 for a in records.actions)  # the plan and the table


def test_a_table_row_that_rewords_its_action_is_a_parse_error():
    reworded = LAP.replace("<p>2. Report annually on progress.</p>", "<p>2. Destroy every stockpile at once.</p>")
    with pytest.raises(ParseError, match="action 2 in the indicator table differs from the plan"):
        lap.parse(source(reworded, "003"))


def _convention(article_1: str) -> str:
    # Article 2 must define terms; the others need only a title and a paragraph
    articles = "Article 2\nDefinitions\n1. “Cluster munition” means a conventional munition.\n" + "\n".join(
        f"Article {n}\nTitle {n}\n1. Each State Party shall report." for n in range(3, convention.ARTICLE_COUNT + 1)
    )
    return (
        "Adopted on 30 May 2008 in Dublin, Ireland, and signed on 3 December 2008 in Oslo, Norway, "
        "the Convention on Cluster Munitions entered into force on 1 August 2010.\n"
        "Convention on Cluster Munitions\nTHE STATES PARTIES TO THIS CONVENTION,\nDeeply concerned,\n"
        f"HAVE AGREED AS FOLLOWS:\nArticle 1\nGeneral obligations and scope of application\n{article_1}\n"
        f"{articles}\nThe Implementation Support Unit of the Convention\n"
    )


ARTICLE_1 = """1. Each State Party undertakes never under any circumstances to:
- a. Use cluster munitions;
- b. Develop, produce, otherwise acquire,
stockpile, retain or transfer cluster munitions;
- c. Assist anyone to engage in any activity prohibited to a State Party.
2. This Convention does not apply to mines."""


def test_convention_list_chapeau_gives_one_prohibition_per_sub_paragraph():
    records = convention.parse(source(_convention(ARTICLE_1), "003"))
    assert (records.adopted, records.entry_into_force) == ("2008-05-30", "2010-08-01")
    assert len([p for p in records.provisions if len(p.path) == 1]) == convention.ARTICLE_COUNT
    of_article_1 = [o for o in records.norms if o.provision[0] == "1"]
    assert [(o.provision, o.kind, o.bearers) for o in of_article_1] == [
        (("1", "1", "a"), "prohibition", ["All States Parties"]),
        (("1", "1", "b"), "prohibition", ["All States Parties"]),
        (("1", "1", "c"), "prohibition", ["All States Parties"]),
        (("1", "2"), "rule", []),
    ]
    # a sub-paragraph the PDF broke over two lines is one provision; "This Convention ..." binds nobody
    b = next(p for p in records.provisions if p.path == ("1", "1", "b"))
    assert b.text == "Develop, produce, otherwise acquire, stockpile, retain or transfer cluster munitions;"
    assert [o.rule_kind for o in records.norms if o.provision == ("1", "2")] == ["scope"]


def test_convention_paragraph_out_of_order_is_reported_at_its_line():
    text = _convention(ARTICLE_1.replace("2. This Convention", "3. This Convention"))
    with pytest.raises(ParseError, match="paragraph 3 of Article 1 where 2 was expected") as caught:
        convention.parse(source(text, "003"))
    assert text.splitlines()[caught.value.line - 1].startswith("3. This Convention")


def test_declaration_figures_are_quantities_not_years():
    span = Span("003", 0, 1)
    found = declarations.figures(
        "In November 2020, [46] States have joined and nearly 1.5 million cluster munitions were destroyed.", span
    )
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (Decimal(46), "States", None),
        (Decimal(1_500_000), "cluster munitions", "nearly"),
    ]
