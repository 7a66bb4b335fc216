"""The Convention's statements against a reading of every sentence (tests/norm_table.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.parse import corpus
from graph.vocab import CCM
from tests.support.norm_table import NORMS, TIME_LIMITS


@pytest.fixture(scope="module")
def norms():
    return corpus.read().convention.norms


def _path(provision: str) -> tuple[str, ...]:
    return tuple(provision.split("."))


def test_every_statement_of_the_convention_is_read_as_the_table_reads_it(norms):
    got = [(".".join(n.provision), n.kind, tuple(n.bearers), n.text) for n in norms]
    assert len(got) == len(NORMS), [g[:3] for g in got]
    for (provision, words, kind, bearers), (g_provision, g_kind, g_bearers, text) in zip(NORMS, got, strict=True):
        assert (g_provision, words in text) == (provision, True), (provision, words, text)
        assert (g_kind, g_bearers) == (kind, bearers), (provision, words)


def _find(norms, provision: str, words: str):
    found = [n for n in norms if ".".join(n.provision) == provision and words in n.text]
    assert len(found) == 1, (provision, words, len(found))
    return found[0]


def test_every_time_limit_of_the_convention_is_typed_on_the_statement_that_states_it(norms):
    got = sorted(
        (".".join(n.provision), n.text, where, d.kind, d.duration, d.anchor)
        for n in norms
        for where, limits in [("own", n.deadlines)] + [("condition", c.deadlines) for c in n.conditions]
        for d in limits
    )
    expected = sorted(
        (provision, _find(norms, provision, words).text, where, kind, duration, anchor)
        for provision, words, where, kind, duration, anchor in TIME_LIMITS
    )
    assert got == expected
    # Article 3.8 "no later than 30 April of the following year", 7.2 "not later than 30 April of each year"
    assert [d.month_day for d in _find(norms, "7.2", "annually").deadlines] == ["--04-30"]
    assert [d.month_day for d in _find(norms, "3.8", "Such a report").deadlines] == ["--04-30"]


def test_extensions_say_what_they_extend_how_long_and_what_renews_them(norms):
    # Article 3.3: "an extension of the deadline [of 3.2] ... by a period of up to four years"
    request_3 = _find(norms, "3.3", "it may submit a request")
    assert request_3.extends == [(_find(norms, "3.2", "destroy or ensure").key, 1)]
    assert _find(norms, "3.3", "additional extensions").extends == request_3.extends
    # Article 4.5 extends the clearance deadline of 4.1(a); 4.8 renews it "in accordance with paragraphs 5, 6 and 7"
    request_4 = _find(norms, "4.5", "it may submit a request")
    assert request_4.extends == [(_find(norms, "4.1.a", "ten years").key, 1)]
    assert _find(norms, "4.8", "renewed").renews == [request_4.key]
    # the lead times and the decisions regulate the request they are about
    assert request_3.key in _find(norms, "3.5", "nine months").regulates
    assert request_3.key in _find(norms, "3.5", "assess the request").regulates
    assert request_4.key in _find(norms, "4.6", "nine months").regulates
    before = _find(norms, "4.6", "prior to the expiry")
    assert {key[0] for key, _ in before.before} == {("4", "1", "a"), ("4", "1", "b")}
    # Article 4.5 and 3.3 go to "a Meeting of States Parties or a Review Conference"
    assert request_4.recipients == ["Meeting of States Parties", "Review Conference"]


def test_exceptions_name_what_they_override_and_what_narrows_them(norms):
    # "Notwithstanding the provisions of Article 1": retention and acquisition (3.6) and transfer (3.7)
    # override 1.1(b) "... otherwise acquire, stockpile, retain or transfer"; military cooperation with
    # States not party (21.3) overrides 1.1(c) "Assist ... anyone to engage in any activity prohibited"
    b, c = _find(norms, "1.1.b", "retain").key, _find(norms, "1.1.c", "Assist").key
    assert _find(norms, "3.6", "is permitted").exception_to == [b]
    assert _find(norms, "3.7", "is permitted").exception_to == [b]
    cooperation = _find(norms, "21.3", "military cooperation")
    assert cooperation.exception_to == [c]
    # 21.4 "Nothing in paragraph 3 of this Article shall authorise a State Party: (a) ... (d)"
    assert [n.limits for n in norms if n.provision[:2] == ("21", "4")] == [[cooperation.key]] * 4


def test_conditions_recipients_and_beneficiaries_are_their_own_statements(norms):
    kinds = {c.kind: c.text for c in _find(norms, "3.3", "it may submit a request").conditions}
    assert kinds["circumstance"].startswith("If a State Party believes that it will be unable")
    assert {c.kind for c in _find(norms, "6.2", "technical, material").conditions} == {"capacity"}
    assert {c.kind for c in _find(norms, "5.1", "adequately provide").conditions} >= {"jurisdiction"}
    assert {c.kind for c in _find(norms, "13.3", "immediately").conditions} == {"proviso"}  # "unless a majority ..."
    assert _find(norms, "3.5", "assess the request").conditions[0].kind == "voting"  # "by a majority of votes ..."
    assert "armed conflict" in _find(norms, "20.3", "armed conflict").conditions[0].text
    assert _find(norms, "5.1", "adequately provide").beneficiaries == ["Cluster munition victims"]
    assert _find(norms, "6.6", "emergency assistance").beneficiaries == ["Affected State Party"]
    assert _find(norms, "20.2", "give notice").recipients == [
        "All States Parties",
        "Depositary",  # the text spells it "Depository" here
        "United Nations Security Council",
    ]


def test_article_7_is_a_reporting_requirement_with_items_an_addressee_and_its_update(norms):
    initial, update = _find(norms, "7.1", "shall report"), _find(norms, "7.2", "annually")
    assert initial.reporting and update.reporting
    assert initial.recipients == update.recipients == ["Secretary-General of the United Nations"]
    # 7.1 (a) to (n): fourteen items
    assert [p[-1] for p in initial.required_items] == list("abcdefghijklmn")
    assert update.updates == [initial.key] and update.reporting_period == "previous calendar year"
    # Article 3.4 "Each request for an extension shall set out: (a) ... (f)"
    assert len(_find(norms, "3.4", "set out").required_items) == 6


def test_statements_quote_their_own_words_in_the_source(norms):
    src = corpus.read().sources["003"]
    for n in norms:
        quote = re.sub(r"[\W_]+", " ", src.quote(n.span)).strip()
        own = re.sub(r"[\W_]+", " ", n.own_text or n.text).strip()
        assert quote == own, (n.provision, n.index)
        for c in n.conditions:
            assert re.sub(r"[\W_]+", " ", src.quote(c.span)).strip() == re.sub(r"[\W_]+", " ", c.text).strip()


# ---- the plans' actions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plans():
    c = corpus.read()
    return {("vap", a.number): a for a in c.vap.actions} | {("lap", a.number): a for a in c.lap.actions}, c


def test_lausanne_25_and_26_share_a_table_block_but_not_their_indicators(plans):
    _, c = plans
    # 003, "Survey and clearance (18-26)": "25. ..." and "26. ..." under one "Action items" heading, then two
    # indicators: the declarations of compliance (25) and the sharing of experiences (26)
    of = {n: [i.text for i in c.lap.indicators if i.action == n] for n in (25, 26)}
    assert len(of[25]) == len(of[26]) == 1
    assert "declarations of compliance" in of[25][0] and "sharing experiences" in of[26][0]


def test_plan_and_table_wording_differences_are_recorded(plans):
    actions, _ = plans
    # Lausanne 29: the plan says "gender and age disaggregated data", the table "gender, age and disability"
    assert "gender, age and disability disaggregated data" in actions[("lap", 29)].table_text
    assert "gender and age disaggregated data" in actions[("lap", 29)].text
    # the other three the table words differently: 10 ("the"), 23 ("and"), 35 ("micro finance")
    assert {n for (plan, n), a in actions.items() if plan == "lap" and a.table_text} == {10, 23, 29, 35}


def test_a_second_deadline_for_new_states_parties_is_theirs(plans):
    actions, _ = plans
    # Lausanne 18 and 47: "(or within two years of entry into force for new States Parties)"
    for n in (18, 47):
        scoped = [d for d in actions[("lap", n)].deadlines if d.applies_to]
        assert [(d.duration, d.applies_to) for d in scoped] == [("P2Y", "New States Parties")]


def test_an_action_names_the_themes_its_first_sentence_states(plans):
    actions, _ = plans
    # Vientiane 17 "Develop and provide risk reduction education programmes" sits in the clearance section
    assert actions[("vap", 17)].themes == ["Risk education"]


def test_no_due_date_counts_from_a_condition(built):
    # Article 3.3 "If a State Party believes that it will be unable to destroy ... within eight years of
    # entry into force ... for that State Party": the eight years are 3.2's deadline, which has due dates
    derived = built.graphs["derived"]
    due_of = {str(d) for d in derived.objects(None, CCM.ofDeadline)}
    assert due_of and not [d for d in due_of if "/condition/" in d]
    assert any(d.endswith("/article/3/paragraph/2/obligation/1/deadline/1") for d in due_of)


@pytest.mark.parametrize(
    ("raw", "window", "text", "quoted"),
    [
        # markup, a line break and a hyphen between the clean text's words
        (
            "x <p>Each State\nParty shall-not use</p>",
            (0, 40),
            "Each State Party shall not use",
            "Each State\nParty shall-not use",
        ),
        # the first place the words stand, not a later one
        ("to use; to use", (0, 14), "to use", "to use"),
        # the window bounds the search: the words past its end are not found
        ("stockpiles and stockpiles", (3, 25), "stockpiles", "stockpiles"),
        ("a b c", (0, 3), "b c", None),
        # a word that runs into the next one in the source (no separator)
        ("the clustermunitions", (0, 20), "cluster munitions", "clustermunitions"),
        # words with underscores, which the separators could also take
        ("see _note_ 4", (0, 12), "_note_ 4", "_note_ 4"),
        ("x a__b", (0, 6), "a b", "a__b"),
        ("nothing here", (0, 12), "absent", None),
    ],
)
def test_locate_finds_the_words_as_the_pattern_word_separators_word_does(raw, window, text, quoted):
    from graph.parse.norms import locate
    from graph.sources.document import SourceText, Span

    src = SourceText(key="t", path=Path("t.txt"), text=raw, sha256="")
    within = Span("t", *window)
    found = locate(src, within, text)
    assert (raw[found.start : found.end] if found != within else None) == quoted
    # what the pattern itself finds, compiled for this text
    pattern = re.compile(r"[\W_]*".join(re.escape(w) for w in re.findall(r"\w+", text)))
    m = pattern.search(raw, *window)
    assert found == (src.span(m.start(), m.end()) if m else within)
