"""The ``sayso`` spaCy component: ``nlp.add_pipe("sayso")``.

It writes the source, cue and content spans to ``doc.spans["sayso_source"]``,
``["sayso_cue"]`` and ``["sayso_content"]`` and the resolved records, as plain
dicts with character offsets, to ``doc._.attributions`` (and the whole report
to ``doc._.sayso_report``).  Extension values are msgpack-safe on purpose: a
Span in an extension breaks ``DocBin`` and ``nlp.pipe(n_process=...)``.

By default it uses the fine-tuned encoder (the [accurate] extra);
``nlp.add_pipe("sayso", config={"mode": "fast"})`` uses the linear models alone.  The factory is registered through the ``spacy_factories`` entry point, so
importing this module has no side effects beyond the registration.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sayso.kinds import Mode

SPAN_KEYS = ("sayso_source", "sayso_cue", "sayso_content")

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("sayso_report"):
    Doc.set_extension("sayso_report", default=None)


class SaysoComponent:
    """Match-then-set-annotations; a doc that fails is left unannotated, not raised."""

    def __init__(self, nlp: Language, name: str, mode: str = "accurate") -> None:
        self.name = name
        self.mode = Mode(mode)
        missing = {"parser", "ner", "tagger"} - set(nlp.pipe_names)
        if missing:
            raise ValueError(f"the sayso component needs {sorted(missing)} earlier in the pipeline")

    def __call__(self, doc: Doc) -> Doc:
        # Imported on the first doc, not at the top: the spacy_factories entry point names this
        # module, in nlp/, below the analysis it runs; at the top, nlp and attribution would
        # import each other (tests/test_imports.py).
        from sayso.attribution.build import build_report

        report = build_report(doc, mode=self.mode)
        self.set_annotations(doc, report.to_dict())
        return doc

    def set_annotations(self, doc: Doc, report: dict[str, Any]) -> None:
        groups: dict[str, list[Any]] = {k: [] for k in SPAN_KEYS}
        for a in report["attributions"]:
            for role, key in (("source", "sayso_source"), ("cue", "sayso_cue"), ("content", "sayso_content")):
                if a.get(role):
                    for s, e in a[role]["spans"]:
                        span = doc.char_span(s, e, label=a["id"], alignment_mode="expand")
                        if span is not None:
                            groups[key].append(span)
        for key, spans in groups.items():
            doc.spans[key] = spans
        doc._.attributions = report["attributions"]
        doc._.sayso_report = report


def make_sayso(nlp: Language, name: str, mode: str) -> SaysoComponent:
    return SaysoComponent(nlp, name, mode)


Language.factory("sayso", default_config={"mode": "accurate"}, func=make_sayso)
