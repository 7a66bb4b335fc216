"""The depositary's status table: each State's signature, consent to be bound (by its kind),
provisional application and withdrawal as dated treaty actions, each read from its cells."""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..parse.records import StatusRow
from ..vocab import CCM
from .base import Mapper, date

_CONSENT_CLASS = {
    "ratification": CCM.Ratification,
    "acceptance": CCM.Acceptance,
    "approval": CCM.Approval,
    "accession": CCM.Accession,
    "succession": CCM.ConsentToBeBound,
}


def map_treaty_status(m: Mapper) -> None:
    table = m.corpus.status
    # Article 22: "The Secretary-General of the United Nations is hereby designated as the Depositary"
    article_22 = next(p for p in m.corpus.convention.provisions if p.path == ("22",))
    depositary = m.entity(m.iris.depositary(), CCM.UNBody, "Secretary-General of the United Nations", article_22.span)
    source = m.iris.source_file(table.key)
    prov = m.provenance.graph
    prov.add((source, DCTERMS.creator, depositary))
    if table.address:
        prov.add((source, DCTERMS.source, URIRef(table.address)))
    if table.as_of:
        prov.add((source, DCTERMS.valid, Literal(table.as_of.isoformat(), datatype=XSD.date)))
    for row in table.rows:
        _row(m, row, depositary)
    latest = {row.iso3: row for row in table.rows}
    for older in m.corpus.older_status:
        # what an earlier table states the same way is the same fact with one more source
        older_source = m.iris.source_file(older.key)
        prov.add((older_source, DCTERMS.creator, depositary))
        if older.as_of:
            prov.add((older_source, DCTERMS.valid, Literal(older.as_of.isoformat(), datatype=XSD.date)))
        for row in older.rows:
            now = latest.get(row.iso3)
            if now is None:
                continue
            dates = {key: when for key, _, when, _, _ in _events(now)}
            for key, _, when, column, _ in _events(row):
                if when is not None and dates[key] == when:
                    cell = row.cells[column]
                    m.provenance.cell(m.iris.treaty_action(row.iso3, key), cell.span, cell.row, cell.column)


def _events(row: StatusRow) -> list[tuple[str, URIRef, object, str, str]]:
    """(IRI key, class, date, the column it is read from, label) of each treaty action a row lists."""
    consent_class = _CONSENT_CLASS.get(row.consent_type or "", CCM.ConsentToBeBound)
    return [
        ("signature", CCM.Signature, row.signature, "signature", "Signature"),
        ("consent", consent_class, row.consent, "consent_date", (row.consent_type or "").capitalize()),
        ("provisional-application", CCM.ProvisionalApplication, row.provisional, "notes", "Provisional application"),
        ("withdrawal", CCM.Withdrawal, row.withdrawal, "withdrawal_deposit", "Withdrawal"),
    ]


def _row(m: Mapper, row: StatusRow, depositary: URIRef) -> None:
    state = m.iris.state(row.iso3)
    if (state, RDF.type, CCM.State) not in m.graph:
        m.entity(state, CCM.State, row.state)
        m.add(state, CCM.iso3166, Literal(row.iso3))
    elif (name := Literal(row.state, lang="en")) not in set(m.graph.objects(state, RDFS.label)):
        # the depositary names a State as it is called today ("Eswatini", not the 2010 report's
        # "Swaziland"): its name is the label, the others' are alternative labels
        for old in list(m.graph.objects(state, RDFS.label)):
            m.graph.remove((state, RDFS.label, old))
            m.graph.add((state, SKOS.altLabel, old))
        m.graph.remove((state, SKOS.altLabel, name))
        m.graph.add((state, RDFS.label, name))
    cells = row.cells
    m.provenance.cell(state, cells["state"].span, cells["state"].row, cells["state"].column)
    events = [
        ("signature", CCM.Signature, row.signature, "signature", "Signature"),
        (
            "consent",
            _CONSENT_CLASS.get(row.consent_type or "", CCM.ConsentToBeBound),
            row.consent,
            "consent_date",
            (row.consent_type or "").capitalize(),
        ),
        ("provisional-application", CCM.ProvisionalApplication, row.provisional, "notes", "Provisional application"),
        ("withdrawal", CCM.Withdrawal, row.withdrawal, "withdrawal_deposit", "Withdrawal"),
    ]
    for key, cls, when, column, kind in events:
        if when is None:
            continue
        s = m.entity(m.iris.treaty_action(row.iso3, key), cls, f"{kind} by {row.state}")
        m.add(s, CCM.actionBy, state)
        m.add(s, CCM.actionOn, m.iris.convention())
        m.add(s, CCM.actionDate, date(when.isoformat()))
        m.add(s, DCTERMS.creator, depositary)
        cell = cells[column]
        m.provenance.cell(s, cell.span, cell.row, cell.column)
        if key == "provisional-application" and row.provisional_scope:
            m.add(s, CCM.provisionalScope, m.iris.provision(row.provisional_scope))
        if key == "consent":
            kind_cell = cells["consent_type"]
            m.provenance.cell(s, kind_cell.span, kind_cell.row, kind_cell.column)
