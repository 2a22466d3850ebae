"""Validates the served Atom feed and sitemap against tests/schemas/ (RELAX NG
for Atom 1.0, XML Schema for the Sitemap protocol), plus the Atom rules a
grammar cannot say (RFC 4287 4.1.1: a feed without an author needs one in
every entry; every entry needs a summary when it has no content).

    python3 tests/validate_feeds.py http://127.0.0.1:PORT
"""
import sys
import urllib.request
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return etree.fromstring(response.read())


def check(name, validator, document):
    if validator.validate(document):
        print(f"{name}: valid")
        return True
    for error in validator.error_log:
        print(f"{name}: line {error.line}: {error.message}")
    return False


def schemas_reject_broken_documents(atom, sitemap_schema, feed, sitemap):
    """The schemas are not vacuous: a feed entry without an id, a feed with
    two titles and a sitemap with a repeated URL must each fail."""
    import copy
    no_id = copy.deepcopy(feed)
    entry = no_id.find(f"{ATOM}entry")
    entry.remove(entry.find(f"{ATOM}id"))
    two_titles = copy.deepcopy(feed)
    two_titles.append(copy.deepcopy(two_titles.find(f"{ATOM}title")))
    repeated = copy.deepcopy(sitemap)
    repeated.append(copy.deepcopy(repeated[0]))
    broken = [("feed entry without id", atom, no_id), ("feed with two titles", atom, two_titles),
              ("sitemap with a repeated URL", sitemap_schema, repeated)]
    ok = True
    for name, schema, document in broken:
        if schema.validate(document):
            print(f"schema self-test: {name} was accepted")
            ok = False
    return ok


def main(base):
    feed = fetch(f"{base}/feed.xml")
    sitemap = fetch(f"{base}/sitemap.xml")
    atom = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))
    sitemap_schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    ok = check("feed.xml (Atom, RFC 4287)", atom, feed)
    ok &= check("sitemap.xml (Sitemap 0.9)", sitemap_schema, sitemap)
    ok &= schemas_reject_broken_documents(atom, sitemap_schema, feed, sitemap)
    entries = feed.findall(f"{ATOM}entry")
    if feed.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in entries):
        print("feed.xml: an entry has no author and the feed has none (RFC 4287 4.1.1)")
        ok = False
    if any(e.find(f"{ATOM}content") is None and e.find(f"{ATOM}summary") is None for e in entries):
        print("feed.xml: an entry has neither content nor summary")
        ok = False
    print(f"feed entries: {len(entries)}, sitemap URLs: {len(sitemap)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
