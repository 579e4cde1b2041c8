"""`sayso analyze` on files in a temporary folder.

Three runs are real processes (the default mode's JSON, standard input, the
readable report on a pipe; slow: each pays for starting Python, spaCy and torch); the rest call the same command in this process
(``invoke``), where the model is loaded already, and in fast mode unless the
mode is the point.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from cli_run import invoke

import sayso

QUOTE = '"We will win the vote," Jane Doe said on Tuesday.\n'


def run(cmd: list[str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(check=False, args=[*cmd, *args], input=stdin, capture_output=True, text=True, timeout=120,
                          stdin=None if stdin is not None else subprocess.DEVNULL)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("cli")
    (d / "call-report.txt").write_text(example_text, encoding="utf-8")
    (d / "jane.txt").write_text(QUOTE, encoding="utf-8")
    return {"example": d / "call-report.txt", "jane": d / "jane.txt"}


@pytest.mark.slow
def test_json_is_the_library_report(sayso_cmd: list[str], files: dict[str, Path],
                                    example_report: sayso.ArticleReport) -> None:
    r = run(sayso_cmd, "analyze", str(files["example"]), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert sayso.ArticleReport.from_dict(data) == example_report


def test_json_lines_for_several_files(files: dict[str, Path]) -> None:
    r = invoke("analyze", str(files["example"]), str(files["jane"]), "--json", "--mode", "fast")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    reports = [sayso.ArticleReport.from_dict(json.loads(line)) for line in lines]
    assert reports[0].text_length == len(files["example"].read_text(encoding="utf-8"))
    assert reports[1].text_length == len(QUOTE)
    assert [a.source.text for a in reports[1].attributions if a.source] == ["Jane Doe"]


def test_format_polnear(files: dict[str, Path]) -> None:
    r = invoke("analyze", "--format", "polnear", str(files["jane"]), str(files["example"]), "--mode", "fast")
    assert r.exit_code == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["jane", "call-report"]
    (jane,) = lines[0]["attributions"]
    assert set(jane) == {"source", "cue", "content"}
    assert [QUOTE[s:e] for s, e in jane["source"]] == ["Jane Doe"]
    assert [QUOTE[s:e] for s, e in jane["cue"]] == ["said"]
    assert "We will win the vote" in "".join(QUOTE[s:e] for s, e in jane["content"])
    for a in lines[1]["attributions"]:
        for role in ("source", "cue", "content"):
            assert all(isinstance(f, list) and len(f) == 2 and f[0] < f[1] for f in a[role])


@pytest.mark.slow
def test_stdin(sayso_cmd: list[str]) -> None:
    r = run(sayso_cmd, "analyze", "-", "--json", "--publisher", "The Example Post", "--mode", "fast", stdin=QUOTE)
    assert r.returncode == 0, r.stderr
    report = sayso.ArticleReport.from_dict(json.loads(r.stdout))
    assert report.publisher == "The Example Post"
    assert report.text_length == len(QUOTE)
    assert report.attributions and report.attributions[0].cue.text == "said"


@pytest.mark.slow
def test_readable_report_starts_with_the_summary(sayso_cmd: list[str], files: dict[str, Path],
                                                 example_report_fast: sayso.ArticleReport) -> None:
    example_report = example_report_fast
    r = run(sayso_cmd, "analyze", str(files["example"]), "--mode", "fast")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.index("Sourcing summary") < out.index("Attributions")
    for label in ("publisher", "by source kind", "anonymous sources", "outlets relayed", "hedged",
                  "non-responses"):
        assert label in out
    assert "Axios" in out
    first = example_report.attributions[0]
    assert first.cue.text in out
    assert f"Attributions ({len(example_report.attributions)})" in out
    assert r.stderr == ""
    assert not [line for line in out.splitlines() if line != line.rstrip()], "no padding at line ends"
    assert "\x1b[" not in out, "no colour codes when piped"


def test_readable_report_prints_article_brackets_verbatim(tmp_path: Path) -> None:
    """Article text is never read as rich markup: '[bold]' stays on the page."""
    f = tmp_path / "brackets.txt"
    f.write_text('"The [bold] plan [/] works," the minister said.\n', encoding="utf-8")
    r = invoke("analyze", str(f), "--mode", "fast")
    assert r.exit_code == 0, r.stderr
    assert "[bold] plan [/]" in r.stdout


def test_json_and_polnear_exclude_each_other(files: dict[str, Path]) -> None:
    r = invoke("analyze", str(files["jane"]), "--json", "--format", "polnear")
    assert r.exit_code == 2
    assert "exclude each other" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(("value", "hint"), [("13/02/2025", "2016-10-05"), ("Feb 13, 2025", "2025-02-13"),
                                           ("2025-02-30", "2016-10-05"), ("yesterday", "2016-10-05")])
def test_a_date_sayso_cannot_read_is_refused_naming_the_form(files: dict[str, Path], tmp_path: Path,
                                                            value: str, hint: str) -> None:
    """--published "13/02/2025" used to be taken as it was: "Wednesday" then became no day, and a
    --since that is no date matched nothing; both are now a command-line error saying what to give."""
    r = invoke("analyze", str(files["jane"]), "--mode", "fast", "--published", value)
    assert r.exit_code == 2 and r.stdout == ""
    assert "YYYY-MM-DD" in r.stderr and f"e.g. {hint}" in " ".join(r.stderr.replace("│", " ").split())
    r = invoke("quotes", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--since", value)
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.stderr and not (tmp_path / "none.db").exists()
    assert "Traceback" not in r.stderr


def test_an_iso_date_or_timestamp_is_taken(files: dict[str, Path]) -> None:
    for value in ("2025-02-13", "2025-02-13T14:03:00Z", "2025-02", "2025"):
        r = invoke("analyze", str(files["jane"]), "--mode", "fast", "--published", value, "--json")
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["published"] == value


def test_the_command_turns_off_the_model_loading_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    """The claim embedder's "Loading weights" bar broke into ingest's progress lines on stderr."""
    import sayso.cli

    monkeypatch.delenv("HF_HUB_DISABLE_PROGRESS_BARS", raising=False)
    monkeypatch.setattr(sayso.cli, "app", lambda: None)
    sayso.cli.main()
    assert os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "1"


def test_empty_standard_input_is_not_called_a_file() -> None:
    from typer.testing import CliRunner

    r = CliRunner().invoke(sayso.cli.app, ["analyze", "-", "--mode", "fast"], input="")
    assert r.exit_code == 1 and "<stdin>: the input is empty (nothing was piped in)" in r.stderr
    r = CliRunner().invoke(sayso.cli.app, ["analyze", "-", "--mode", "fast"], input=" \n")
    assert r.exit_code == 1 and "<stdin>: the input holds only white space" in r.stderr


def test_eval_refuses_the_withheld_test_split() -> None:
    r = invoke("eval", "polnear", "--split", "test")
    assert r.exit_code != 0
    assert "withheld" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_train_without_corpus_is_one_line(tmp_path: Path) -> None:
    r = invoke("train", "polnear", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m"))
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "no PolNeAR corpus" in r.stderr
    assert not (tmp_path / "m").exists()


def test_readable_report_degrades_gracefully_on_empty_fields() -> None:
    """A bare report (no speaker, source, entities, summary, publisher) still renders every attribution."""
    import io

    from rich.console import Console

    from sayso.cli.render import report_renderable

    text = "“It is over.” Nothing more was said."
    said = text.index("said")
    bare = sayso.Attribution(id="a1", cue=sayso.TextSpan.of(text, [(said, said + 4)]),
                             content=sayso.TextSpan.of(text, [(0, 13)]))
    report = sayso.ArticleReport(text_length=len(text), attributions=(bare,))
    buf = io.StringIO()
    Console(file=buf, width=100).print(report_renderable(report, "bare.txt"))
    out = buf.getvalue()
    assert "(no source given)" in out and "“It is over.”" in out and "cue said" in out
    assert "publisher" in out and "unknown" in out
    empty = io.StringIO()
    Console(file=empty, width=100).print(report_renderable(sayso.ArticleReport(text_length=5)))
    assert "No attributions found." in empty.getvalue()


@pytest.mark.parametrize(("text", "quoted"), [
    ("He said “we won” today", ["“we won”"]),
    ("Russia’s “afraid of you,” he said", ["“afraid of you,”"]),
    ('a "b" c "d', ['"b"', '"d']),                 # the last quote never closes: highlighted to the end
    ("« Oui », dit-il", ["« Oui »"]),
    ("no quotes at all", []),
    ("''It felt like we don't agree,'' Mr. Rogan said.", ["''It felt like we don't agree,''"]),  # archive text
])
def test_quoted_parts_are_highlighted(text: str, quoted: list[str]) -> None:
    from sayso.cli.render import quoted_text

    rendered = quoted_text(text)
    assert rendered.plain == text
    assert [text[s.start:s.end] for s in rendered.spans if s.style] == quoted
