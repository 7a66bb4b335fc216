"""Dereferenceable IRIs, pages, search, downloads and VoID, against a real server."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import VOID

from graph.sources.examples import load_examples
from graph.vocab.external import sparql_prefixes
from tests.support.http import query, request

ACTION = "/id/lap/action/18"
IRI = "https://w3id.org/ccm/id/lap/action/18"
RDF_FORMATS = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/rdf+xml": ("rdf", "xml"),
    "application/n-triples": ("nt", "nt"),
}


def _triples(body: bytes, fmt: str, server: FlaskClient | str | None = None) -> set:
    g = Dataset() if fmt == "json-ld" else Graph()
    if fmt == "json-ld" and server is not None:
        # the document names its context by URL; in-process there is no URL to fetch, so use the
        # context the server publishes, as a client with a cached copy would
        doc = json.loads(body)
        doc["@context"] = json.loads(request(server, "GET", "/context.jsonld").body)["@context"]
        body = json.dumps(doc).encode()
    g.parse(data=body, format=fmt)
    return {(s, p, o) for s, p, o, *_ in (g.quads() if fmt == "json-ld" else g)}


def test_every_rdf_format_by_accept_and_suffix_gives_the_same_triples(server):
    sets = []
    for media, (suffix, fmt) in RDF_FORMATS.items():
        negotiated = request(server, "GET", ACTION, headers={"Accept": media})
        assert negotiated.status == 200 and negotiated.header("Content-Type").startswith(media)
        assert negotiated.header("Content-Location") == f"{ACTION}.{suffix}"
        assert "Accept" in negotiated.header("Vary")
        direct = request(server, "GET", f"{ACTION}.{suffix}")
        assert direct.status == 200 and direct.body == negotiated.body
        sets.append(_triples(negotiated.body, fmt, server))
    assert all(s == sets[0] for s in sets) and len(sets[0]) > 30
    subject = URIRef(IRI)
    # its own statements, asserted and inferred, the labels of what it links to, incoming links, provenance
    assert (subject, URIRef("https://w3id.org/ccm/ontology#actionNumber"), Literal(18)) in sets[0]
    assert (subject, URIRef("https://w3id.org/ccm/ontology#hasIndicator"), URIRef(IRI + "/indicator/1")) in sets[0]
    assert (URIRef(IRI + "/indicator/1"), URIRef("https://w3id.org/ccm/ontology#indicatorOf"), subject) in sets[0]
    assert any(p == URIRef("https://w3id.org/ccm/ontology#extractedFrom") for s, p, o in sets[0])


def test_asserted_and_inferred_are_distinguishable(server):
    trig = request(server, "GET", f"{ACTION}.trig")
    ds = Dataset()
    ds.parse(data=trig.body, format="trig")
    graphs = {str(c.identifier).rsplit("/", 1)[-1]: c for c in ds.graphs() if len(c)}
    assert {"asserted", "inferred", "provenance"} <= set(graphs)
    has_indicator = URIRef("https://w3id.org/ccm/ontology#hasIndicator")
    assert (URIRef(IRI), has_indicator, None) in graphs["inferred"]
    assert (URIRef(IRI), has_indicator, None) not in graphs["asserted"]
    page = request(server, "GET", ACTION, headers={"Accept": "text/html"}).text
    assert 'class="inferred"' in page and ">inferred<" in page


def test_negotiation_details(server):
    reply = request(server, "GET", ACTION, headers={"Accept": "text/turtle;q=0.5, application/rdf+xml"})
    assert reply.header("Content-Type").startswith("application/rdf+xml")
    browser = request(server, "GET", ACTION, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.header("Content-Type").startswith("text/html")
    links = browser.header("Link")
    for suffix in ("ttl", "jsonld", "rdf", "nt"):
        assert f'<{ACTION}.{suffix}>; rel="alternate"' in links
    assert request(server, "GET", ACTION, headers={"Accept": "image/png"}).status == 406
    etag = browser.header("ETag")
    again = request(server, "GET", ACTION, headers={"Accept": "text/html", "If-None-Match": etag})
    assert again.status == 304


def test_unknown_iris_are_404_in_html_and_rdf(server):
    html = request(server, "GET", "/id/lap/action/99", headers={"Accept": "text/html"})
    assert html.status == 404 and "text/html" in html.header("Content-Type") and "<h1>Not found</h1>" in html.text
    turtle = request(server, "GET", "/id/lap/action/99", headers={"Accept": "text/turtle"})
    assert turtle.status == 404 and turtle.header("Content-Type").startswith("text/turtle")
    assert len(Graph().parse(data=turtle.body, format="turtle")) == 0
    assert request(server, "GET", "/id/lap/action/99.ttl").status == 404


def test_action_page_shows_key_facts_text_links_and_source(server):
    page = request(server, "GET", ACTION, headers={"Accept": "text/html"}).text
    assert "<h1>Lausanne Action Plan, Action 18</h1>" in page
    assert "Identify the precise location, scope and extent" in page
    assert 'href="/id/lap/action/18/indicator/1"' in page  # its indicators
    assert 'href="/id/theme/clearance"' in page  # its theme
    # the chapeau names Article 4, and it is a link to it
    assert '<a href="/id/convention/article/4" class="ref">Article 4</a>' in page
    # the exact source quotes, linking to the document view
    assert "/documents/003?highlight=" in page
    # its key facts under headings in words; the property's own name in the link's title
    facts = re.search(r'<dl class="facts">(.*?)</dl>', page, re.S).group(1)
    headings = re.findall(r'<dt><a href="[^"]*" title="([^"]+)">([^<]+)</a></dt>', facts)
    assert ("https://w3id.org/ccm/ontology#inPlan", "Plan") in headings
    assert ("https://w3id.org/ccm/ontology#hasIndicator", "Measured by") in headings


def test_a_theme_page_opens_with_what_each_plan_commits_to_under_it(server):
    page = request(server, "GET", "/id/theme/victim-assistance", headers={"Accept": "text/html"}).text
    main = page[page.index("<main") :]
    # the earlier plan first; each heading counts the actions listed under it
    sections = re.findall(r"<section[^>]*>\s*<h2[^>]*>(.*?)</h2>(.*?)</section>", main, re.S)[:2]
    titles = [re.sub(r"<[^>]+>|\s+", " ", h).split(" (")[0].strip() for h, _ in sections]
    assert titles == ["In the Vientiane Action Plan", "In the Lausanne Action Plan"]
    for heading, body in sections:
        listed = re.findall(r'<li><a href="/id/(?:vap|lap)/action/\d+">', body)
        assert f"({len(listed)} actions)" in heading
    # 001 VI "Victim assistance", actions 20-32; 003 "Victim assistance (31-37)"
    assert all(f'href="/id/vap/action/{n}"' in sections[0][1] for n in range(20, 33))
    assert all(f'href="/id/lap/action/{n}"' in sections[1][1] for n in range(31, 38))
    assert main.index("In the Vientiane Action Plan") < main.index('id="source-h"')  # before its source quotes
    assert 'href="/lineage?theme=Victim+assistance#links"' in main


def test_incoming_links_are_grouped_counted_and_paged(server):
    page = request(server, "GET", "/id/meeting/1msp", headers={"Accept": "text/html"}).text
    # 002 paragraphs 7-13: 141 participations in the First Meeting, shown 20 at a time
    assert "(141)" in page
    key = quote("https://w3id.org/ccm/ontology#inMeeting", safe="")
    pager = re.search(r'<a rel="next" href="(\?incoming=[^"]+)"', page).group(1).replace("&amp;", "&")
    assert "inMeeting" in pager and "page=2" in pager
    first = set(re.findall(r'href="(/id/meeting/1msp/participation/[^"]+)"', page))
    second_page = request(server, "GET", "/id/meeting/1msp" + pager.split("#")[0]).text
    second = set(re.findall(r'href="(/id/meeting/1msp/participation/[^"]+)"', second_page))
    assert len(first) == len(second) == 20 and not first & second
    last = request(server, "GET", f"/id/meeting/1msp?incoming={key}&page=8").text
    assert "page 8 of 8" in last and len(set(re.findall(r'href="(/id/meeting/1msp/participation/[^"]+)"', last))) == 1
    assert request(server, "GET", f"/id/meeting/1msp?incoming={key}&page=x").status == 400


def test_document_view_highlights_the_span(server):
    page = request(server, "GET", ACTION, headers={"Accept": "text/html"}).text
    link = re.search(r'href="(/documents/003\?highlight=(\d+)-(\d+)[^"#]*#c\d+-\d+)"', page)
    doc = request(server, "GET", link.group(1).replace("&amp;", "&")).text
    marked = re.search(r"<mark>(.*?)</mark>", doc, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", marked).startswith("Action 18 Identify the precise location")
    assert f'id="c{link.group(2)}-{link.group(3)}"' in doc


def test_search_is_ranked_and_grouped(server):
    page = request(server, "GET", "/search?q=victim+assistance").text
    first = re.search(r'<li><a href="([^"]+)">([^<]+)</a>', page)
    assert first.group(2) in ("Victim assistance", "Article 5: Victim assistance")
    # one list by relevance, the kinds as facets that narrow it
    facets = dict(
        re.findall(
            r'<a href="/search\?q=victim\+assistance&amp;kind=([^"]+)"[^>]*>[^<]*<span class="count">(\d+)', page
        )
    )
    assert {"Theme", "Action", "Article"} <= set(facets), facets
    actions = request(server, "GET", "/search?q=victim+assistance&kind=Action").text
    kinds = re.findall(r'</a> <span class="kind">([^<]+)</span>', actions)
    assert set(kinds) == {"Action"} and len(kinds) == int(facets["Action"])
    suggestions = json.loads(request(server, "GET", "/search/suggest?q=lao").body)
    assert suggestions[0]["url"] == "/id/state/LAO"
    assert json.loads(request(server, "GET", "/search/suggest?q=%22%29%28*").body) == []  # FTS syntax is inert


@pytest.mark.slow  # parses or builds the whole dataset
def test_dumps_hold_the_build_with_checksums(server, dataset_file):
    manifest = json.loads((dataset_file.parent / "manifest.json").read_text())
    listing = request(server, "GET", "/dump").text
    assert "ccm.nq.gz" in listing and "ccm.trig.gz" in listing and "asserted.ttl.gz" in listing
    sums = dict(reversed(line.split("  ")) for line in request(server, "GET", "/dump/SHA256SUMS").text.splitlines())
    for name in ("ccm.nq.gz", "ccm.trig.gz"):
        body = request(server, "GET", f"/dump/{name}").body
        assert hashlib.sha256(body).hexdigest() == sums[name]
        ds = Dataset()
        ds.parse(data=gzip.decompress(body), format="nquads" if "nq" in name else "trig")
        assert len(ds) == sum(manifest["graphs"].values())


def test_void_statistics(server, dataset_file):
    manifest = json.loads((dataset_file.parent / "manifest.json").read_text())
    g = Graph().parse(
        data=request(server, "GET", "/.well-known/void", headers={"Accept": "text/turtle"}).body, format="turtle"
    )
    root = next(g.subjects(RDF.type, VOID.Dataset))
    assert int(g.value(root, VOID.triples)) == sum(manifest["graphs"].values())
    partitions = {
        g.value(p, VOID["class"]): int(g.value(p, VOID.entities)) for p in g.objects(root, VOID.classPartition)
    }
    assert partitions[URIRef("https://w3id.org/ccm/ontology#Action")] == 116
    # ontology, asserted, inferred, derived, provenance, examples
    assert len(list(g.objects(root, VOID.subset))) == 6
    assert (root, URIRef("http://purl.org/dc/terms/license"), None) in g


def test_lists_home_and_ontology(server):
    home = request(server, "GET", "/").text
    assert "/browse/lausanne-actions" in home
    lap = request(server, "GET", "/browse/lausanne-actions").text
    assert lap.count('href="/id/lap/action/') == 50 and "<h2>Survey and clearance" in lap
    onto = request(server, "GET", "/ontology").text
    assert 'id="Action"' in onto and "Instances</dt><dd>116" in onto


def test_literals_are_escaped_and_only_http_iris_are_links(tmp_path, make_app):
    hostile = tmp_path / "hostile.trig"
    hostile.write_text("""
    <https://w3id.org/ccm/graph/asserted> {
      <https://w3id.org/ccm/id/test/x> <http://www.w3.org/2000/01/rdf-schema#label> "<script>alert(1)</script>"@en ;
        <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(1)> , <https://example.org/ok> ;
        <https://w3id.org/ccm/ontology#text> "Article 4 & <b>bold</b>"@en .
    }""")
    base = make_app(DATA_FILE=str(hostile)).test_client()
    page = request(base, "GET", "/id/test/x", headers={"Accept": "text/html"}).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and 'href="https://example.org/ok"' in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    search = request(base, "GET", "/search?q=script").text
    assert "<script>alert" not in search
    assert request(base, "GET", "/search?q=%3Cscript%3E").status == 200


@pytest.mark.parametrize(
    "path", ["/graph/%00", "/id/lap/action/18%20x", "/id/%3Cscript%3E", "/id/a%22b", "/id/a%7Bb%7D"]
)
def test_paths_no_iri_may_hold_are_400_not_500(server, path):
    reply = request(server, "GET", path)
    assert reply.status == 400 and "no IRI may hold" in reply.text


def test_favicon_cached_compressed_scripts_and_cacheable_documents(server):
    icon = request(server, "GET", "/favicon.ico")
    assert icon.status == 200 and icon.header("Content-Type").startswith("image/svg+xml")
    # YASGUI's script is 1 MB: sent gzipped (from the copy `make setup` writes) and kept a day in caches
    script = request(server, "GET", "/static/yasgui/yasgui.min.js", headers={"Accept-Encoding": "gzip"})
    assert script.status == 200 and script.header("Content-Encoding") == "gzip"
    assert "max-age=86400" in script.header("Cache-Control") and "Accept-Encoding" in script.header("Vary")
    assert len(script.body) < 400_000
    page = request(server, "GET", "/id/vap/action/12", headers={"Accept": "text/turtle"})
    assert "max-age=3600" in page.header("Cache-Control")


def test_pages_show_values_and_terms_as_people_read_them(server):
    import re

    page = request(
        server, "GET", "/id/convention/article/3/paragraph/2/obligation/1/deadline/1", headers={"Accept": "text/html"}
    )
    assert page.status == 200
    # 003 Article 3.2 "not later than eight years": P8Y is "8 years", its datatype only in the title
    assert ">8 years</span>" in page.text and 'title="P8Y (xsd:duration)"' in page.text
    assert not re.search(r">\s*duration\s*<", page.text)
    # a vocabulary term without a label of ours reads as words, its prefixed name as the link's title
    instrument = request(server, "GET", "/id/instrument/imas", headers={"Accept": "text/html"})
    assert 'title="skos:altLabel">alternative label<' in instrument.text
    assert ">skos:altLabel<" not in instrument.text


def test_source_quotes_read_clean_and_the_document_view_leads_back(server):
    page = request(server, "GET", "/id/lap/action/29", headers={"Accept": "text/html"})
    # the indicator table's copy is printed inside "<p>...</p>" cells in 003
    assert "&lt;p&gt;" not in page.text and "**" not in page.text
    link = re.search(r'href="(/documents/003[^"]+)"', page.text).group(1).replace("&amp;", "&")
    document = request(server, "GET", link)
    assert document.status == 200 and 'href="/id/lap/action/29" rel="prev"' in document.text
    # the way back goes only to a page of ours
    elsewhere = request(server, "GET", "/documents/003?from=https://example.org/")
    assert "example.org" not in elsewhere.text


def test_browse_lists_sort_numbers_by_value_and_letters_without_case(server):
    page = request(server, "GET", "/browse/obligations").text
    labels = re.findall(r'<a href="/id/convention[^"]*">([^<]+)</a>', page)
    assert len(labels) == 148  # tests/norm_table.py: every statement of the articles
    duties = [x for x in labels if x.startswith(("Duty", "Reporting"))]
    assert duties.index("Duty of Article 9") < duties.index("Duty of Article 10, paragraph 1")
    assert duties.index("Duty of Article 3, paragraph 1") < duties.index("Duty 1 of Article 3, paragraph 2")


EXAMPLE_03 = next(e.query for e in load_examples() if e.name.startswith("03-"))
BASE = "https://w3id.org/ccm"


def test_search_finds_what_people_type(server):
    def labels(q: str) -> list[str]:
        return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', request(server, "GET", "/search?q=" + q).text)

    assert labels("article+4")[0].startswith("Article 4: Clearance")  # the article, before its paragraphs
    assert "Lao People&#39;s Democratic Republic" in labels("Laos")[0] or "Lao People" in labels("Laos")[0]
    assert labels("stokpile")[:1] == labels("stockpile")[:1]  # a typo finds the word it meant
    assert len(labels("stockpiles")) == len(labels("stockpile"))  # stemmed
    # 003 "Victim assistance (31-37)": every Lausanne victim-assistance action among the hits
    found = request(server, "GET", "/search?q=victim+assistance").text
    for n in range(31, 38):
        assert f'href="/id/lap/action/{n}"' in found, n
    # the duty of Article 3(2), to destroy the stockpiles within eight years, by the words a reader uses
    top = re.findall(r'<li><a href="([^"]+)">', request(server, "GET", "/search?q=stockpile+destruction+deadline").text)
    assert {"/id/convention/article/3", "/id/convention/article/3/paragraph/2/obligation/1"} & set(top[:3]), top[:5]
    # 003 "Victim assistance (31-37)": every indicator of those actions on the first page
    page = request(server, "GET", "/search?q=victim+assistance+indicators").text
    indicators = json.loads(query(server, EXAMPLE_03).body)["results"]["bindings"]
    assert indicators and all(f'href="{b["i"]["value"].removeprefix(BASE)}"' in page for b in indicators)


def test_pages_of_the_convention_and_plans_embed_schema_org_legislation(server):
    def embedded(path: str) -> dict | None:
        page = request(server, "GET", path, headers={"Accept": "text/html"}).text
        m = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        return json.loads(m.group(1)) if m else None

    treaty = embedded("/id/convention")
    # 003: "Adopted on 30 May 2008 ... entered into force on 1 August 2010"
    assert (treaty["@type"], treaty["legislationDate"], treaty["legislationDateOfApplicability"]) == (
        "Legislation",
        "2008-05-30",
        "2010-08-01",
    )
    article = embedded("/id/convention/article/4")
    assert article["@type"] == "LegislationObject" and article["isPartOf"] == {"@id": treaty["@id"]}
    assert article["text"].startswith("1. Each State Party undertakes to clear and destroy")
    assert embedded("/id/lap")["@type"] == "Legislation"
    assert embedded("/id/vap/action/1") is None  # an action is not legislation


def test_type_badges_name_aligned_vocabulary_terms_in_words(server):
    page = request(server, "GET", "/id/convention/article/3/paragraph/3/obligation/1", headers={"Accept": "text/html"})
    badges = re.search(r'<p class="types">(.*?)</p>', page.text, re.S).group(1)
    assert "http://www.w3.org/ns/odrl/2/" not in re.sub(r'(href|title)="[^"]*"', "", badges)
    assert 'title="http://www.w3.org/ns/odrl/2/Permission">permission<' in badges


def test_document_parts_have_breadcrumbs_and_neighbours_and_search_kinds_read_as_words(server):
    page = request(server, "GET", "/id/convention/article/4/paragraph/2", headers={"Accept": "text/html"}).text
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group()
    assert 'href="/id/convention"' in crumbs and 'href="/id/convention/article/4"' in crumbs
    assert 'rel="prev" href="/id/convention/article/4/paragraph/1"' in page  # 003 Article 4, paragraphs 1-8
    assert 'rel="next" href="/id/convention/article/4/paragraph/3"' in page
    found = request(server, "GET", "/search?q=victim+assistance").text
    assert '<span class="kind">Plan section</span>' in found and "PlanSection" not in found


def test_article_pages_list_what_they_lay_down_and_lead_to_the_articles_beside_them(server):
    from collections import Counter

    from tests.support.norm_table import NORMS

    page = request(server, "GET", "/id/convention/article/4", headers={"Accept": "text/html"}).text
    # the recitals of the preamble are parts of the Convention too, but not articles
    assert 'rel="prev" href="/id/convention/article/3"' in page
    assert 'rel="next" href="/id/convention/article/5"' in page
    section = re.search(r'<section aria-labelledby="norms-h">(.*?)</section>', page, re.S).group(1)
    shown = dict(re.findall(r'title="ccm:(\w+)">[^<]+</a> <span class="count">\((\d+)\)</span>', section))
    kinds = {
        "duty": "Duty",
        "prohibition": "Prohibition",
        "permission": "Permission",
        "recommendation": "Recommendation",
        "rule": "ConstitutiveRule",
    }
    read = Counter(kinds[kind] for provision, _, kind, _ in NORMS if provision.split(".")[0] == "4")
    assert {k: int(v) for k, v in shown.items()} == dict(
        read
    )  # 15 duties, 1 recommendation, 1 prohibition, 3 permissions, 1 rule


def test_sources_are_named_in_words_and_each_quote_holds_what_it_sources(server):
    page = request(server, "GET", "/id/state/LAO", headers={"Accept": "text/html"}).text
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", page, re.S)
    # 002 paragraph 1 names the Convention's States Parties meeting, not the host; paragraph 6 names Lao
    assert "Lao People" in quotes[0]
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)
    assert captions and all(not re.search(r">\d{3}_[^<]*\.(txt|csv)", c) for c in captions)
    assert any("Final Document of the First Meeting of States Parties" in c for c in captions)
    listing = request(server, "GET", "/documents").text
    assert "Lausanne Action Plan" in listing and "003_" in listing  # the title, and the file beside it


def test_themes_list_the_plans_themes_apart_from_a_meetings_topics(server):
    page = request(server, "GET", "/browse/themes").text
    groups = {
        m.group(1): re.findall(r'<a href="/id/theme/[^"]+">([^<]+)</a>', m.group(2))
        for m in re.finditer(r"<h2>([^<]+?) <span.*?</h2>\s*<ul>(.*?)</ul>", page, re.S)
    }
    # 003, the Lausanne booklet: ten section headings, "Guiding principles and actions (1–9)" to
    # "Measures to ensure compliance (49–50)"
    assert len(groups["Themes of the Lausanne Action Plan"]) == 10
    assert "Risk education" in groups["Themes of the Lausanne Action Plan"]
    assert "Risk education" not in groups["Themes of the Vientiane Action Plan"]
    # 002: the Friends of the President's remits are the meeting's topics, not a plan's themes
    topics = groups["Topics of offices held at the First Meeting of States Parties"]
    assert "Reporting Formats" in topics
    assert all("Reporting Formats" not in g for name, g in groups.items() if name.startswith("Themes of"))
    listed = {label for g in groups.values() for label in g}
    every = request(
        server,
        "GET",
        "/sparql?query=" + quote(sparql_prefixes("ccm") + "SELECT (COUNT(*) AS ?n) WHERE { ?t a ccm:Theme }"),
        headers={"Accept": "text/csv"},
    ).text.split()[1]
    assert len(listed) == int(every)  # none left out


def test_article_text_is_set_out_in_its_paragraphs_and_items(server):
    page = request(server, "GET", "/id/convention/article/4", headers={"Accept": "text/html"}).text
    # each paragraph once, with an anchor a citation can link to ("Article 4(2)": #paragraph-2)
    paragraphs = re.findall(r'<section class="paragraph" id="paragraph-(\d+)"', page)
    assert paragraphs == [str(n) for n in range(1, 9)]  # 003 Article 4: paragraphs 1 to 8, in order
    text = "".join(re.findall(r'<blockquote class="text">(.*?)</blockquote>', page, re.S))
    lists = re.findall(r'<ul class="items">(.*?)</ul>', text, re.S)
    # 4.1 (a)-(c), 4.2 (a)-(e), 4.4 (a)-(b), 4.6 (a)-(i)
    assert [len(re.findall("<li>", x)) for x in lists] == [3, 5, 2, 9]
    # a dash in prose is not an item: "- the" does not open a list
    action = request(server, "GET", "/id/vap/action/1", headers={"Accept": "text/html"}).text
    assert action.count('<ul class="items">') == 0


def _count(server, sparql: str) -> int:
    reply = request(server, "GET", "/sparql?query=" + quote(sparql), headers={"Accept": "text/csv"})
    return int(reply.text.split()[1])


def test_lineage_picture_and_its_numbers_agree_with_the_graph(server):
    import csv
    import io
    import xml.etree.ElementTree as ET

    page = request(server, "GET", "/lineage")
    assert page.status == 200 and "<svg" in page.text
    rows = list(csv.DictReader(io.StringIO(request(server, "GET", "/lineage.csv").text)))
    links = sum(int(r["links"]) for r in rows if r["from_theme"] and r["to_theme"])
    dropped = sum(int(r["links"]) for r in rows if not r["to_theme"])
    new = sum(int(r["links"]) for r in rows if not r["from_theme"])
    prefix = sparql_prefixes("ccm")
    assert links == _count(server, prefix + "SELECT (COUNT(*) AS ?n) WHERE { ?l a ccm:Lineage }")
    # dropped: the rows example query 19 lists; new: the Lausanne actions without a predecessor
    assert dropped == _count(
        server,
        prefix + "SELECT (COUNT(*) AS ?n) WHERE { ?a ccm:inPlan <https://w3id.org/ccm/id/vap> ; a ccm:Action "
        "FILTER NOT EXISTS { ?l ccm:predecessor ?a } }",
    )
    assert new == _count(
        server,
        prefix + "SELECT (COUNT(*) AS ?n) WHERE { ?a ccm:inPlan <https://w3id.org/ccm/id/lap> ; a ccm:Action "
        "FILTER NOT EXISTS { ?l ccm:successor ?a } }",
    )
    svg = request(server, "GET", "/lineage.svg")
    assert svg.header("Content-Type").startswith("image/svg+xml")
    paths = ET.fromstring(svg.body).findall("{http://www.w3.org/2000/svg}path")
    assert len(paths) == len(rows)  # a band per row of the CSV


def test_action_pages_show_their_lineage_and_what_changed(server):
    page = request(server, "GET", "/id/lap/action/18", headers={"Accept": "text/html"}).text
    section = re.search(r'<section aria-labelledby="lineage-h">(.*?)</section>', page, re.S).group(1)
    assert "Carries on" in section and 'href="/id/vap/action/12"' in section
    row = re.search(r'<tr>\s*<td><a href="/id/vap/action/12">.*?</tr>', section, re.S).group()
    # 001 #12 "Endeavour to, within one year of entry into force"; 003 action 18: "to the extent possible",
    # "within two years of entry into force for new States Parties"
    assert "Best efforts → Qualified" in row and "relaxed" in row
    assert "Within one year of entry into force for that State Party →" in row
    earlier = request(server, "GET", "/id/vap/action/12", headers={"Accept": "text/html"}).text
    assert "Carried on by" in earlier and 'href="/id/lap/action/18"' in earlier
    link = re.search(r'<a href="(/id/lineage/[^"]+)">', row).group(1)
    linked = request(server, "GET", link, headers={"Accept": "text/html"})
    assert linked.status == 200
    sides = re.search(r'<section aria-labelledby="sides-h">(.*?)</section>', linked.text, re.S).group(1)
    # both texts, the earlier first: 001 #12 "Endeavour to, within one year ..."; 003 18 "Identify the precise ..."
    assert sides.index("Endeavour to, within one year") < sides.index("Identify the precise location")
    assert "Best efforts → Qualified" in linked.text


def test_search_says_what_it_corrected_and_marks_the_words_it_matched(server):
    page = request(server, "GET", "/search?q=stokpile").text
    # a typo matches nothing: the page says so, and what it searched for instead
    assert "Nothing matches <strong>stokpile</strong>" in page
    assert "<mark>Stockpile</mark>" in page or "<mark>stockpile</mark>" in page
    # suggestions name the kind of thing in words ("Plan section", not "PlanSection")
    kinds = {item["class"] for item in json.loads(request(server, "GET", "/search/suggest?q=victim").text)}
    assert "Plan section" in kinds and not any(re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", k) for k in kinds)
    # words typed are text, never markup
    assert "<script>" not in request(server, "GET", "/search?q=%3Cscript%3Ealert(1)").text.split("<main", 1)[1]
