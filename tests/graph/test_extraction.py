"""What the graph says, checked against the documents. Each expected number or text is read
off the document, at the place the comment gives."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from graph.vocab import CCM
from tests.support.graphs import select


def instances(kg, cls) -> set:
    return set(kg.subjects(RDF.type, cls))


def test_vientiane_plan_has_66_actions_each_from_both_printings(kg, built, iris):
    # 001: "Action #1" ... "Action#66" (last, under "Compliance"); 002 Annex II repeats them 1-66.
    actions = {a for a in instances(kg, CCM.Action) if (a, CCM.inPlan, iris.plan("vap")) in kg}
    assert actions == {iris.action("vap", n) for n in range(1, 67)}
    prov = built.graphs["provenance"]
    for a in actions:
        files = {str(s).split("/source/")[1].split("/")[0] for s in prov.objects(a, CCM.extractedFrom)}
        assert files == {"001", "002"}, a


def test_lausanne_plan_has_50_actions_each_printed_twice(kg, built, iris):
    # 003: "Action 1" ... "Action 50" in the plan, and again as rows "1." ... "50." of the indicator tables.
    actions = {a for a in instances(kg, CCM.Action) if (a, CCM.inPlan, iris.plan("lap")) in kg}
    assert actions == {iris.action("lap", n) for n in range(1, 51)}
    prov = built.graphs["provenance"]
    for a in actions:
        assert len(set(prov.objects(a, CCM.extractedFrom))) == 2, a


def test_every_entity_once(kg):
    # one IRI per action number, per article number, per ISO code: no duplicates under two names
    rows = select(
        kg,
        "SELECT ?plan ?n (COUNT(?a) AS ?c) WHERE { ?a ccm:inPlan ?plan ; ccm:actionNumber ?n }"
        " GROUP BY ?plan ?n HAVING (COUNT(?a) > 1)",
    )
    assert rows == []
    rows = select(
        kg, "SELECT ?code (COUNT(?s) AS ?c) WHERE { ?s ccm:iso3166 ?code } GROUP BY ?code HAVING (COUNT(?s) > 1)"
    )
    assert rows == []


def test_vientiane_introduction_is_one_set_of_paragraphs_from_three_files(built, iris):
    # 000 "## I. Introduction" paragraphs 1-5; 001 "I. Introduction" 1-5; 002 Annex II "I. Introduction" 1-5
    prov = built.graphs["provenance"]
    for n in range(1, 6):
        files = {
            str(s).split("/source/")[1].split("/")[0] for s in prov.objects(iris.intro("vap", n), CCM.extractedFrom)
        }
        assert files == {"000", "001", "002"}


def test_convention_has_23_articles_with_titles(kg, iris):
    articles = instances(kg, CCM.Article)
    assert articles == {iris.provision((str(n),)) for n in range(1, 24)}
    # 003, "Article 4" then its title line
    assert kg.value(iris.provision(("4",)), CCM.title) == Literal(
        "Clearance and destruction of cluster munition remnants and risk reduction education", lang="en"
    )
    assert kg.value(iris.provision(("23",)), CCM.title) == Literal("Authentic texts", lang="en")


def test_paragraphs_and_sub_paragraphs(kg, iris):
    # Article 4, paragraph 6 has sub-paragraphs a-i (the 'i.' is a letter after 'h.', not a roman one)
    subs = {str(o).rsplit("/", 1)[1] for o in kg.subjects(CCM.partOf, iris.provision(("4", "6")))}
    assert subs == set("abcdefghi")
    # Article 2, paragraph 2 (c) has the five characteristics i-v
    clauses = {str(o).rsplit("/", 1)[1] for o in kg.subjects(CCM.partOf, iris.provision(("2", "2", "c")))}
    assert clauses == {"i", "ii", "iii", "iv", "v"}
    # Article 7, paragraph 1 has a-n; (h) goes on after a page break ("- and quantity of each type ...")
    assert len(set(kg.subjects(CCM.partOf, iris.provision(("7", "1"))))) == 14
    h = str(kg.value(iris.provision(("7", "1", "h")), CCM.text))
    assert h.endswith(
        "and quantity of each type of cluster munition remnant in each such area and when they were used;"
    )
    # Article 3, paragraph 5 continues in an unnumbered block ("The States Parties may decide ...")
    assert "may decide to grant a shorter extension" in str(kg.value(iris.provision(("3", "5")), CCM.text))


def test_article_2_definitions_are_defined_terms(kg, iris):
    # Article 2: 15 numbered definitions, from "Cluster munition victims" to "Unexploded bomblet"
    terms = {str(kg.value(t, SKOS.prefLabel)) for t in instances(kg, CCM.DefinedTerm)}
    assert len(terms) == 15
    assert {
        "Cluster munition victims",
        "Cluster munition",
        "Explosive submunition",
        "Transfer",
        "Dispenser",
        "Unexploded bomblet",
        "Self-deactivating",
        "Cluster munition contaminated area",
    } <= terms
    term = iris.term("Cluster munition")
    assert str(term).endswith("/id/term/cluster-munition")
    assert str(kg.value(term, SKOS.definition)).startswith("“Cluster munition” means a conventional munition")
    assert kg.value(term, CCM.definedIn) == iris.provision(("2", "2"))


def test_article_1_prohibitions(kg, iris):
    # Article 1.1: "Each State Party undertakes never under any circumstances to: a. Use ...; b. ...; c. ..."
    for sub in "abc":
        ob = iris.obligation(("1", "1", sub), 1)
        assert (ob, RDF.type, CCM.Prohibition) in kg
        assert (ob, CCM.bearer, iris.category("All States Parties")) in kg
    assert "never under any circumstances to Use cluster munitions" in str(
        kg.value(iris.obligation(("1", "1", "a"), 1), CCM.text)
    )


def test_permissions_and_duties_are_distinguished(kg, iris):
    # Article 3.6: "... is permitted."; Article 6.1 "has the right to seek and receive assistance"
    assert (iris.obligation(("3", "6"), 1), RDF.type, CCM.Permission) in kg
    assert (iris.obligation(("6", "1"), 1), RDF.type, CCM.Permission) in kg
    # Article 5.2 (e) "Not discriminate against ..." under "each State Party shall:"
    assert (iris.obligation(("5", "2", "e"), 1), RDF.type, CCM.Prohibition) in kg
    assert (iris.obligation(("5", "2", "g"), 1), RDF.type, CCM.Duty) in kg
    # Article 6.2 "Each State Party in a position to do so shall provide ..."
    assert (iris.obligation(("6", "2"), 1), CCM.bearer, iris.category("States Parties in a position to do so")) in kg
    # Article 7.3 "The Secretary-General of the United Nations shall transmit ..."
    assert (iris.obligation(("7", "3"), 1), CCM.bearer, iris.category("Secretary-General of the United Nations")) in kg


def deadline(kg, owner):
    return [
        (
            str(row[0]) if row[0] else None,
            str(row[1]).rsplit("/", 1)[1] if row[1] else None,
            str(row[2]).rsplit("/", 1)[1] if row[2] else None,
            str(row[3]) if row[3] else None,
            str(row[4]) if row[4] else None,
        )
        for row in select(
            kg,
            f"""SELECT ?d ?anchor ?meeting ?year ?day WHERE {{
            <{owner}> ccm:hasDeadline ?x .
            OPTIONAL {{ ?x time:hasXSDDuration ?d }} OPTIONAL {{ ?x ccm:anchorEvent ?anchor }}
            OPTIONAL {{ ?x ccm:atMeeting ?meeting }} OPTIONAL {{ ?x ccm:year ?year }}
            OPTIONAL {{ ?x ccm:dayOfYear ?day }} }}""",
        )
    ]


def test_convention_time_limits(kg, iris):
    # Article 3.2: "not later than eight years after the entry into force of this Convention for that State Party"
    assert [d[:2] for d in deadline(kg, iris.obligation(("3", "2"), 1))] == [
        ("P8Y", "entry-into-force-for-state-party")
    ]
    # Article 7.1: "not later than 180 days after the entry into force ..."
    assert [d[:2] for d in deadline(kg, iris.obligation(("7", "1"), 1))] == [
        ("P180D", "entry-into-force-for-state-party")
    ]
    # Article 7.2: "not later than 30 April of each year"
    assert ("--04-30") in [d[4] for d in deadline(kg, iris.obligation(("7", "2"), 1))]
    # Article 4.1 (a): ten years "from that date", the date of entry into force for that State Party
    assert [d[:2] for d in deadline(kg, iris.obligation(("4", "1", "a"), 1))] == [
        ("P10Y", "entry-into-force-for-state-party")
    ]
    # Article 4.1 (b): ten years after the end of the active hostilities
    assert [d[:2] for d in deadline(kg, iris.obligation(("4", "1", "b"), 1))] == [("P10Y", "end-of-active-hostilities")]


def test_plan_deadlines(kg, iris):
    # Vientiane action #21: "within six months of the Convention's entry into force for that State Party"
    assert [d[:2] for d in deadline(kg, iris.action("vap", 21))] == [("P6M", "entry-into-force-for-state-party")]
    # Vientiane action #10: "Increase in 2011 their capacities"
    assert [d[3] for d in deadline(kg, iris.action("vap", 10))] == ["2011"]
    # Vientiane action #3: "in time for the Second Meeting of States Parties"
    assert [d[2] for d in deadline(kg, iris.action("vap", 3))] == ["2msp"]
    # Lausanne actions 18 and 47: "the Eleventh Meeting of States Parties in 2022"
    # (or "within two years of entry into force for new States Parties")
    for n in (18, 47):
        found = deadline(kg, iris.action("lap", n))
        assert (None, None, "11msp", "2022", None) in found
        assert ("P2Y", "entry-into-force-for-state-party", None, None, None) in found
    assert kg.value(iris.meeting("11msp"), CCM.year) == Literal("2022", datatype=XSD.gYear)


def test_addressees_come_from_the_chapeaux(kg, iris):
    # 001 line "States Parties in a position to do so should undertake the following:" before Action#37-#42,
    # and "States Parties in a position to do so will:" before Action #57
    in_position = iris.category("States Parties in a position to do so")
    addressed = {
        int(kg.value(a, CCM.actionNumber))
        for a in kg.subjects(CCM.addressee, in_position)
        if "/vap/" in str(a) and (a, RDF.type, CCM.Action) in kg
    }
    assert addressed == {37, 38, 39, 40, 41, 42, 57}
    # "States Parties with cluster munition stockpiles will:" before actions #8 and #9
    stockpiles = iris.category("States Parties with cluster munition stockpiles")
    actions = {a for a in kg.subjects(CCM.addressee, stockpiles) if (a, RDF.type, CCM.Action) in kg}
    assert actions == {iris.action("vap", 8), iris.action("vap", 9)}
    # Lausanne, Victim assistance: "States Parties with cluster munition victims ... and where applicable
    # donor States Parties will:" addresses two categories
    assert len(set(kg.objects(iris.action("lap", 31), CCM.addressee))) == 2
    # the Convention's "Each State Party in a position to do so" is the same category
    assert (iris.obligation(("6", "5"), 1), CCM.bearer, in_position) in kg


def test_cited_articles(kg, iris):
    # Vientiane action #18: "Article 4, paragraph 1" and "Article 4, paragraphs 5 to 8"
    cited = set(kg.objects(iris.action("vap", 18), CCM.cites))
    assert cited == {iris.provision(("4", n)) for n in ("1", "5", "6", "7", "8")}
    # Lausanne action 25: "Article 4" and "Article 4.1 (a)"
    assert set(kg.objects(iris.action("lap", 25), CCM.cites)) == {
        iris.provision(("4",)),
        iris.provision(("4", "1", "a")),
    }
    # Article 3.7: "Notwithstanding the provisions of Article 1" and "paragraph 6 of this Article"
    assert set(kg.objects(iris.provision(("3", "7")), CCM.cites)) == {
        iris.provision(("1",)),
        iris.provision(("3", "6")),
    }
    # inverse, inferred: which Vientiane actions cite Article 7 (#12, #19, #58, #59, #64)
    citing = {
        int(str(a).rsplit("/", 1)[1])
        for a in kg.objects(iris.provision(("7",)), CCM.citedBy)
        if "/vap/action/" in str(a) and (a, RDF.type, CCM.Action) in kg
    }
    assert citing == {12, 19, 58, 59, 64}


def test_each_indicator_is_attached_to_its_own_action(kg, iris):
    # 003, Indicators: 77 paragraphs "The number ..." / "The increase ..." across the tables
    assert len(instances(kg, CCM.Indicator)) == 77
    # row "11." (pipe table): four indicators, the first "The number of confirmed cases of cluster munitions’ use"
    ind = list(kg.subjects(CCM.indicatorOf, iris.action("lap", 11)))
    assert len(ind) == 4
    assert (
        str(kg.value(iris.indicator("lap", 11, 1), CCM.text))
        == "The number of confirmed cases of cluster munitions’ use"
    )
    # row "43." : "... by 30 April each year."
    assert "by 30 April each year" in str(kg.value(iris.indicator("lap", 43, 1), CCM.text))
    # row "47." (plain paragraphs): two indicators
    assert len(set(kg.objects(iris.action("lap", 47), CCM.hasIndicator))) == 2
    # row "1." (tab-separated cells): two indicators
    assert len(set(kg.objects(iris.action("lap", 1), CCM.hasIndicator))) == 2


def test_lettered_items_and_footnotes(kg, iris):
    # Lausanne action 11: "- A** discouraging ..." to "- D** engaging ..."
    items = set(kg.objects(iris.action("lap", 11), CCM.hasItem))
    assert {str(i).rsplit("/", 1)[1] for i in items} == {"a", "b", "c", "d"}
    # Lausanne action 1 carries footnote ²: "The States Parties have defined national ownership ..."
    assert str(kg.value(iris.action("lap", 1), CCM.footnote)).startswith(
        "The States Parties have defined national ownership"
    )
    assert "²" not in str(kg.value(iris.action("lap", 1), CCM.text))


def test_pdf_quirks_are_repaired(kg, iris):
    # 001: "Action #5Acknowledge the obstacles" and "non- affected" (002: "non-affected")
    assert str(kg.value(iris.action("vap", 5), CCM.text)).startswith("Acknowledge the obstacles")
    assert "non-affected states" in str(kg.value(iris.action("vap", 1), CCM.text))


def test_themes_and_sections(kg, iris):
    va = iris.theme("Victim assistance")
    assert str(va).endswith("/id/theme/victim-assistance")
    # "VI. Victim assistance" (Vientiane #20-#32) and "Victim assistance" (Lausanne 31-37)
    themed = {a for a in kg.subjects(CCM.theme, va) if (a, RDF.type, CCM.Action) in kg}
    assert themed == {iris.action("vap", n) for n in range(20, 33)} | {iris.action("lap", n) for n in range(31, 38)}
    # Lausanne "Survey and clearance" and Vientiane "V. Clearance and destruction ..." share a theme
    assert kg.value(iris.action("lap", 18), CCM.theme) == kg.value(iris.action("vap", 12), CCM.theme)


def test_first_meeting_participants_by_status(kg, iris):
    def states(status: str) -> set:
        return {
            str(r[0]).rsplit("/", 1)[1]
            for r in select(
                kg,
                f"""SELECT ?s WHERE {{
            ?p ccm:inMeeting <{iris.meeting("1msp")}> ; ccm:participant ?s ;
               ccm:participationStatus/skos:prefLabel "{status}"@en . ?s a ccm:State }}""",
            )
        }

    # 002 paragraph 7: 33 States Parties, from Albania to Zambia
    parties = states("State Party")
    assert len(parties) == 33 and {"ALB", "LAO", "MKD", "GBR", "ZMB", "VAT", "MDA"} <= parties
    # paragraph 8: ratified but not yet in force: Antigua and Barbuda ... Monaco (7)
    assert states("Ratified, not yet in force") == {"ATG", "BIH", "COM", "GTM", "LBN", "MLI", "MCO"}
    # paragraph 9: 47 signatories, as observers
    signatories = states("Signatory State")
    assert len(signatories) == 47 and {"AFG", "CIV", "COD", "STP", "TZA", "CHE"} <= signatories
    # paragraph 10: 34 other observer States, from Argentina to Zimbabwe
    observers = states("Observer State")
    assert len(observers) == 34 and {"ARG", "SWZ", "LBY", "PSE", "TUR", "VNM", "ZWE"} <= observers
    # no state in two lists: 121 distinct states took part
    assert len(parties | signatories | observers) + 7 == 121
    attended = set(kg.subjects(CCM.attended, iris.meeting("1msp")))
    assert len([a for a in attended if (a, RDF.type, CCM.State) in kg]) == 121


def test_first_meeting_organisations_by_rule(kg, iris):
    rows = select(
        kg,
        f"""SELECT ?rule (COUNT(?o) AS ?n) WHERE {{ ?p ccm:inMeeting <{iris.meeting("1msp")}> ;
        ccm:participant ?o ; ccm:underRule ?rule . ?o a ccm:Organisation }} GROUP BY ?rule ORDER BY ?rule""",
    )
    # paragraphs 11 (7 UN bodies) and 12 (ICRC, IFRC, GICHD, CMC) under Rule 1(2); paragraph 13: 9 under Rule 1(3)
    assert [(str(r), int(n)) for r, n in rows] == [("Rule 1(2)", 11), ("Rule 1(3)", 9)]
    assert (iris.org("unoda"), RDF.type, CCM.UNBody) in kg
    assert kg.value(iris.org("gichd"), RDFS.label) == Literal(
        "Geneva International Centre for Humanitarian Demining", lang="en"
    )


def test_officers(kg, iris):
    def holders(office: URIRef) -> set:
        return {str(kg.value(h, RDFS.label)) for h in kg.objects(office, CCM.heldBy)}

    # paragraph 15: President; paragraph 16: four Vice-Presidents; paragraph 17: Secretary-General
    assert holders(iris.office("1msp", "President")) == {"Thongloun Sisoulith"}
    assert holders(iris.office("1msp", "Vice-President")) == {"Belgium", "Japan", "Mexico", "Zambia"}
    assert holders(iris.office("1msp", "Secretary-General")) == {"Peter Kolarov"}
    # paragraph 15: ten Friends of the President, each with a topic
    friends = select(
        kg,
        """SELECT ?state ?topic WHERE { ?o ccm:role/skos:prefLabel "Friend of the President"@en ;
        ccm:heldBy/rdfs:label ?state ; ccm:topic/skos:prefLabel ?topic }""",
    )
    assert len(friends) == 10
    assert (Literal("Norway", lang="en"), Literal("Vientiane Action Plan", lang="en")) in friends
    # paragraph 28: President of the Second Meeting; paragraph 14: Chairperson of the preparatory meeting
    assert holders(iris.office("2msp", "President")) == {"Ali Al-Chami"}
    assert holders(iris.office("1msp-preparatory", "Chairperson")) == {"Gerard Corr"}
    assert kg.value(iris.meeting("1msp"), CCM.president) == iris.person("Thongloun Sisoulith")


def test_meetings(kg, iris):
    from rdflib.namespace import SDO

    # paragraph 6: held at Vientiane from 9 to 12 November 2010; paragraph 28: Beirut, 12 to 16 September 2011
    m = iris.meeting("1msp")
    assert (kg.value(m, SDO.startDate), kg.value(m, SDO.endDate)) == (
        Literal("2010-11-09", datatype=XSD.date),
        Literal("2010-11-12", datatype=XSD.date),
    )
    assert kg.value(m, CCM.hostCountry) == iris.state("LAO")
    assert str(kg.value(iris.meeting("2msp"), CCM.place)) == "Beirut"
    assert kg.value(iris.meeting("2msp"), CCM.hostCountry) == iris.state("LBN")
    # paragraph 25: intersessional meeting in Geneva, Switzerland from 27 to 30 June 2011
    assert kg.value(iris.meeting("1msp-intersessional"), SDO.startDate) == Literal("2011-06-27", datatype=XSD.date)
    # Lausanne Declaration paragraph 1: "gathered in Lausanne in November 2020 for its Second Review Conference"
    assert str(kg.value(iris.meeting("2rc"), CCM.place)) == "Lausanne"
    assert (iris.declaration("lausanne"), CCM.adoptedAt, iris.meeting("2rc")) in kg
    # paragraph 21: "the Meeting adopted the Vientiane Declaration ... and the Vientiane Action Plan"
    assert (iris.plan("vap"), CCM.adoptedAt, m) in kg and (iris.declaration("vientiane"), CCM.adoptedAt, m) in kg


def test_decisions_and_document_symbols(kg, iris):
    # Section IV, paragraphs 21-30, are the meeting's decisions
    decisions = instances(kg, CCM.Decision)
    assert decisions == {iris.report_paragraph("1msp", n) for n in range(21, 31)}
    # paragraph 20: "CCM/MSP/2010/1 to CCM/MSP/2010/4 and CCM/MSP/2010/WP.1 to CCM/MSP/2010/WP.6"
    cited = {str(kg.value(d, CCM.symbol)) for d in kg.objects(iris.report_paragraph("1msp", 20), CCM.citesDocument)}
    assert cited == {f"CCM/MSP/2010/{n}" for n in range(1, 5)} | {f"CCM/MSP/2010/WP.{n}" for n in range(1, 7)}
    # paragraph 2: "By resolution A/RES/64/36, dated 2 December 2009"
    assert kg.value(iris.symbol("A/RES/64/36"), URIRef("http://purl.org/dc/terms/date")) == Literal(
        "2009-12-02", datatype=XSD.date
    )


def test_declarations_paragraph_by_paragraph_with_figures(kg, iris):
    # Annex I: 12 paragraphs, paragraph 12 with items a-f; Lausanne Declaration: 18 paragraphs
    def paragraphs(key):
        return set(kg.subjects(CCM.partOf, iris.declaration(key))) & instances(kg, CCM.DeclarationParagraph)

    assert len(paragraphs("vientiane")) == 12 and len(paragraphs("lausanne")) == 18
    assert len(set(kg.objects(iris.declaration_paragraph("vientiane", 12), CCM.hasItem))) == 6
    # Lausanne paragraph 3: "Nearly 1.5 million stockpiled cluster munitions containing 178 million sub-munitions"
    figures = select(
        kg,
        f"""SELECT ?v ?unit WHERE {{ <{iris.declaration_paragraph("lausanne", 3)}> ccm:statesFigure
        [ schema:value ?v ; schema:unitText ?unit ] }}""",
    )
    values = {(v.toPython(), str(u)) for v, u in figures}
    assert (178_000_000, "sub-munitions") in values and (1_500_000, "stockpiled cluster munitions") in values
    # Vientiane paragraph 9: "the 108 States that have signed" and "the [46] States that have ratified it"
    values = {
        v.toPython()
        for (v,) in select(
            kg,
            f"""SELECT ?v WHERE {{
        <{iris.declaration_paragraph("vientiane", 9)}> ccm:statesFigure/schema:value ?v }}""",
        )
    }
    assert values == {108, 46}


def test_convention_dates_and_isu(kg, iris):
    # 003, booklet: "Adopted on 30 May 2008 in Dublin ... entered into force on 1 August 2010."
    assert kg.value(iris.convention(), CCM.entryIntoForce) == Literal("2010-08-01", datatype=XSD.date)
    # "The Unit has a mandate to:" seven tasks
    assert len(set(kg.objects(iris.org("isu"), CCM.mandate))) == 7


def test_an_action_names_themes_beside_its_sections(kg, iris):
    # 001 "V. Clearance and destruction ...": #17 "Develop and provide risk reduction education programmes"
    assert kg.value(iris.action("vap", 17), CCM.theme) == iris.theme("Clearance")
    assert set(kg.objects(iris.action("vap", 17), CCM.namesTheme)) == {iris.theme("Risk education")}
