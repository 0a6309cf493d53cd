# SPARQLWrapper 1.8 (Debian python3-sparqlwrapper) against /sparql: every return format, its default included, for
# SELECT, ASK, CONSTRUCT and DESCRIBE, by GET and POST, converted as its users do with query().convert().
import csv
import io
import sys
from xml.dom.minidom import Document

from rdflib import Graph, URIRef, BNode
from rdflib.compare import isomorphic
import SPARQLWrapper.Wrapper as wrapper
from SPARQLWrapper import SPARQLWrapper, JSON, XML, TURTLE, N3, RDF, RDFXML, CSV, TSV, JSONLD, GET, POST

from cases import Cases, expect

BASE = sys.argv[1]
ORG = "http://www.w3.org/ns/org#"
berlin = URIRef(BASE + "id/city/berlin")

# SPARQLWrapper 1.8 offers JSON-LD only when `import rdflib_jsonld` succeeds; rdflib 6 parses JSON-LD itself and
# Debian ships no rdflib-jsonld. Registering the format as that import would is how its users get JSON-LD.
if JSONLD not in wrapper._allowedFormats:
    wrapper._allowedFormats.append(JSONLD)
    wrapper._RDF_POSSIBLE = wrapper._RDF_POSSIBLE + wrapper._RDF_JSONLD

_reference = {}


def reference():
    """Berlin's triples as rdflib reads the Turtle page: the independent answer every format must give."""
    if not _reference:
        page = Graph().parse(BASE + "doc/city/berlin.ttl", format="turtle")
        own = Graph()
        for triple in page.triples((berlin, None, None)):
            own.add(triple)
        _reference["graph"] = own
        _reference["networks"] = sorted(str(o) for o in page.objects(berlin, URIRef(ORG + "memberOf")))
        expect(_reference["networks"], "the Turtle page names Berlin's networks")
    return _reference


def run(query, return_format, method):
    client = SPARQLWrapper(BASE + "sparql")
    client.setQuery(query)
    client.setMethod(method)
    if return_format is not None:
        client.setReturnFormat(return_format)
    result = client.query()
    return result.info()["content-type"], result.convert()


def select_rows(content_type, converted):
    if isinstance(converted, dict):
        return [b["n"]["value"] for b in converted["results"]["bindings"]]
    if isinstance(converted, Document):
        return [b.getElementsByTagName("uri")[0].firstChild.data for b in converted.getElementsByTagName("binding") if b.getAttribute("name") == "n"]
    text = converted.decode("utf-8")
    if content_type.startswith("text/csv"):
        return [row["n"] for row in csv.DictReader(io.StringIO(text))]
    if content_type.startswith("text/tab-separated-values"):
        return [line.strip("<>") for line in text.splitlines()[1:] if line]
    raise AssertionError(f"no SELECT result in {content_type}")


def ask_value(content_type, converted):
    if isinstance(converted, dict):
        return converted["boolean"]
    if isinstance(converted, Document):
        return converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
    text = converted.decode("utf-8")
    if content_type.startswith(("text/csv", "text/tab-separated-values")):
        return text.splitlines()[1].strip() == "true"
    raise AssertionError(f"no ASK result in {content_type}")


def as_graph(content_type, converted):
    if isinstance(converted, Graph):
        graph = Graph()
        for triple in converted.triples((None, None, None)):
            graph.add(triple)
        return graph
    if isinstance(converted, bytes):
        expect(content_type.startswith(("text/turtle", "application/n-triples")), f"graph answered as {content_type}")
        return Graph().parse(data=converted.decode("utf-8"), format="turtle")
    raise AssertionError(f"no graph in {content_type} ({type(converted).__name__})")


def check_select(return_format, method):
    query = f"SELECT ?n WHERE {{ <{berlin}> <{ORG}memberOf> ?n }} ORDER BY ?n"
    content_type, converted = run(query, return_format, method)
    expect(select_rows(content_type, converted) == reference()["networks"], f"rows as {content_type}")


def check_ask(return_format, method):
    query = f"ASK {{ <{berlin}> <{ORG}memberOf> <{reference()['networks'][0]}> }}"
    content_type, converted = run(query, return_format, method)
    expect(ask_value(content_type, converted) is True, f"true as {content_type}")


def check_construct(return_format, method):
    query = f"CONSTRUCT {{ <{berlin}> ?p ?o }} WHERE {{ <{berlin}> ?p ?o }}"
    content_type, converted = run(query, return_format, method)
    got = as_graph(content_type, converted)
    expect(isomorphic(got, reference()["graph"]), f"{len(got)} triples as {content_type}, the page has {len(reference()['graph'])}")


def check_describe(return_format, method):
    content_type, converted = run(f"DESCRIBE <{berlin}>", return_format, method)
    got = as_graph(content_type, converted)
    missing = [t for t in reference()["graph"] if not isinstance(t[2], BNode) and t not in got]
    expect(not missing, f"as {content_type}, missing {missing[:3]}")


cases = Cases()
formats = {"default": None, "JSON": JSON, "XML": XML, "TURTLE": TURTLE, "N3": N3, "RDF": RDF, "RDFXML": RDFXML, "CSV": CSV, "TSV": TSV, "JSONLD": JSONLD}
forms = {"SELECT": check_select, "ASK": check_ask, "CONSTRUCT": check_construct, "DESCRIBE": check_describe}
for form, check in forms.items():
    for name, return_format in formats.items():
        for method in (GET, POST):
            cases.add(f"SPARQLWrapper {form} {name} {method}", lambda c=check, f=return_format, m=method: c(f, m))

if __name__ == "__main__":
    cases.main()
