"""The accurate mode's encoder under ONNX Runtime against torch, on the same chunks (issue 30).

    .venv/bin/pip install onnxruntime            # not a sayso dependency
    .venv/bin/python bench/encoder_onnx.py --articles 20 --out bench/results/encoder-onnx.json

Exports MiniLM (``Encoder.piece_vectors``, float32, as trained) to ONNX with a
dynamic batch and width, then encodes PolNeAR dev's chunks the way
``sayso.attribution.neural.encode`` batches them, with each engine on ONE
thread: torch float32 ("exact"), torch bfloat16 (the default where the CPU
has it), ONNX Runtime float32 (graph optimisations on) and ONNX Runtime int8 (dynamic
quantisation, per-channel weights).  Rounds alternate the
engines so load changes hit all of them; CPU seconds (``time.process_time``)
per chunk, and the largest absolute difference of the top layer's vectors
from torch float32 over real (unpadded) pieces.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from results_file import print_and_save

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("OMP_NUM_THREADS", "1")


def batches(chunks, batch_pieces: int = 4096):  # type: ignore[no-untyped-def]
    """The chunks of one article in the batches ``neural.encode`` makes."""
    start = 0
    while start < len(chunks):
        stop = start + 1
        while stop < len(chunks) and (stop - start + 1) * len(chunks[stop].piece_ids) <= batch_pieces:
            stop += 1
        yield chunks[start:stop]
        start = stop


def main() -> None:
    import numpy as np
    import onnxruntime as ort
    import torch
    from dump_reports import parsed

    from sayso.attribution.neural import table_chunks
    from sayso.attribution.table import build_table
    from sayso.eval import find_polnear
    from sayso.nlp.encoder import attention_mask
    from sayso.nlp.model import load_encoder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "parse-cache")
    ap.add_argument("--onnx", type=Path, default=None, help="where to write the exported model (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    torch.set_num_threads(1)
    root = find_polnear()
    docs = [doc for _, doc in parsed("dev", root, a.cache)][: a.articles]  # type: ignore[arg-type]
    exact, tokenizer = load_encoder(None, "exact", "cpu")
    bf16, _ = load_encoder(None, "bf16", "cpu")
    work = []
    for doc in docs:
        t = build_table(doc)
        for batch in batches(table_chunks(t, tokenizer)):
            width = max(len(c.piece_ids) for c in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            for b, c in enumerate(batch):
                ids[b, : len(c.piece_ids)] = torch.tensor(c.piece_ids)
            lengths = [len(c.piece_ids) for c in batch]
            work.append((ids, attention_mask(lengths, width), lengths))
    n_chunks = sum(ids.shape[0] for ids, _, _ in work)

    class Wrapped(torch.nn.Module):
        def __init__(self, enc) -> None:  # type: ignore[no-untyped-def]
            super().__init__()
            self.enc = enc

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return self.enc.piece_vectors(ids, mask)

    directory = Path(tempfile.mkdtemp()) if a.onnx is None else a.onnx.parent
    path = a.onnx or directory / "encoder.onnx"
    ids0, mask0, _ = work[0]
    started = time.process_time()
    # A fresh wrapper is in training mode, and the exporter restores that mode to the encoder
    # afterwards (dropout on): keep it in eval mode.
    torch.onnx.export(Wrapped(exact).eval(), (ids0, mask0), str(path), input_names=["ids", "mask"],
                      output_names=["vectors"], opset_version=17, dynamo=False,
                      dynamic_axes={"ids": {0: "batch", 1: "width"}, "mask": {0: "batch", 3: "width"},
                                    "vectors": {0: "batch", 1: "width"}})
    export_cpu = time.process_time() - started
    assert not exact.training
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    # int8 dynamic quantisation of the exported graph's matrix products, per channel (the
    # variant that came closest in torch); its F1 was not measured here.
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantized = directory / "encoder-int8.onnx"
    quantize_dynamic(str(path), str(quantized), per_channel=True, weight_type=QuantType.QInt8)
    session8 = ort.InferenceSession(str(quantized), options, providers=["CPUExecutionProvider"])

    def run_torch(model):  # type: ignore[no-untyped-def]
        def go(ids, mask):  # type: ignore[no-untyped-def]
            with torch.inference_mode():
                return model.piece_vectors(ids, mask).numpy()
        return go

    def run_ort(ids, mask):  # type: ignore[no-untyped-def]
        return session.run(None, {"ids": ids.numpy(), "mask": mask.numpy()})[0]

    def run_ort8(ids, mask):  # type: ignore[no-untyped-def]
        return session8.run(None, {"ids": ids.numpy(), "mask": mask.numpy()})[0]

    engines = {"torch float32": run_torch(exact), "torch bfloat16": run_torch(bf16), "onnxruntime float32": run_ort,
               "onnxruntime int8 (dynamic, per channel)": run_ort8}
    reference = [engines["torch float32"](ids, mask) for ids, mask, _ in work]  # also the warm-up
    for go in engines.values():
        go(*work[0][:2])
    cpu: dict[str, list[float]] = {k: [] for k in engines}
    diff: dict[str, float] = {}
    loads = []
    for _ in range(a.rounds):
        loads.append(os.getloadavg()[0])
        for name, go in engines.items():
            started = time.process_time()
            outs = [go(ids, mask) for ids, mask, _ in work]
            cpu[name].append(time.process_time() - started)
            diff[name] = max(float(np.abs(o[b, :n] - r[b, :n]).max())
                             for o, r, (_, _, lengths) in zip(outs, reference, work) for b, n in enumerate(lengths))
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "python": platform.python_version(),
        "torch": torch.__version__, "onnxruntime": ort.__version__, "threads": 1,
        "articles": len(docs), "chunks": n_chunks, "batches": len(work),
        "pieces": sum(sum(lengths) for _, _, lengths in work), "load_1min": loads,
        "export_cpu_s": round(export_cpu, 2), "onnx_mb": round(path.stat().st_size / 1e6, 1),
        "engines": {name: {"cpu_s": [round(x, 3) for x in cpu[name]],
                           "cpu_ms_per_chunk": round(1000 * min(cpu[name]) / n_chunks, 2),
                           "max_abs_diff_vs_torch_float32": diff[name]} for name in engines},
    }
    print_and_save(result, a.out)


if __name__ == "__main__":
    main()
