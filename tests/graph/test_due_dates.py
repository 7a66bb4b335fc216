"""What each State owes, and when: only what the texts impose, within each plan's own span, with the
situation a duty binds in, and nothing after a withdrawal. Expected dates are computed by hand from the
depositary's table (004, `tests/support/depositary.py`) and the Convention's and the plans' words (003)."""

from __future__ import annotations

import datetime as dt

from rdflib import RDF, RDFS, SKOS, URIRef

from graph.sources import DOCUMENTS_DIR, SOURCE_FILES
from graph.vocab import CCM
from tests.support import depositary


def _dues(built, owner: URIRef) -> dict[str, list[dt.date]]:
    """State code -> the due dates of every time limit `owner` states."""
    asserted, derived = built.graphs["asserted"], built.graphs["derived"]
    out: dict[str, list[dt.date]] = {}
    for deadline in asserted.objects(owner, CCM.hasDeadline):
        for due in derived.subjects(CCM.ofDeadline, deadline):
            state = derived.value(due, CCM.forState)
            if state is not None:
                code = str(asserted.value(state, CCM.iso3166))
                out.setdefault(code, []).append(derived.value(due, CCM.dueOn).toPython())
    return {code: sorted(days) for code, days in out.items()}


def test_the_annual_article_7_update_falls_due_each_30_april(built, iris):
    # Article 7(2): "updated by the States Parties annually, covering the last calendar year, and reported
    # ... not later than 30 April of each year"; the first after the initial report, which 7(1) wants
    # "not later than 180 days after the entry into force of this Convention for that State Party"
    update = iris.obligation(("7", "2"), 1)
    dues = _dues(built, update)
    rows = {r.iso3: r for r in depositary.rows()}
    # listed through the year after the latest date of the table, or of an entry into force it gives
    horizon = max(d for r in rows.values() for d in (r.signature, r.consent, r.entry_into_force) if d).year + 1
    for code in ("LAO", "AFG", "VUT"):
        initial = rows[code].entry_into_force + dt.timedelta(days=180)
        first = initial.year if dt.date(initial.year, 4, 30) > initial else initial.year + 1
        assert dues[code] == [dt.date(y, 4, 30) for y in range(first, horizon + 1)], code
    # Lao PDR: in force 2010-08-01, initial report by 2011-01-28, first update by 2011-04-30
    assert dues["LAO"][0] == dt.date(2011, 4, 30)
    # a State that has withdrawn owes no update once its withdrawal has taken effect (Lithuania: 2025-03-06)
    assert dues["LTU"] and max(dues["LTU"]) < rows["LTU"].withdrawal_effect


def test_no_vientiane_due_date_after_the_first_review_conference(built, iris):
    # 001 paragraph 4: "actions to be undertaken prior to the First Review Conference"; Article 12(1): a
    # Review Conference "five years after the entry into force of this Convention" (1 August 2010)
    asserted, derived = built.graphs["asserted"], built.graphs["derived"]
    plan = iris.plan("vap")
    assert asserted.value(plan, CCM.undertakenBefore) == iris.meeting("1rc")
    assert str(derived.value(plan, CCM.endsOn)) == "2015-08-01"
    adopted = asserted.value(plan, CCM.adopted).toPython()
    found = 0
    for action in asserted.subjects(CCM.inPlan, plan):
        for code, days in _dues(built, action).items():
            found += len(days)
            assert all(adopted <= d <= dt.date(2015, 8, 1) for d in days), (action, code, days)
            assert code != "VUT"  # in force for Vanuatu from 2026-03-01
    assert found > 0


def test_lausanne_new_states_parties_limits_only_for_states_that_joined_within_the_plan(built, iris):
    # 003: "the period 2021-26"; action 18: "within two years of entry into force for new States Parties"
    asserted = built.graphs["asserted"]
    plan = iris.plan("lap")
    assert (str(asserted.value(plan, CCM.periodStart)), str(asserted.value(plan, CCM.periodEnd))) == ("2021", "2026")
    dues = _dues(built, iris.action("lap", 18))
    joined = {
        r.iso3
        for r in depositary.rows()
        if r.entry_into_force
        and dt.date(2021, 1, 1) <= r.entry_into_force <= dt.date(2026, 12, 31)
        and not (
            r.withdrawal_effect and r.withdrawal_effect <= r.entry_into_force.replace(year=r.entry_into_force.year + 2)
        )
    }
    assert set(dues) == joined and "VUT" in joined and "LAO" not in joined


def test_duties_that_bind_only_in_a_situation_say_so(built, iris):
    asserted, derived = built.graphs["asserted"], built.graphs["derived"]

    def conditions(path: tuple[str, ...], code: str) -> set[str]:
        deadline = iris.deadline(iris.obligation(path, 1), 1)
        due = iris.due_date(deadline, code)
        return {
            str(asserted.value(c, RDFS.label) or derived.value(c, RDFS.label)) for c in derived.objects(due, CCM.onlyIf)
        }

    # Article 3(2): "all cluster munitions referred to in paragraph 1" ("under its jurisdiction and control")
    assert conditions(("3", "2"), "AFG") == {"holds stockpiled cluster munitions"}
    # Article 4(1): "cluster munition remnants located in cluster munition contaminated areas under its jurisdiction
    # or control"
    assert conditions(("4", "1", "a"), "AFG") == {"has cluster munition contaminated areas"}
    # Article 7(1) binds every State Party
    assert conditions(("7", "1"), "AFG") == set()
    situation = next(asserted.objects(iris.obligation(("3", "2"), 1), CCM.onlyIf))
    assert (situation, RDF.type, CCM.Situation) in asserted and (situation, SKOS.inScheme, None) in asserted
    # Lausanne 18's two-year limit holds "for new States Parties"
    deadline = next(
        d for d in asserted.objects(iris.action("lap", 18), CCM.hasDeadline) if (d, CCM.appliesTo, None) in asserted
    )
    group = asserted.value(deadline, CCM.appliesTo)
    assert (iris.due_date(deadline, "VUT"), CCM.onlyIf, group) in derived


def test_each_duty_says_what_it_requires_in_its_own_words(built, iris):
    asserted = built.graphs["asserted"]
    requires = {path: str(asserted.value(iris.obligation(path, 1), CCM.requires)) for path in (("3", "2"), ("7", "1"))}
    # Article 3(2): "Each State Party shall destroy or ensure the destruction of all cluster munitions referred to
    # in paragraph 1 of this Article as soon as possible ..."
    assert requires[("3", "2")].startswith("destroy or ensure the destruction of all cluster munitions")
    assert requires[("7", "1")] == "report to the Secretary-General of the United Nations"
    # an action plan's imperative: Lausanne 18 "Identify the precise location, scope and extent ..."
    assert str(asserted.value(iris.action("lap", 18), CCM.requires)).startswith("identify the precise location")


def test_no_due_date_after_a_withdrawal_takes_effect(built, iris):
    derived = built.graphs["derived"]
    lithuania = iris.state("LTU")
    days = [derived.value(d, CCM.dueOn).toPython() for d in derived.subjects(CCM.forState, lithuania)]
    assert days and max(days) < dt.date(2025, 3, 6)


def test_status_intervals_give_each_states_status_on_a_date(built, iris):
    derived = built.graphs["derived"]
    for day in (dt.date(2010, 11, 12), dt.date(2015, 7, 24), dt.date(2025, 12, 31)):
        found: dict[str, int] = {}
        for interval in derived.subjects(RDF.type, CCM.StatusInterval):
            start = derived.value(interval, CCM.validFrom).toPython()
            until = derived.value(interval, CCM.validUntil)
            if start <= day and (until is None or day < until.toPython()):
                status = str(derived.value(interval, CCM.treatyStatus))
                found[status] = found.get(status, 0) + 1
        expected = {k: v for k, v in depositary.count(day, "entry-into-force").items() if v}
        assert found == expected, day


def test_today_names_and_the_old_ones_beside_them(built, iris):
    asserted = built.graphs["asserted"]
    # 004 names Eswatini and North Macedonia; the 2010 report (002) Swaziland and the former Yugoslav Republic
    eswatini = iris.state("SWZ")
    assert str(asserted.value(eswatini, RDFS.label)) == "Eswatini"
    assert "Swaziland" in {str(n) for n in asserted.objects(eswatini, SKOS.altLabel)}
    assert len(list(asserted.objects(eswatini, RDFS.label))) == 1


def test_a_provisional_application_names_its_scope(built, iris):
    # 004, Switzerland's row: "notification of provisional application of Article 1(1)(a)"
    row = next(line for line in (DOCUMENTS_DIR / SOURCE_FILES["004"]).read_text().splitlines() if ",CHE," in line)
    assert "Article 1(1)(a)" in row
    scope = built.graphs["asserted"].value(iris.treaty_action("CHE", "provisional-application"), CCM.provisionalScope)
    assert scope == iris.provision(("1", "1", "a"))
