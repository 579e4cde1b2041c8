"""Bad input is refused in one line, naming the file; the rest of the command goes on."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from cli_run import invoke

import sayso
from sayso.errors import InputError
from sayso.ingest.text import DEFAULT_MAX_BYTES, decode_text, read_limited, read_text_file

GOOD = '"The bridge will reopen in May," the mayor said.\n'
BIG = 50 * 1024 * 1024


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes created instantly (a hole, not written data)."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"\xef\xbb\xbf", "empty"),
    (b"  \n\t \r\n", "white space"),
    (b"PK\x03\x04\x00\x00binary", "NUL byte at byte offset 4"),
    (b"caf\xe9 au lait", "not valid UTF-8 (byte offset 3"),
    (b"\xef\xbb\xbfok \xff", "byte offset 6"),
])
def test_decode_text_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as e:
        decode_text(data, "in.txt")
    msg = str(e.value)
    assert msg.startswith("in.txt: ") and reason in msg and "\n" not in msg


def test_decode_text_strips_the_bom_and_keeps_line_endings() -> None:
    assert decode_text('\ufeffShe said: “yes.”\r\n'.encode(), "x") == "She said: “yes.”\r\n"


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = sparse_file(tmp_path / "huge.txt", BIG)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as e:
            read_text_file(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "huge.txt" in str(e.value) and "larger than the limit" in str(e.value)
    assert peak < 2 * DEFAULT_MAX_BYTES


class _Endless(io.RawIOBase):
    """A stream that never ends (like a pipe from /dev/zero), counting what was read."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        n = len(b)
        b[:n] = b"a" * n
        self.served += n
        return n


def test_an_endless_stream_is_read_only_up_to_the_limit() -> None:
    stream = _Endless()
    with pytest.raises(InputError, match="larger than the limit of 1,000 bytes"):
        read_limited(io.BufferedReader(stream), "<stdin>", max_bytes=1000)
    assert stream.served < 10_000


def test_max_bytes_is_exact(tmp_path: Path) -> None:
    f = tmp_path / "exact.txt"
    f.write_bytes(b"a" * 100)
    assert read_text_file(f, max_bytes=100) == "a" * 100
    with pytest.raises(InputError, match="larger than the limit of 99"):
        read_text_file(f, max_bytes=99)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.txt: No such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text_file(tmp_path)


def test_every_bad_file_gets_one_line_and_the_good_ones_are_analysed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = {
        "empty.txt": b"",
        "blank.txt": b" \n \n",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        "latin1.txt": "Le maire a déclaré".encode("latin-1"),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    sparse_file(tmp_path / "huge.txt", BIG)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "also-good.txt").write_text(GOOD, encoding="utf-8")
    names = ["empty.txt", "good.txt", "blank.txt", "photo.jpg", "huge.txt", "missing.txt",
             "latin1.txt", "also-good.txt"]
    monkeypatch.chdir(tmp_path)
    r = invoke("analyze", "--json", "--mode", "fast", *names)
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    failed = [n for n in names if "good" not in n]
    for n in failed:
        assert len([x for x in lines if x.startswith(f"sayso: {n}: ")]) == 1, n
    assert "byte offset 12" in next(x for x in lines if "latin1.txt" in x)
    assert "larger than the limit" in next(x for x in lines if "huge.txt" in x)
    assert len(lines) == len(failed) + 1  # one per bad file, then the tally
    assert "6 of 8" in lines[-1]
    reports = [sayso.ArticleReport.from_dict(json.loads(x)) for x in r.stdout.splitlines()]
    assert [rep.text_length for rep in reports] == [len(GOOD), len(GOOD)]
    assert all(rep.attributions for rep in reports)


def test_max_bytes_option_lets_a_bigger_file_through(tmp_path: Path) -> None:
    f = tmp_path / "good.txt"
    f.write_text(GOOD, encoding="utf-8")
    r = invoke("analyze", "--max-bytes", "20", "--mode", "fast", str(f))
    assert r.exit_code == 1 and "larger than the limit of 20 bytes" in r.stderr
    r = invoke("analyze", "--max-bytes", "60", "--json", "--mode", "fast", str(f))
    assert r.exit_code == 0, r.stderr


# Long texts (up to 28,000 characters), each parsed whole: slow.
@pytest.mark.parametrize("text", [
    "breaking news " * 2000,                      # no sentence boundaries, no punctuation
    '"' * 3000,                                   # thousands of straight quotation marks
    "“" * 1500 + "”" * 1501 + " he said",         # unbalanced curly quotes
    ("“Yes,” she said. " * 300) + "“Unclosed",    # many quotes, the last one never closed
    "\n\n\n—\n\n“”\n",                            # punctuation only
])
@pytest.mark.slow
def test_odd_text_just_works(text: str) -> None:
    report = sayso.analyze(text, mode="fast")
    assert report.text_length == len(text)
    for a in report.attributions:
        for s, e in a.content.spans + a.cue.spans:
            assert 0 <= s < e <= len(text)


# -- issue 31 (appended) --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("run", ["[" * 8_000, "“" * 8_000, '."' * 4_000, ")" * 8_000])
def test_a_long_run_without_spaces_is_analysed_with_true_offsets(run: str) -> None:
    """20,000 characters in one run took about 30 s in spaCy's tokenizer alone (quadratic);
    sayso.nlp.guard tokenizes it in pieces (bench/tokenizer_guard.py has the times).  8,000
    keep the test's cost down; test_reliability_input checks that no run reaches the tokenizer whole."""
    text = GOOD + run + "\n" + GOOD
    report = sayso.analyze(text, mode="fast")
    assert report.text_length == len(text)
    said = [a.cue.spans[0] for a in report.attributions if a.cue.text == "said"]
    assert [text[s:e] for s, e in said] == ["said", "said"] and said[1][0] > len(run)


def test_unreadable_folders_and_fifos_are_one_failed_item_each(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing unreadable is skipped in silence, and nothing blocks (issue 31)."""
    import os

    from sayso.ingest.files import iter_paths

    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "locked" / "lost.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "in" / "pipe.jsonl")
    locked, real = str(tmp_path / "in" / "locked"), os.scandir
    monkeypatch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "Permission denied", p))
                        if os.fspath(p) == locked else real(p))
    items = list(iter_paths([str(tmp_path / "in"), str(tmp_path / "in" / "pipe.jsonl")]))
    assert [(Path(i.source).name, i.error is None) for i in items] == [
        ("good.txt", True), ("locked", False), ("pipe.jsonl", False), ("pipe.jsonl", False)]
    assert all(i.error and i.error.startswith(i.source) for i in items[1:])
