"""Where the web app analyses and saves articles: every route that analyses calls ``analyse``.

``analyse`` is the one call into ``sayso.analyze`` (a process pool can take
its place without touching a route); ``save`` stores a report and brings the
corpus-wide rows up to date for that one article.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import UploadFile
from markupsafe import Markup
from starlette.exceptions import HTTPException

import sayso
from sayso.errors import InputError, StoreError
from sayso.ingest.text import date_problem
from sayso.records import ArticleReport
from sayso.web import view
from sayso.web.context import CARDS_PER_PAGE, Web
from sayso.web.pool import AnalysisUnavailable

EXAMPLE_PUBLISHER = "The Daily Beast"
EXAMPLE_TITLE = "Zelensky told Trump that Putin is 'afraid of you', inside sources told Axios"
#: The example's date, as ``make run`` gives it (``--published 2025-02-13``): without it the events
#: it reports ("Wednesday") have no dates.
EXAMPLE_PUBLISHED = "2025-02-13"

_lock = threading.Lock()


def example_text() -> str:
    """The canonical example article, shipped with the package (a copy of examples/call-report.txt)."""
    return (resources.files("sayso.web") / "example.txt").read_text(encoding="utf-8")


def analyse(web: Web, text: str, publisher: str | None = None, published: str | None = None,
            title: str | None = None) -> ArticleReport:
    """The report on one article; a 400 when it cannot be analysed.  One article at a time:
    the spaCy pipeline is shared.  With a pool (``web.analyzer``) the analysis runs in a worker
    process: past its deadline the client gets a 422, with no worker free a 503."""
    if published and (problem := date_problem(published)):
        raise HTTPException(400, detail=f"published {problem}")
    if web.analyzer is not None:
        try:
            return web.analyzer(text, publisher=publisher or None,  # type: ignore[no-any-return]
                                published=published or None, title=title or None,
                                max_chars=web.settings.max_chars)
        except InputError as e:
            raise HTTPException(400, detail=str(e)) from None
        except AnalysisUnavailable as e:
            raise HTTPException(e.status, detail=str(e)) from None
    try:
        with _lock:
            return sayso.analyze(text, publisher=publisher or None, published=published or None,
                                 title=title or None, max_chars=web.settings.max_chars,
                                 mode=web.settings.mode)  # type: ignore[arg-type]
    except InputError as e:
        raise HTTPException(400, detail=str(e)) from None


def example_report(web: Web) -> ArticleReport:
    """The example, analysed once per server: it never changes."""
    report = web.cache.get("example")
    if report is None:
        report = web.cache["example"] = analyse(web, example_text(), EXAMPLE_PUBLISHER, EXAMPLE_PUBLISHED,
                                                    EXAMPLE_TITLE)
    return report  # type: ignore[no-any-return]


def save(web: Web, text: str, report: ArticleReport, publisher: str | None, published: str | None,
         title: str | None) -> str:
    """Store the article (or find it stored) and update entities and claims for it; its id."""
    from sayso.store.core import ArticleInfo, content_hash
    from sayso.store.ingest import update_derived

    st = web.store.get()
    try:
        new_id = st.ingest_report(ArticleInfo(source="web", publisher=publisher or None,
                                              published=published or None, title=title or None),
                                  text, report)
        if new_id is None:
            return str(st.find_article(content_hash(text)))
        update_derived(st, articles=[new_id])
        return str(new_id)
    except StoreError as e:
        raise HTTPException(503, detail=f"The article could not be saved: {e}") from None


#: What to do about text in another encoding than UTF-8.
CONVERT_ADVICE = "convert it to UTF-8 first (e.g. iconv -f latin1 -t utf-8), or upload the file"


def check_pasted(text: str) -> None:
    """InputError when pasted text arrived in another encoding than UTF-8.

    A form sent as Latin-1 reaches the server with U+FFFD where each accented
    letter was ("d\ufffdclar\ufffd"): analysing that would quietly lose the letters.
    """
    at = text.find("\ufffd")
    if at >= 0:
        raise InputError(f"the text is not valid UTF-8: character {at:,} could not be read (it was sent "
                         f"in another encoding, often Latin-1 or Windows-1252); {CONVERT_ADVICE}")


def read_upload(file: UploadFile, publisher: str, published: str,
                title: str) -> tuple[str, str, str, str]:
    """The text of an uploaded .txt or .html file, and the metadata it gives."""
    from sayso.ingest.text import decode_text, text_metadata

    name = Path(file.filename or "upload").name
    data = file.file.read()
    is_html = name.lower().endswith((".html", ".htm")) or (file.content_type or "").startswith("text/html")
    if not is_html and not name.lower().endswith(".txt") and not (file.content_type or "").startswith("text/"):
        raise InputError(f"{name}: sayso reads .txt and .html files")
    text = decode_text(data, name)
    if is_html:
        from sayso.ingest.html import extract_html

        page = extract_html(text, name)
        return (page.text, publisher or page.publisher or "", published or page.published or "",
                title or page.title or "")
    meta = text_metadata(text, name)
    return (text, publisher or meta.publisher or "", published or meta.published or "",
            title or meta.title or "")


def article_context(web: Web, text: str, report: ArticleReport, *, article_id: str | None = None,
                    meta: dict[str, Any] | None = None, card_page: int = 1) -> dict[str, Any]:
    """What article.html draws: the marked text, the cards of one page, the summary."""
    n_pages = max(1, -(-len(report.attributions) // CARDS_PER_PAGE))
    card_page = min(max(1, card_page), n_pages)
    shown = report.attributions[(card_page - 1) * CARDS_PER_PAGE:card_page * CARDS_PER_PAGE]
    # An attribution in a title given apart from the text is marked in the title (sayso.attribution.title).
    segs = view.segments(text, [a for a in shown if not a.in_title])
    in_title = [a for a in shown if a.in_title]
    cards = [view.card(report, a, report.title if a.in_title else text) for a in shown]
    labels = {c["id"]: f'Attribution {c["n"]}: {c["speaker"]} {c["cue"]}' for c in cards}
    children: dict[str, list[str]] = {}
    for a in report.attributions:
        if a.nested_in:
            children.setdefault(a.nested_in, []).append(a.id)
    for c in cards:
        c["children"] = children.get(c["id"], [])
    linkable = _linkable_names(web, report)
    speakers = []
    for s in report.sourcing_summary.speakers:
        kinds = {a.source_kind for a in report.attributions if view.speaker_label(a) == s.key}
        speakers.append({"key": s.key, "count": s.count, "source_class": view.source_class_of(kinds),
                         "entity": s.key in linkable})
    meta = meta or {}
    return {
        "speakers": speakers, "linkable": linkable,
        "report": report,
        "text_html": Markup(view.render_text(segs, labels, view.source_classes(shown), view.content_marks(shown))),
        "title_html": Markup(view.render_text(view.segments(report.title, in_title), labels,
                                              view.source_classes(in_title), view.content_marks(in_title)))
        if in_title and report.title else None,
        "events": view.event_rows(report, (a.id for a in shown)),
        "by_basis": {c.key: c.count for c in report.sourcing_summary.by_basis},
        "cards": cards, "card_page": card_page, "card_pages": n_pages,
        "card_first": (card_page - 1) * CARDS_PER_PAGE + 1, "card_last": (card_page - 1) * CARDS_PER_PAGE + len(shown),
        "n_attributions": len(report.attributions),
        "tracks": view.track_count(segs), "summary": report.sourcing_summary,
        # A stored article's metadata is the corpus's (perhaps corrected by hand); a pasted one's
        # is the form's, else what the report found in the text.
        **({k: meta.get(k) for k in ("title", "publisher", "published")} if "id" in meta else
           {k: meta.get(k) or getattr(report, k) for k in ("title", "publisher", "published")}),
        "url": meta.get("url"),
        "source_file": view.file_name(meta.get("source")),
        "article_id": article_id, "kind_labels": view.SOURCE_KIND_LABELS,
    }


def _linkable_names(web: Web, report: ArticleReport) -> set[str]:
    """The speaker names that have an entity page: only those the corpus knows.

    "some", "critics", "many observers" are speakers of an article but no one's
    name, and an example never saved has no entities at all: linking them all
    gave 404s.
    """
    if not web.settings.db_url:
        return set()
    from sayso.store.queries import known_names

    names = {view.entity_name(a) for a in report.attributions}
    names |= {c.name for a in report.attributions if not view.is_anonymous(a) for c in a.co_speakers}
    try:
        store = web.store.get()
    except HTTPException:
        return set()        # the store is down: the analysis still shows, without links
    return known_names(store, {n for n in names if n})
