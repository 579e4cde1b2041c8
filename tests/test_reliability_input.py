"""Issue 31, reliability of input: long runs without spaces, unreadable folders, FIFOs, exit codes.

Every test here failed before its fix.  None of them times anything: the
tokenizer guard is checked by what reaches spaCy's tokenizer (no run longer
than ``MAX_RUN_CHARS``), and bench/tokenizer_guard.py measures the time.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")
from commands import sayso_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import sayso
from sayso.cli import app
from sayso.errors import InputError
from sayso.ingest.files import iter_path
from sayso.ingest.jsonl import parse_line
from sayso.ingest.text import read_text_file
from sayso.nlp.guard import MAX_RUN_CHARS, cut_points, long_runs, tokenize
from sayso.nlp.model import load_nlp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from invariants import ShortRunsOnly, check_report, load_schema

SCHEMA = load_schema()

#: The characters that made spaCy's tokenizer quadratic (issue 31), and a few that do not.
RUN_PIECES = ['"', "“", "”", ")", "(", "[", "]", '."', "'", ",", ".", "-", "—", "a", "Zelensky", "?!", "’s"]
PROSE = "The minister said on Tuesday that the talks had failed, according to two officials."


@pytest.fixture()
def spy() -> Iterator[ShortRunsOnly]:
    nlp = load_nlp()
    real = nlp.tokenizer
    nlp.tokenizer = ShortRunsOnly(real)
    try:
        yield nlp.tokenizer
    finally:
        nlp.tokenizer = real


run = st.builds(lambda parts, n: "".join(parts) * n,
                st.lists(st.sampled_from(RUN_PIECES), min_size=1, max_size=4), st.integers(1, 4000))


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # the spy holds no per-case state
@pytest.mark.slow
@given(run, st.sampled_from(["", " ", "\n"]), st.booleans())
def test_a_long_run_never_reaches_the_tokenizer_whole(spy: ShortRunsOnly, text: str, glue: str,
                                                      in_prose: bool) -> None:
    """Issue 31: 16,000 quotation marks took 22.6 s in spaCy's tokenizer; now it only sees short runs.

    The report keeps every promise of fuzz/invariants.py (offsets exact in the whole text)."""
    text = text[:8_000]
    full = f"{PROSE}{glue}{text}{glue}{PROSE}" if in_prose else text
    check_report(full, sayso.analyze(full, mode="fast"), SCHEMA)
    assert spy.longest <= MAX_RUN_CHARS


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(RUN_PIECES), min_size=1, max_size=3), st.integers(1, 1_000_000),
       st.sampled_from(["", "He said ", "x\n\n"]))
def test_the_cut_plan_bounds_every_piece_up_to_the_size_limit(parts: list[str], size: int, head: str) -> None:
    """Up to the 1,000,000-character limit, every piece handed to spaCy holds at most MAX_RUN_CHARS
    non-space characters in a row, and the pieces are cut only inside long runs."""
    text = (head + "".join(parts) * (size // len("".join(parts)) + 1))[:size]
    cuts = cut_points(text)
    bounds = [0, *cuts, len(text)]
    assert bounds == sorted(bounds)
    for a, b in itertools.pairwise(bounds):
        assert not any(True for _ in long_runs(text[a:b])), (a, b)
    for c in cuts:
        assert not text[c - 1].isspace() and not text[c].isspace()


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([*RUN_PIECES, " ", "\n", PROSE]), min_size=1, max_size=8), st.integers(1, 400))
def test_piecewise_tokens_cover_the_text_exactly(parts: list[str], repeat: int) -> None:
    """The Doc holds the input text character for character, so every offset is true."""
    text = "".join(parts) * repeat
    doc = tokenize(load_nlp(), text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_text_without_a_long_run_is_left_to_spacy() -> None:
    """Ordinary text is tokenized exactly as before."""
    text = PROSE + " https://example.com/" + "a" * (MAX_RUN_CHARS - 20)
    doc, usual = tokenize(load_nlp(), text), load_nlp().make_doc(text)
    assert [(t.text, t.whitespace_, t.norm_) for t in doc] == [(t.text, t.whitespace_, t.norm_) for t in usual]


def test_too_many_tokens_are_refused_before_the_parse(spy: ShortRunsOnly,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """One token a character took 15 KB a token in tok2vec: 1,000,000 of them would need 15 GB."""
    from sayso.nlp import guard

    monkeypatch.setattr(guard, "MAX_TOKENS", 5_000)
    with pytest.raises(InputError, match=r"makes 5,001 tokens \(1.0 characters a token.*at most 5,000"):
        sayso.analyze("[" * 5_001, mode="fast")
    assert len(tokenize(load_nlp(), PROSE * 300)) < 5_000 < len(PROSE * 300)


@pytest.mark.slow
@pytest.mark.parametrize("mark", ['"', "“", ")", "[", '."'])
def test_the_reported_runs_are_analysed_with_true_offsets(spy: ShortRunsOnly, mark: str) -> None:
    """The issue's reproductions, at 6,000 characters, inside an article with an attribution."""
    text = f"{PROSE}\n\n{mark * (6000 // len(mark))}\n\n{PROSE}"
    found = sayso.analyze(text, mode="fast")
    check_report(text, found, SCHEMA)
    cues = [a.cue.text for a in found.attributions]
    assert cues.count("said") == 2, cues
    last = found.attributions[-1]
    start, end = last.cue.spans[0]
    assert text[start:end] == "said" and start > 6000


# -- unreadable folders, FIFOs, exit codes (issue 31) -----------------------------------------------------

GOOD = "The minister said on Tuesday that the talks had failed."
PAGE = """<!doctype html><html><head><title>Talks fail | The Capital Ledger</title>
<meta property="og:site_name" content="The Capital Ledger">
<meta property="og:title" content="The talks have failed"></head>
<body><nav><a href="/">Home</a></nav><article><h1>The talks have failed</h1>
<p>The minister said on Tuesday that the talks had failed, and that no new round was planned for the
spring, according to two officials who were briefed on the meeting.</p>
<p>"We have tried everything," the minister told reporters outside the ministry after the meeting.</p>
</article><footer>Copyright 2024 The Capital Ledger. All rights reserved.</footer></body></html>"""


def _sayso(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*sayso_command(), *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False, env={**os.environ, "COLUMNS": "250"})


def _folder_with_a_locked_room(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "locked" / "lost.txt").write_text("The mayor said the bridge would reopen.", encoding="utf-8")
    return root, root / "locked"


@pytest.fixture()
def locked_scandir(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """``os.scandir`` raising PermissionError for the folders in the yielded set (root ignores chmod)."""
    locked: set[str] = set()
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield locked


def test_an_unreadable_folder_is_an_error_item_not_silence(tmp_path: Path, locked_scandir: set[str]) -> None:
    """Issue 31: Path.rglob swallowed the PermissionError, so the article inside was lost unreported."""
    root, locked = _folder_with_a_locked_room(tmp_path)
    locked_scandir.add(str(locked))
    items = list(iter_path(root))
    assert [(i.source, i.error is None) for i in items] == [(str(root / "a.txt"), True), (str(locked), False)]
    assert "cannot read this folder (Permission denied)" in (items[1].error or "")


def test_ingest_names_the_unreadable_folder_and_exits_1(tmp_path: Path, locked_scandir: set[str]) -> None:
    """The summary said "0 failed" and the exit status was 0."""
    root, locked = _folder_with_a_locked_room(tmp_path)
    locked_scandir.add(str(locked))
    r = CliRunner().invoke(app, ["ingest", str(root), "--db", f"sqlite:///{tmp_path / 'c.db'}", "--mode", "fast",
                                 "--json"])
    assert r.exit_code == 1, r.output
    summary = json.loads(r.stdout)
    assert (summary["ingested"], summary["failed"]) == (1, 1)
    assert summary["failures"][0]["source"] == str(locked)
    assert f"failed: {locked}: cannot read this folder" in r.stderr


def _nobody_can_run_python() -> str | None:
    """Why the test as ``nobody`` cannot run here, or None."""
    if os.geteuid() != 0:
        return "needs root to switch to nobody (as a normal user, chmod 000 is enough: see the next test)"
    if shutil.which("runuser") is None:
        return "runuser is not installed"
    probe = subprocess.run(["runuser", "-u", "nobody", "--", sys.executable, "-c", "import sayso"],
                           capture_output=True, timeout=120, check=False)
    if probe.returncode != 0:
        return f"nobody cannot run this interpreter ({probe.stderr.decode(errors='replace').strip()[:120]})"
    return None


def test_an_unreadable_folder_really_unreadable(tmp_path: Path) -> None:
    """The same with a real chmod 000: as this user, or as ``nobody`` when the tests run as root."""
    root, locked = _folder_with_a_locked_room(tmp_path)
    code = ("import json, sys; from sayso.ingest.files import iter_path; "
            "print(json.dumps([[i.source, i.error] for i in iter_path(sys.argv[1])]))")
    if os.geteuid() == 0:
        reason = _nobody_can_run_python()
        if reason:
            pytest.skip(f"root reads every folder, and {reason}")
        for p in (tmp_path, root):
            p.chmod(0o755)
        cmd = ["runuser", "-u", "nobody", "--", sys.executable, "-c", code, str(root)]
    else:
        cmd = [sys.executable, "-c", code, str(root)]
    locked.chmod(0)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    finally:
        locked.chmod(0o755)
    items = json.loads(done.stdout)
    assert [s for s, _ in items] == [str(root / "a.txt"), str(locked)]
    assert "cannot read this folder" in items[1][1]


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, fifo: Path, command: str) -> None:
    """Issue 31: a FIFO given as a path blocked for ever (nobody writes to it)."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    extra = ["--db", f"sqlite:///{tmp_path / 'c.db'}"] if command == "ingest" else []
    try:
        r = _sayso(command, str(fifo), str(good), "--mode", "fast", *extra, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.fail(f"sayso {command} waited on the FIFO")
    assert r.returncode == 1, r.stderr
    assert f"{fifo}: a named pipe (FIFO), not a regular file" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_fifo_in_a_folder_is_named_too(tmp_path: Path, fifo: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    items = list(iter_path(tmp_path))
    assert [(Path(i.source).name, bool(i.error)) for i in items] == [("good.txt", False), ("pipe.txt", True)]
    assert "FIFO" in (items[1].error or "")
    with pytest.raises(InputError, match="not a regular file"):
        read_text_file(fifo)


@pytest.mark.slow
def test_ingest_exits_1_when_inputs_failed_and_names_each(tmp_path: Path) -> None:
    """Issue 31: `sayso ingest` exited 0 with empty, binary and broken JSON Lines inputs."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01PK")
    (tmp_path / "feed.jsonl").write_text('{"text": "The mayor said the bridge would reopen."}\n{broken\n',
                                         encoding="utf-8")
    # Without sentence embeddings: what is tested is the exit status, not how claims group.
    r = _sayso("ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'c.db'}", "--mode", "fast", "--no-embeddings")
    assert r.returncode == 1, r.stderr
    assert "2 ingested" in r.stderr and "3 failed" in r.stderr, r.stderr
    for name in ("empty.txt", "binary.txt", "feed.jsonl:2"):
        assert f"failed: {tmp_path / name}" in r.stderr, (name, r.stderr)
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "good.txt").write_text(GOOD, encoding="utf-8")
    ok = _sayso("ingest", str(clean), "--db", f"sqlite:///{tmp_path / 'd.db'}", "--mode", "fast", "--no-embeddings")
    assert ok.returncode == 0, ok.stderr


def test_the_exit_status_is_in_the_help() -> None:
    for command in ("analyze", "ingest", "batch"):
        r = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "250"})
        assert "Exit status: 0 when every input was analysed" in " ".join(r.stdout.split()), command


@pytest.mark.slow
def test_analyze_reads_an_html_page_as_ingest_does(tmp_path: Path) -> None:
    """Issue 31: `sayso analyze page.html` analysed the raw markup."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = _sayso("analyze", str(page), "--json", "--mode", "fast")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["publisher"] == "The Capital Ledger" and report["title"] == "The talks have failed"
    item = next(iter_path(page))
    assert report == sayso.analyze(item.text, publisher=item.publisher, title=item.title,
                                   published=item.published, mode="fast").to_dict()
    assert not any("<" in a["content"]["text"] for a in report["attributions"])


def test_a_json_error_says_at_once() -> None:
    """The message read "Invalid control character at at column 40"."""
    item = parse_line('{"text": "a\nb"}', "feed.jsonl:3")
    assert item.error == "feed.jsonl:3: not valid JSON (Invalid control character at column 12)"


@pytest.fixture()
def small_token_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    from sayso.nlp import guard

    monkeypatch.setattr(guard, "MAX_TOKENS", 3_000)
    return 3_000


def test_a_pathological_article_fails_alone_in_ingest(tmp_path: Path, small_token_limit: int) -> None:
    """The articles batched with it are stored; it is named as failed, and the exit status is 1."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("[" * (small_token_limit + 1), encoding="utf-8")
    (tmp_path / "c.txt").write_text(PROSE, encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'c.db'}",
                                 "--mode", "fast", "--json"])
    assert r.exit_code == 1, r.output
    summary = json.loads(r.stdout)
    assert (summary["ingested"], summary["failed"]) == (2, 1)
    assert summary["failures"][0]["source"] == str(tmp_path / "b.txt")
    assert "tokens" in summary["failures"][0]["reason"]


def test_a_pathological_article_fails_alone_in_batch(small_token_limit: int) -> None:
    worker = pytest.importorskip("sayso.batch.worker", reason="the batch extra is not installed")
    from sayso.batch.inputs import Item

    texts = [GOOD, "[" * (small_token_limit + 1), PROSE]
    items = [Item(n, {"text": t, "source": f"feed.jsonl:{n + 1}"}) for n, t in enumerate(texts)]
    outcomes = [o for _, o in worker.analyse_items(items, mode="fast")]
    assert isinstance(outcomes[1], InputError) and "tokens" in str(outcomes[1])
    assert [a.cue.text for a in outcomes[0].attributions] == ["said"]
    assert "said" in [a.cue.text for a in outcomes[2].attributions]


def test_batch_refuses_an_unreadable_folder_naming_it(tmp_path: Path, locked_scandir: set[str]) -> None:
    """`sayso batch` planned with Path.rglob, which dropped an unreadable folder without a word."""
    from sayso.batch.inputs import discover

    root, locked = _folder_with_a_locked_room(tmp_path)
    locked_scandir.add(str(locked))
    with pytest.raises(InputError, match="cannot read this folder") as e:
        discover([root])
    assert str(locked) in str(e.value)


def test_batch_refuses_a_fifo_with_the_right_reason(fifo: Path) -> None:
    """A FIFO was "no such file", and given to a worker it would block it."""
    from sayso.batch.inputs import discover

    with pytest.raises(InputError, match="named pipe"):
        discover([fifo])
