"""The depositary's status table (004) as a fifth source: each State's treaty actions, the
Convention's entry into force for it (Article 17), its withdrawal's taking effect (Article 20(3)),
its due dates, and a cross-check against the First Meeting's report (002)."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD

from graph.sources import DOCUMENTS_DIR, SOURCE_FILES
from graph.vocab import CCM, OA
from tests.support.graphs import select


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def _eif(built, iris, code: str) -> str | None:
    value = built.graphs["derived"].value(iris.entry_into_force_for(code), CCM.effectiveOn)
    return str(value) if value is not None else None


def test_counts_equal_the_depositarys_header(kg):
    # 004 README, "Counts": Parties 112 and Signatories 107, leaving out the withdrawn row (Lithuania)
    withdrawn = set(kg.objects(None, CCM.actionBy)) & {
        kg.value(w, CCM.actionBy) for w in kg.subjects(RDF.type, CCM.Withdrawal)
    }
    consented = {kg.value(c, CCM.actionBy) for c in kg.subjects(RDF.type, CCM.ConsentToBeBound)}
    signed = {kg.value(c, CCM.actionBy) for c in kg.subjects(RDF.type, CCM.Signature)}
    assert len(consented - withdrawn) == 112
    assert len(signed - withdrawn) == 107
    kinds = {k: len(set(kg.subjects(RDF.type, k))) for k in (CCM.Ratification, CCM.Accession, CCM.Acceptance)}
    assert kinds == {CCM.Ratification: 94, CCM.Accession: 17, CCM.Acceptance: 2}  # README: 94 / 17 / 2


def test_entry_into_force_under_article_17(built, iris):
    convention = built.graphs["asserted"].value(iris.convention(), CCM.entryIntoForce)
    # Albania deposited on 2009-06-16 (row 2), among the first thirty: 17(1), the booklet's own date
    assert _eif(built, iris, "ALB") == str(convention) == "2010-08-01"
    # Afghanistan deposited on 2011-09-08 (row 1): 17(2), the first day of the sixth month after
    assert _eif(built, iris, "AFG") == "2012-03-01"
    # Vanuatu acceded on 2025-09-05 (the last row)
    assert _eif(built, iris, "VUT") == "2026-03-01"
    derived = built.graphs["derived"]
    assert derived.value(iris.entry_into_force_for("ALB"), CCM.underProvision) == iris.provision(("17", "1"))
    assert derived.value(iris.entry_into_force_for("AFG"), CCM.underProvision) == iris.provision(("17", "2"))


def test_due_dates_of_a_state(built, iris):
    # Afghanistan, in force for it from 2012-03-01: Article 7(1) "not later than 180 days", Article 3(2)
    # "not later than eight years", Article 4(1)(a) "not later than ten years"
    derived = built.graphs["derived"]
    expected = {("7", "1"): "2012-08-28", ("3", "2"): "2020-03-01", ("4", "1", "a"): "2022-03-01"}
    for path, due in expected.items():
        node = iris.due_date(iris.deadline(iris.obligation(path, 1), 1), "AFG")
        assert derived.value(node, CCM.dueOn) == _date(due), path


def test_withdrawal_takes_effect_when_the_depositary_says(built, iris):
    row = next(line for line in (DOCUMENTS_DIR / SOURCE_FILES["004"]).read_text().splitlines() if "LTU" in line)
    stated = re.search(r"withdrawal took effect (\d{4}-\d{2}-\d{2})", row).group(1)
    derived = built.graphs["derived"]
    assert derived.value(iris.withdrawal_effect("LTU"), CCM.effectiveOn) == _date(stated) == _date("2025-03-06")


def test_a_signatory_that_has_not_consented_has_no_dates(built, iris):
    angola = iris.state("AGO")  # row 4: signed 2008-12-03, no consent
    derived = built.graphs["derived"]
    assert _eif(built, iris, "AGO") is None
    assert not list(derived.subjects(CCM.forState, angola))
    assert (iris.treaty_action("AGO", "signature"), CCM.actionBy, angola) in built.graphs["asserted"]


def test_each_fact_points_to_its_row_and_column(built, iris):
    prov = built.graphs["provenance"]
    consent = iris.treaty_action("LTU", "consent")
    selectors = {
        str(prov.value(sel, RDF.value))
        for span in prov.objects(consent, CCM.extractedFrom)
        for sel in prov.objects(span, OA.hasSelector)
        if (sel, RDF.type, OA.FragmentSelector) in prov
    }
    # Lithuania is data row 67, record 68 of the file; consent_date and consent_type are columns 4 and 5
    assert selectors == {"cell=68,4", "cell=68,5"}
    source = iris.source_file("004")
    assert prov.value(source, URIRef("http://purl.org/dc/terms/valid")) == _date("2026-02-03")


def test_the_first_meetings_statuses_agree_with_the_depositary(kg, built, iris):
    """Each State the Final Document (002, paragraphs 7-9) lists by status, against its dates: a State
    Party had the Convention in force by the meeting; 'ratified, not yet in force' had deposited, but
    the Convention was not yet in force for it; a signatory had not yet consented."""
    start = dt.date.fromisoformat(str(kg.value(iris.meeting("1msp"), URIRef("https://schema.org/startDate"))))
    query = f"""SELECT ?code ?status WHERE {{
        ?p ccm:inMeeting <{iris.meeting("1msp")}> ; ccm:participant ?s ;
           ccm:participationStatus/skos:prefLabel ?status .
        ?s ccm:iso3166 ?code }}"""
    rows = select(kg, query)
    consents = {
        str(kg.value(kg.value(c, CCM.actionBy), CCM.iso3166)): kg.value(c, CCM.actionDate).toPython()
        for c in kg.subjects(RDF.type, CCM.ConsentToBeBound)
    }
    wrong = []
    for code, status in rows:
        code, status = str(code), str(status)
        eif = _eif(built, iris, code)
        in_force = eif is not None and dt.date.fromisoformat(eif) <= start
        consented = code in consents and consents[code] <= start
        ok = {
            "State Party": in_force,
            "Ratified, not yet in force": consented and not in_force,
            "Signatory State": not consented,
            "Observer State": not consented,
        }[status]
        if not ok:
            wrong.append(f"{code}: {status} at the meeting, but consent {consents.get(code)}, in force {eif}")
    assert len(rows) > 80 and not wrong, "\n".join(wrong)


def test_a_later_status_table_is_a_line_in_the_registry(tmp_path):
    """A sixth document of a known kind needs one more entry in documents/sources.toml, no code:
    here an older printing of the table (as at 22 June 2025, before Vanuatu acceded). The latest
    table gives the dates; a fact both state is one resource with a source in each."""
    import shutil

    from graph.build import build_dataset
    from graph.sources.registry import REGISTRY
    from graph.vocab import Iris

    docs = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, docs)
    table = (DOCUMENTS_DIR / SOURCE_FILES["004"]).read_text(encoding="utf-8")
    (docs / "006_status-2025.csv").write_text(
        "".join(line for line in table.splitlines(keepends=True) if not line.startswith("Vanuatu,")),
        encoding="utf-8",
    )
    (docs / "006_status-2025.README.md").write_text("STATUS AS AT : 22-06-2025\n", encoding="utf-8")
    with (docs / REGISTRY).open("a", encoding="utf-8") as registry:
        registry.write('\n[[source]]\nkey = "006"\nfile = "006_status-2025.csv"\nkind = "treaty-status"\n')
    built = build_dataset(docs)
    iris = Iris()
    prov, asserted = built.graphs["provenance"], built.graphs["asserted"]
    spans = {
        str(prov.value(s, OA.hasSource)) for s in prov.objects(iris.treaty_action("AFG", "consent"), CCM.extractedFrom)
    }
    assert spans == {str(iris.source_file("004")), str(iris.source_file("006"))}
    # Vanuatu's accession is only in the later table, which gives the graph its dates
    assert (iris.treaty_action("VUT", "consent"), CCM.actionBy, iris.state("VUT")) in asserted
    assert prov.value(iris.source_file("006"), URIRef("http://purl.org/dc/terms/valid")) == _date("2025-06-22")


def test_a_row_whose_code_is_not_iso_3166_stops_the_build_at_its_line(tmp_path):
    """`XXX` has the shape of an alpha-3 code and names no country: the build stops at its line instead
    of minting a State for it."""
    import shutil

    import pytest

    from graph.build import build_dataset
    from graph.sources import ParseError

    docs = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, docs)
    table = docs / SOURCE_FILES["004"]
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("Albania,ALB,"))
    lines[number - 1] = lines[number - 1].replace(",ALB,", ",XXX,")
    table.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ParseError) as error:
        build_dataset(docs)
    assert f"{table}:{number}:" in str(error.value) and "'XXX'" in str(error.value)
