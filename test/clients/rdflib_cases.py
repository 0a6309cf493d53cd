# rdflib 6.1 (Debian python3-rdflib) as its users read this service: Graph.parse of /doc pages in every format with
# rdflib's own Accept header, the dumps, SPARQLStore (triples and contexts) and a SERVICE query federating to /sparql.
import gzip
import sys
import urllib.request

from rdflib import ConjunctiveGraph, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, VOID
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from cases import Cases, expect

BASE = sys.argv[1]
DCAT = Namespace("http://www.w3.org/ns/dcat#")
berlin = URIRef(BASE + "id/city/berlin")
doc = BASE + "doc/city/berlin"
_turtle = {}


def turtle_page():
    """The Turtle page as rdflib reads it: what every other format of the page must equal."""
    if "graph" not in _turtle:
        _turtle["graph"] = Graph().parse(doc + ".ttl", format="turtle")
        expect((berlin, RDFS.label, Literal("Berlin", lang="de")) in _turtle["graph"], "the Turtle page has Berlin's label")
    return _turtle["graph"]


def triples_of(graph):
    """The triples of a Graph, or the union of a ConjunctiveGraph's graphs, as one Graph."""
    out = Graph()
    for s, p, o in graph.triples((None, None, None)):
        out.add((s, p, o))
    return out


def check_parse(url, rdflib_format, graph_class):
    graph = graph_class()
    graph.parse(url, format=rdflib_format) if rdflib_format else graph.parse(url)
    got = triples_of(graph)
    expect(isomorphic(got, turtle_page()), f"{len(got)} triples, the Turtle page has {len(turtle_page())}")


def check_named_graphs(url, rdflib_format):
    graph = ConjunctiveGraph()
    graph.parse(url, format=rdflib_format)
    named = {str(g.identifier) for g in graph.contexts() if str(g.identifier).startswith(BASE + "id/source/")}
    expect(named, "the quads name their sources as graphs")


def dump_urls():
    catalogue = Graph().parse(BASE + "dataset", format="turtle")
    return [(str(catalogue.value(d, DCAT.downloadURL)), catalogue.value(d, DCAT.compressFormat)) for d in catalogue.subjects(DCAT.downloadURL, None)]


def void_triples():
    description = Graph().parse(BASE + ".well-known/void", format="turtle")
    counts = {int(o) for o in description.objects(URIRef(BASE + "dataset#dataset"), VOID.triples)}
    expect(len(counts) == 1, f"one void:triples for the dataset, got {counts}")
    return counts.pop()


def check_dumps():
    dumps = dump_urls()
    expect(len(dumps) >= 4, f"the catalogue lists the dumps, got {dumps}")
    expected = void_triples()
    for url, compressed in dumps:
        graph = ConjunctiveGraph()
        if compressed is not None:
            # rdflib does not unpack; its users gunzip first, as here.
            data = gzip.decompress(urllib.request.urlopen(url).read()).decode("utf-8")
            graph.parse(data=data, format="nquads", publicID=BASE)
        else:
            graph.parse(url)
        got = len(triples_of(graph))
        expect(got == expected, f"{url}: {got} distinct triples, void:triples says {expected}")


def sparqlstore_graph():
    return Graph(store=SPARQLStore(BASE + "sparql", returnFormat="json"))


def check_sparqlstore_triples():
    got = Graph()
    for triple in sparqlstore_graph().triples((berlin, None, None)):
        got.add(triple)
    expected = Graph()
    for triple in turtle_page().triples((berlin, None, None)):
        expected.add(triple)
    # Blank-node objects come back as fresh nodes from a remote store, so compare what can be compared.
    strip = lambda g: {(s, p, o) for s, p, o in g if not o.__class__.__name__ == "BNode"}
    expect(strip(got) == strip(expected), f"{len(got)} triples from the store, {len(expected)} on the page")


def check_contexts():
    """SPARQLStore.contexts() asks SELECT ?name WHERE { GRAPH ?name {} }: one row per named graph of the dataset."""
    data = gzip.decompress(urllib.request.urlopen(BASE + "download/dataset.nq.gz").read()).decode("utf-8")
    dump = ConjunctiveGraph()
    dump.parse(data=data, format="nquads", publicID=BASE)
    expected = {str(g.identifier) for g in dump.contexts() if len(g) > 0 and str(g.identifier).startswith("http") and str(g.identifier) != BASE}
    got = {str(g.identifier if hasattr(g, "identifier") else g) for g in SPARQLStore(BASE + "sparql").contexts()}
    expect(got == expected, f"contexts() gave {len(got)} graphs, the dump has {len(expected)}: {sorted(expected)[:3]}")


def check_service():
    """rdflib evaluates SERVICE itself and sends the inner pattern as SELECT REDUCED *: both labels must come back."""
    network = URIRef(BASE + "id/network/eurocities")
    page = Graph().parse(BASE + "doc/network/eurocities.ttl", format="turtle")
    expected = {(str(l), l.language) for l in page.objects(network, RDFS.label)}
    expect(len(expected) >= 2, f"the page has a label per language: {expected}")
    rows = Graph().query(f"SELECT ?l WHERE {{ SERVICE <{BASE}sparql> {{ <{network}> <{RDFS.label}> ?l }} }}")
    got = {(str(r.l), r.l.language) for r in rows}
    expect(got == expected, f"SERVICE gave {sorted(got)}, the page has {sorted(expected)}")


cases = Cases()
# rdflib's Accept per format: turtle -> text/turtle, nt -> text/plain, n3 -> text/n3, json-ld -> application/ld+json,
# application/rdf+xml (and no format) -> application/rdf+xml first. TriG and N-Quads have no Accept of their own.
for rdflib_format in ["turtle", "nt", "n3", "json-ld", "xml", "application/rdf+xml", None]:
    for graph_class in (Graph, ConjunctiveGraph):
        cases.add(f"rdflib {graph_class.__name__}.parse({doc[len(BASE):]}, format={rdflib_format})", lambda f=rdflib_format, c=graph_class: check_parse(doc, f, c))
for suffix, rdflib_format in [(".trig", "trig"), (".nq", "nquads"), ("?format=trig", "trig"), ("?format=nquads", "nquads"), ("?format=nt", "nt")]:
    for graph_class in (Graph, ConjunctiveGraph):
        cases.add(f"rdflib {graph_class.__name__}.parse({doc[len(BASE):]}{suffix}, format={rdflib_format})", lambda u=doc + suffix, f=rdflib_format, c=graph_class: check_parse(u, f, c))
cases.add("rdflib TriG page keeps the sources as named graphs", lambda: check_named_graphs(doc + ".trig", "trig"))
cases.add("rdflib N-Quads page keeps the sources as named graphs", lambda: check_named_graphs(doc + ".nq", "nquads"))
cases.add("rdflib parses every dump with void:triples distinct triples", check_dumps)
cases.add("rdflib SPARQLStore triples() of Berlin", check_sparqlstore_triples)
cases.add("rdflib SPARQLStore contexts(): one per named graph (GRAPH ?g {})", check_contexts)
cases.add("rdflib SERVICE to /sparql keeps \"x\"@de and \"x\"@en (REDUCED)", check_service)

if __name__ == "__main__":
    cases.main()
