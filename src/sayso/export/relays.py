"""The outlets' relay graph for network tools: an edge CSV, or GraphML (networkx, Gephi, yEd).

- ``csv``: one edge per row, ``RELAY_COLUMNS``: source, target (the outlet
  the source relays), count (statements), bases (``relayed:9;public:1``),
  articles, unnamed (statements resting on unnamed sources), and the two keys.
- ``graphml``: a directed graph; nodes are outlets keyed by their publisher
  key, with ``name`` and ``in_corpus`` (it has articles of its own in the
  store); edges carry count, articles, unnamed and bases, and ``weight`` (= count)
  for the tools that draw by it.

The edges are ``sayso.store.relays.relay_edges``.
"""

from __future__ import annotations

import csv
import re
from typing import IO, Any
from xml.etree import ElementTree as ET

from sayso.errors import StoreError
from sayso.export import _open_out
from sayso.store.core import Store
from sayso.store.relays import bases_text, relay_edges

RELAY_FORMATS = ("csv", "graphml")
RELAY_COLUMNS = ("source", "target", "count", "bases", "articles", "unnamed", "source_key", "target_key")

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
#: GraphML attribute declarations: (id, for, name, type).
#: Characters XML 1.0 forbids (a publisher name is hostile input): dropped from names and keys.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_KEYS = (
    ("name", "node", "name", "string"), ("in_corpus", "node", "in_corpus", "boolean"),
    ("count", "edge", "count", "int"), ("weight", "edge", "weight", "double"), ("articles", "edge", "articles", "int"),
    ("unnamed", "edge", "unnamed", "int"), ("bases", "edge", "bases", "string"),
)


def export_relays(store: Store, fmt: str, out: str) -> int:
    """Write the relay graph to ``out`` ('-': stdout) in ``fmt``; returns the number of edges."""
    if fmt not in RELAY_FORMATS:
        raise StoreError(f"the relay graph is written as {' or '.join(RELAY_FORMATS)}, not {fmt!r}")
    edges = relay_edges(store)
    with _open_out(out) as f:
        if fmt == "csv":
            write_csv(edges, f)
        else:
            write_graphml(edges, f)
    return len(edges)


def write_csv(edges: list[dict[str, Any]], f: IO[str]) -> None:
    w = csv.DictWriter(f, fieldnames=list(RELAY_COLUMNS), extrasaction="ignore")
    w.writeheader()
    for e in edges:
        w.writerow({**e, "bases": bases_text(e)})


def graphml_tree(edges: list[dict[str, Any]]) -> ET.ElementTree:
    ET.register_namespace("", GRAPHML_NS)

    def el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{GRAPHML_NS}}}{tag}", attrs)

    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for key_id, for_, name, type_ in _KEYS:
        el(root, "key", **{"id": key_id, "for": for_, "attr.name": name, "attr.type": type_})
    graph = el(root, "graph", id="relays", edgedefault="directed")
    nodes: dict[str, tuple[str, bool]] = {}
    for e in edges:
        nodes.setdefault(e["source_key"], (e["source"], True))
        nodes[e["target_key"]] = (e["target"], e["target_in_corpus"] or nodes.get(e["target_key"], ("", False))[1])
    for key in sorted(nodes):
        name, in_corpus = nodes[key]
        node = el(graph, "node", id=_NOT_XML.sub("", key))
        el(node, "data", key="name").text = _NOT_XML.sub("", name)
        el(node, "data", key="in_corpus").text = "true" if in_corpus else "false"
    for i, e in enumerate(edges, 1):
        edge = el(graph, "edge", id=f"e{i}", source=_NOT_XML.sub("", e["source_key"]),
                  target=_NOT_XML.sub("", e["target_key"]))
        for key_id, value in (("count", e["count"]), ("weight", float(e["count"])), ("articles", e["articles"]),
                              ("unnamed", e["unnamed"]), ("bases", bases_text(e))):
            el(edge, "data", key=key_id).text = str(value)
    ET.indent(root)
    return ET.ElementTree(root)


def write_graphml(edges: list[dict[str, Any]], f: IO[str]) -> None:
    graphml_tree(edges).write(f, encoding="unicode", xml_declaration=True)
    f.write("\n")
