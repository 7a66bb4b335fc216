"""The analysis layer: due dates, the articles actions serve, and how the plans evolved."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV

from graph.build import build_dataset
from graph.derive import lineage
from graph.derive.dates import add_duration
from graph.sources.text import comparable
from graph.vocab import CCM
from tests.support.processes import ccmkg


@pytest.fixture(scope="module")
def with_dates():
    # a table the user supplies; the date is this test's input, not a claim about Lao PDR
    return build_dataset(entry_into_force={"LAO": dt.date(2010, 8, 1)})


def due(g, owner: URIRef, state: str | None = None) -> list[str]:
    out = []
    for deadline in g.objects(owner, CCM.hasDeadline):
        for d in g.subjects(CCM.ofDeadline, deadline):
            s = g.value(d, CCM.forState)
            if (state is None and s is None) or (s is not None and str(s).endswith("/" + (state or ""))):
                out.append(str(g.value(d, CCM.dueOn)))
    return sorted(out)


def test_durations():
    assert add_duration(dt.date(2010, 8, 1), "P8Y") == dt.date(2018, 8, 1)
    assert add_duration(dt.date(2010, 8, 31), "P6M") == dt.date(2011, 2, 28)
    assert add_duration(dt.date(2010, 8, 1), "P180D") == dt.date(2011, 1, 28)


def test_due_dates_for_a_state(with_dates, iris):
    g = with_dates.graphs["asserted"] + with_dates.graphs["derived"]
    # Vientiane action #21: "within six months of the Convention's entry into force for that State Party"
    assert due(g, iris.action("vap", 21), "LAO") == ["2011-02-01"]
    # Article 3.2: stockpiles destroyed "not later than eight years after the entry into force ... for that State Party"
    assert due(g, iris.obligation(("3", "2"), 1), "LAO") == ["2018-08-01"]
    # Article 7.1: initial report "not later than 180 days after the entry into force"
    assert due(g, iris.obligation(("7", "1"), 1), "LAO") == ["2011-01-28"]
    node = next(g.subjects(CCM.forState, iris.state("LAO")))
    method = g.value(node, PROV.wasGeneratedBy)
    assert (method, RDF.type, CCM.DerivationMethod) in g and (node, PROV.wasDerivedFrom, None) in g


def test_due_dates_from_the_conventions_own_entry_into_force(kg, built, iris):
    g = kg + built.graphs["derived"]
    # 003: "entered into force on 1 August 2010"; Article 11.2 "within one year"; Article 12.1 "five years after"
    assert due(g, iris.obligation(("11", "2"), 1)) == ["2011-08-01"]
    assert due(g, iris.obligation(("12", "1"), 1)) == ["2015-08-01"]
    # a State's own dates only where the Convention is in force for it (from the depositary's table, 004)
    derived = built.graphs["derived"]
    in_force = set(derived.objects(None, CCM.effectiveFor))
    assert set(derived.objects(None, CCM.forState)) <= in_force


def test_meeting_anchored_deadlines_carry_the_meetings_year(kg, iris):
    # Lausanne actions 18 and 47: "the Eleventh Meeting of States Parties in 2022"
    for n in (18, 47):
        meetings = {kg.value(d, CCM.atMeeting) for d in kg.objects(iris.action("lap", n), CCM.hasDeadline)} - {None}
        assert meetings == {iris.meeting("11msp")}
    assert kg.value(iris.meeting("11msp"), CCM.year) == Literal("2022", datatype=XSD.gYear)


def test_each_theme_serves_its_article(built, iris):
    derived = built.graphs["derived"]
    found = {
        str(derived.value(link, CCM.theme)).rsplit("/", 1)[1]: str(derived.value(link, CCM.article)).rsplit("/", 1)[1]
        for link in derived.subjects(RDF.type, CCM.ThematicLink)
    }
    # the article titles of 003: 3 "Storage and stockpile destruction", 4 "Clearance and ... risk reduction
    # education", 5 "Victim assistance", 6 "International cooperation and assistance", 7 "Transparency
    # measures", 8 "... compliance", 9 "National implementation measures", 21 "Relations with States not party"
    assert found == {
        "stockpile-destruction": "3",
        "clearance": "4",
        "risk-education": "4",
        "victim-assistance": "5",
        "cooperation-and-assistance": "6",
        "transparency": "7",
        "compliance": "8",
        "national-implementation-measures": "9",
        "universalisation": "21",
    }
    for link in derived.subjects(RDF.type, CCM.ThematicLink):
        assert (derived.value(link, PROV.wasGeneratedBy), RDF.type, CCM.DerivationMethod) in derived


def test_stated_and_derived_links_are_kept_apart(kg, built, iris):
    derived = built.graphs["derived"]
    article4 = iris.provision(("4",))
    # Lausanne 25 cites "Article 4" and "Article 4.1 (a)" in its text: asserted, not derived again
    assert (iris.action("lap", 25), CCM.cites, article4) in built.graphs["asserted"]
    assert (iris.action("lap", 25), CCM.servesArticle, article4) not in derived
    # Lausanne 27 (risk education) names no article: it serves Article 4 through its theme
    assert not list(built.graphs["asserted"].objects(iris.action("lap", 27), CCM.cites))
    assert (iris.action("lap", 27), CCM.servesArticle, article4) in derived
    assert not list(built.graphs["asserted"].subject_objects(CCM.servesArticle))


def test_lineage_pairs(built, iris):
    derived = built.graphs["derived"]

    def continues(lap: int, vap: int) -> bool:
        return (iris.action("lap", lap), CCM.continues, iris.action("vap", vap)) in derived

    # reviewed pairs (documents/005): compliance and the good offices of the President (Article 8); initial
    # transparency reports (Article 7); universalization; synergies with humanitarian and human rights law;
    # victims' data
    for lap, vap in ((49, 66), (43, 58), (10, 4), (8, 55), (31, 22)):
        assert continues(lap, vap), (lap, vap)
    # and those that must not be linked: paying assessed contributions is not responding to non-compliance;
    # a computed link a reviewer rejected (documents/005: Lausanne 22's capacity for residual risks is not
    # Vientiane 10's clearance capacity for 2011)
    assert not continues(9, 66) and not continues(22, 10)
    for node in derived.subjects(RDF.type, CCM.Lineage):
        basis = str(derived.value(node, CCM.linkBasis)).rsplit("/", 1)[-1]
        probability = float(derived.value(node, CCM.probability))
        # a reviewed link is certain and names its review; a computed one passed the published threshold
        if basis == "reviewed":
            assert probability == 1 and derived.value(node, CCM.basedOnReview) is not None
            # and the model's second opinion, fitted without the reviews of its Lausanne action
            assert 0 <= float(derived.value(node, CCM.modelProbability)) <= 1
        else:
            assert basis == "computed" and lineage.PUBLISH <= probability < 1
        assert (derived.value(node, PROV.wasGeneratedBy), RDF.type, CCM.DerivationMethod) in derived
        lap, vap = derived.value(node, CCM.successor), derived.value(node, CCM.predecessor)
        assert (lap, CCM.continues, vap) in derived
        assert len(list(derived.objects(node, CCM.deadlineChange))) <= 1, node  # never two at once


def test_each_link_rests_on_a_commitment_of_each_action(built, iris):
    derived, asserted = built.graphs["derived"], built.graphs["asserted"]
    # documents/005: Lausanne 27 carries on Vientiane 17's "integrated into clearance, survey and victim
    # assistance activities": the second sentence of 001 #17 ("Risk reduction education programmes should be
    # tailored ..."), and the first and only one of 003 action 27
    node = iris.lineage(iris.action("lap", 27), iris.action("vap", 17))
    assert derived.value(node, CCM.predecessorCommitment) == URIRef(f"{iris.action('vap', 17)}/commitment/2")
    assert derived.value(node, CCM.successorCommitment) == URIRef(f"{iris.action('lap', 27)}/commitment/1")
    for link in derived.subjects(RDF.type, CCM.Lineage):
        after, before = derived.value(link, CCM.successor), derived.value(link, CCM.predecessor)
        for side, term in ((after, CCM.successorCommitment), (before, CCM.predecessorCommitment)):
            commitment = derived.value(link, term)
            # a commitment of that very action, wherever the action has commitments
            has = list(asserted.subjects(CCM.commitmentOf, side))
            assert (commitment is None) == (not has), (link, term)
            assert commitment is None or asserted.value(commitment, CCM.commitmentOf) == side
        # a reviewed link rests on the sentences holding the reviewer's quotes
        review = derived.value(link, CCM.basedOnReview)
        for quote, term in (
            (CCM.evidenceAfter, CCM.successorCommitment),
            (CCM.evidenceBefore, CCM.predecessorCommitment),
        ):
            said = asserted.value(review, quote) if review is not None else None
            if said is not None and derived.value(link, term) is not None:
                text = comparable(str(asserted.value(derived.value(link, term), CCM.text)))
                assert comparable(str(said)) in text, (link, said)


def test_the_computed_layer_links_what_no_review_decides(built, iris):
    # every Lausanne action has a review in documents/005, so the published lineage is all reviewed; withhold
    # the reviews of actions 38-50 (cooperation to compliance) and the model, fitted on the others, links them
    asserted = built.graphs["asserted"]
    everything = lineage.actions(asserted)
    earlier = [a for a in everything if a.plan == iris.plan("vap")]
    later = [a for a in everything if a.plan == iris.plan("lap")]
    kept = [r for r in lineage.reviews(asserted) if r.lausanne < 38]
    found, evidence, _, _ = lineage.links(earlier, later, kept)
    number = {a.iri: a.number for a in everything}
    computed = {(number[link.successor], number[link.predecessor]): link for link in found if link.review is None}
    # the good offices of the President for compliance (001 #66, 003 action 49): nearly the same words
    assert (49, 66) in computed
    assert computed and all(lineage.PUBLISH <= link.probability < 1 for link in computed.values())
    assert {lap for lap, _ in computed} <= set(range(38, 51))
    predecessors = Counter(lap for lap, _ in computed)
    assert max(predecessors.values()) <= lineage.MAX_PREDECESSORS
    # a reviewed action's links are its reviews, whatever the model thinks
    reviewed = {(r.lausanne, r.vientiane) for r in kept if r.decision in ("added", "confirmed")}
    assert {(number[k.successor], number[k.predecessor]) for k in found if k.review is not None} == reviewed
    # what continues an action is decided by the reviews only where no unreviewed action could link it
    decided = lineage.decided(evidence, kept, 0)
    assert [a.number for a, d in zip(later, decided, strict=True) if not d] == list(range(38, 51))
    undecided = {b.number for b, d in zip(earlier, lineage.decided(evidence, kept, 1), strict=True) if not d}
    assert 66 in undecided  # compliance: Lausanne 49, among those withheld, could carry it on
    assert lineage.decided(evidence, lineage.reviews(asserted), 1).all()  # with every review, all are decided


def test_lineage_scores_on_the_dev_half_hold_their_measured_floor(built):
    from bench.lineage import cross_validated, published

    scores, relations, errors, new_right, new_gold = published(built.graphs["derived"])
    # the published lineage of the 25 dev actions is the reviewed one (documents/005 holds their readings)
    assert scores.gold == 34  # bench/lineage-dev.json: 34 links for 25 Lausanne actions
    assert scores.precision >= 0.9 and scores.recall >= 0.85, errors
    assert new_right == new_gold == 6
    # the computed layer alone, 5-fold cross-validated: measured with `python bench/lineage.py`
    # (docs/benchmarks/lineage.md) at precision 0.61, recall 0.50; a change that loses ground fails here
    computed, reliability, _ = cross_validated(built.graphs["asserted"])
    at = computed[lineage.PUBLISH]
    assert at.precision >= 0.55 and at.recall >= 0.45, (at.precision, at.recall)
    # calibrated: in the bins with pairs enough to tell, the share linked is near the mean probability
    for _, _, n, mean, share in reliability:
        if n >= 10:
            assert abs(mean - share) <= 0.2, reliability


def test_a_dropped_and_a_new_action_say_so(built, iris):
    derived = built.graphs["derived"]
    # documents/005: no Vientiane action continues Lausanne 4 (gender and diversity in implementation)
    assert str(derived.value(iris.action("lap", 4), CCM.continuation)).endswith("/new")
    assert float(derived.value(iris.action("lap", 4), CCM.probabilityNothingContinues)) == 1
    # 001 #53, the President's work programme for the Second Meeting (2011): nothing in Lausanne carries it on
    assert str(derived.value(iris.action("vap", 53), CCM.continuation)).endswith("/dropped")
    assert 0 < float(derived.value(iris.action("vap", 53), CCM.probabilityNothingContinues)) <= 1
    # every Lausanne action has a review (documents/005), so the reviews decide what continues every action
    assert {str(o).rsplit("/", 1)[-1] for o in derived.objects(None, CCM.continuationBasis)} == {"reviewed"}
    # every action of both plans is one or the other
    for action in built.graphs["asserted"].subjects(RDF.type, CCM.Action):
        assert derived.value(action, CCM.continuation) is not None, action


def test_lineage_says_what_changed(built, iris):
    derived, asserted = built.graphs["derived"], built.graphs["asserted"]
    node = iris.lineage(iris.action("lap", 18), iris.action("vap", 12))
    assert (node, RDF.type, CCM.Lineage) in derived
    # 001 action 12: "within one year of entry into force"; 003 action 18: "within two years of entry into
    # force for new States Parties" (and by 2023 for the others): the shortest time allowed grew
    before = {str(asserted.value(d, RDFS.label)) for d in derived.objects(node, CCM.deadlineBefore)}
    assert before == {"Within one year of entry into force for that State Party"}
    assert len(list(derived.objects(node, CCM.deadlineAfter))) == 2
    # one change: the limit both count from entry into force allows two years where it allowed one
    assert [str(c).rsplit("/", 1)[-1] for c in derived.objects(node, CCM.deadlineChange)] == ["relaxed"]
    # 001 12 "Endeavour to ...": best efforts; 003 18 "... to the extent possible": qualified
    assert str(derived.value(node, CCM.strengthBefore)).endswith("/best-efforts")
    assert str(derived.value(node, CCM.strengthAfter)).endswith("/qualified")
    assert str(derived.value(node, CCM.strengthChange)).endswith("/stronger")
    assert str(derived.value(node, CCM.addresseeChange)).endswith("/changed")
    # every link has a relation, a text similarity, and what changed in strength and addressees
    for link in derived.subjects(RDF.type, CCM.Lineage):
        for p in (CCM.lineageRelation, CCM.textSimilarity, CCM.addresseeChange):
            assert derived.value(link, p) is not None, (link, p)


def test_a_bad_entry_into_force_table_is_reported(tmp_path):
    table = tmp_path / "eif.csv"
    table.write_text("state,entry_into_force\nLAO,2010-08-01\nLaos,1 August 2010\n")
    result = ccmkg("build", "--entry-into-force", str(table), "--out", str(tmp_path / "b"))
    assert result.returncode == 2 and f"{table}:3:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow  # parses or builds the whole dataset
def test_the_example_table_builds(tmp_path):
    from graph.sources import PROJECT_ROOT

    example = PROJECT_ROOT / "docs" / "entry-into-force.example.csv"
    result = ccmkg("build", "--entry-into-force", str(example), "--out", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
