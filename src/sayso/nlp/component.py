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

import logging
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sayso.kinds import Mode

SPAN_KEYS = ("sayso_source", "sayso_cue", "sayso_content")

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("sayso_report"):
    Doc.set_extension("sayso_report", default=None)

log = logging.getLogger("sayso.nlp")

#: spaCy's error-handler signature: (component name, component, the failing docs, the exception).
ErrorHandler = Callable[[str, Any, list[Doc], Exception], Any]


def leave_unannotated(proc_name: str, proc: Any, docs: list[Doc], e: Exception) -> None:
    """The default error handler: log the failure; the doc goes on without sayso's annotations.

    One odd article must not sink a whole ``nlp.pipe`` batch.  A caller who would
    rather stop sets spaCy's own on the component:
    ``nlp.get_pipe("sayso").set_error_handler(spacy.util.raise_error)``.
    """
    for doc in docs:
        log.warning("%s: left a doc of %d characters unannotated: %s: %s",
                    proc_name, len(doc.text), type(e).__name__, e)


class SaysoComponent:
    """Match-then-set-annotations, like spaCy's own rulers.

    A doc whose analysis fails goes to the error handler (``set_error_handler``;
    spaCy 3.8's ``nlp.set_error_handler`` stops at its parser, which cannot hold
    one).  The default one logs a warning and leaves the doc unannotated: its
    ``doc._.attributions`` stays None (an annotated doc with nothing found has
    ``[]``) and it has no sayso spans.
    """

    def __init__(self, nlp: Language, name: str, mode: str = "accurate") -> None:
        self.name = name
        self.mode = Mode(mode)
        self.error_handler: ErrorHandler = leave_unannotated
        missing = {"parser", "ner", "tagger"} - set(nlp.pipe_names)
        if missing:
            raise ValueError(f"the sayso component needs {sorted(missing)} earlier in the pipeline")

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        self.error_handler = error_handler

    def get_error_handler(self) -> ErrorHandler:
        return self.error_handler

    def __call__(self, doc: Doc) -> Doc:
        # Imported on the first doc, not at the top: the spacy_factories entry point names this
        # module, in nlp/, below the analysis it runs; at the top, nlp and attribution would
        # import each other (tests/test_imports.py).
        from sayso.attribution.build import build_report

        error_handler = self.get_error_handler()
        try:
            report = build_report(doc, mode=self.mode)
            self.set_annotations(doc, report.to_dict())
        except Exception as e:  # noqa: BLE001 - the error handler decides: raise, or leave the doc as it was
            self.clear_annotations(doc)
            error_handler(self.name, self, [doc], e)
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

    @staticmethod
    def clear_annotations(doc: Doc) -> None:
        """Undo a set_annotations that failed half-way, so a failed doc carries nothing of sayso's."""
        for key in SPAN_KEYS:
            if key in doc.spans:
                del doc.spans[key]
        doc._.attributions = None
        doc._.sayso_report = None


def make_sayso(nlp: Language, name: str, mode: str) -> SaysoComponent:
    return SaysoComponent(nlp, name, mode)


Language.factory("sayso", default_config={"mode": "accurate"}, func=make_sayso)
