# The fields ckanext-dcat's euro_dcat_ap_3 profile reads from the catalogue, read the way its code reads them
# (ckanext/dcat/profiles/base.py and euro_dcat_ap_base.py: _object_value, _keywords, _license, _distribution_format),
# on rdflib as it does. ckanext-dcat itself needs a CKAN installation, so its reading logic is restated here.
import hashlib
import sys
import urllib.request

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT, OWL, RDF, RDFS

from cases import Cases, expect

BASE = sys.argv[1]
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DEFAULT_LANG = "en"  # ckan.locale_default
_graph = {}


def g():
    if "g" not in _graph:
        _graph["g"] = Graph().parse(BASE + "dataset", format="turtle")
    return _graph["g"]


def dataset_ref():
    datasets = list(g().subjects(RDF.type, DCAT.Dataset))
    expect(len(datasets) == 1, f"one dcat:Dataset, got {datasets}")
    return datasets[0]


def obj(subject, predicate):
    for o in g().objects(subject, predicate):
        return o
    return None


def object_value(subject, predicate):
    """RDFProfile._object_value: the literal in the default language, else the first; a resource's rdfs:label or IRI."""
    fallback = ""
    for o in g().objects(subject, predicate):
        if isinstance(o, Literal):
            if o.language and o.language == DEFAULT_LANG:
                return str(o)
            if fallback == "":
                fallback = str(o)
        elif len(list(g().objects(o, RDFS.label))):
            return str(next(g().objects(o, RDFS.label)))
        else:
            return str(o)
    return fallback


def keywords(subject):
    """RDFProfile._keywords: every dcat:keyword whatever its language, comma lists split: CKAN's tag list."""
    values = [str(o) for o in g().objects(subject, DCAT.keyword)]
    for keyword in [k for k in values if "," in k]:
        values.remove(keyword)
        values.extend(k.strip() for k in keyword.split(","))
    return values


def keywords_multilingual(subject):
    """RDFProfile._object_value_list_multilingual for tags_translated (ckanext-fluent schemas)."""
    out = {}
    for o in g().objects(subject, DCAT.keyword):
        out.setdefault(o.language or DEFAULT_LANG, []).append(str(o))
    return out


def licence_id(register):
    """RDFProfile._license: the first distribution's dct:license matched in CKAN's register by IRI, then by dct:title."""
    by_url = {entry["url"]: entry["id"] for entry in register}
    by_title = {entry["title"]: entry["id"] for entry in register}
    for distribution in g().objects(dataset_ref(), DCAT.distribution):
        licence = obj(distribution, DCT.license)
        if licence:
            found = by_url.get(licence.toPython()) or by_title.get(object_value(licence, DCT.title))
            if found:
                return found
    return ""


def resources():
    """_parse_dataset_base's resource dicts: url, format (not normalised: CKAN's format list is not here), size, hash."""
    out = []
    for distribution in g().objects(dataset_ref(), DCAT.distribution):
        resource = {"url": object_value(distribution, DCAT.downloadURL) or object_value(distribution, DCAT.accessURL)}
        imt = object_value(distribution, DCAT.mediaType)
        fmt = obj(distribution, DCT["format"])
        label = str(fmt) if isinstance(fmt, (URIRef, Literal)) else None
        resource["mimetype"], resource["format"] = imt, label or imt
        size = object_value(distribution, DCAT.byteSize)
        resource["size"] = int(float(size)) if size else None
        for checksum in g().objects(distribution, SPDX.checksum):
            resource["hash_algorithm"] = object_value(checksum, SPDX.algorithm)
            resource["hash"] = object_value(checksum, SPDX.checksumValue)
        resource["identifier"] = object_value(distribution, DCT.identifier)
        out.append(resource)
    return out


def check_title_notes():
    d = dataset_ref()
    title, notes = object_value(d, DCT.title), object_value(d, DCT.description)
    english = {str(o) for o in g().objects(d, DCT.title) if isinstance(o, Literal) and o.language == "en"}
    expect(title in english, f"title {title!r} is the English title {english}")
    expect(len(notes) > 50, f"notes {notes[:60]!r}")


# CKAN portals load a licence register; the two kinds of entry for CC BY 4.0 that ckanext-dcat can match.
REGISTER_BY_IRI = [{"id": "CC-BY-4.0", "url": "http://creativecommons.org/licenses/by/4.0/", "title": "CC BY 4.0"}]
REGISTER_OPEN_DEFINITION = [{"id": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}]


def check_licence_by_iri():
    expect(licence_id(REGISTER_BY_IRI) == "CC-BY-4.0", "licence found by its IRI (else CKAN shows 'License not specified')")


def check_licence_by_title():
    expect(licence_id(REGISTER_OPEN_DEFINITION) == "CC-BY-4.0", "licence found by dct:title in the Open Definition register")


def check_identifier():
    expect(object_value(dataset_ref(), DCT.identifier) == str(dataset_ref()), "dct:identifier names the dataset")
    missing = [r["url"] for r in resources() if not r["identifier"]]
    expect(not missing, f"distributions without dct:identifier: {missing}")


def check_version():
    version = object_value(dataset_ref(), OWL.versionInfo)
    expect(version and version == object_value(dataset_ref(), DCAT.version), f"owl:versionInfo {version!r} beside dcat:version")


def check_tags():
    tags = keywords(dataset_ref())
    expect(len(tags) > 5 and len(tags) == len(set(tags)), f"tags without duplicates: {sorted(tags)}")


def check_tags_per_language():
    translated = keywords_multilingual(dataset_ref())
    expect(set(translated) == {"de", "en"}, f"tags in German and English: {translated}")
    for lang, tags in translated.items():
        expect(len(tags) == len(set(tags)), f"{lang} tags without duplicates: {tags}")
    expect(set(translated["de"]).isdisjoint(translated["en"]), "no tag in both lists")


def check_resources():
    found = resources()
    expect(len(found) >= 4, f"one resource per dump, got {len(found)}")
    for resource in found:
        expect(resource["format"] and resource["mimetype"], f"{resource['url']}: format {resource['format']!r}")
        body = urllib.request.urlopen(urllib.request.Request(resource["url"], headers={"Accept-Encoding": "identity"})).read()
        expect(resource["size"] == len(body), f"{resource['url']}: size {resource['size']} but {len(body)} bytes")
        expect(resource["hash_algorithm"].endswith("sha256") and resource["hash"] == hashlib.sha256(body).hexdigest(), f"{resource['url']}: hash")


cases = Cases()
cases.add("ckanext-dcat title and notes", check_title_notes)
cases.add("ckanext-dcat licence by IRI", check_licence_by_iri)
cases.add("ckanext-dcat licence by dct:title", check_licence_by_title)
cases.add("ckanext-dcat identifier of dataset and resources", check_identifier)
cases.add("ckanext-dcat version (owl:versionInfo)", check_version)
cases.add("ckanext-dcat tags without duplicates", check_tags)
cases.add("ckanext-dcat tags per language", check_tags_per_language)
cases.add("ckanext-dcat resources: url, format, size, hash", check_resources)

if __name__ == "__main__":
    cases.main()
