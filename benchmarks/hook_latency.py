"""Hook latency per event (wall, process start included), tokens injected per prompt, MCP tool latency.

    .venv/bin/python benchmarks/hook_latency.py [--records 10000] [--runs 40] [--cold-runs 5] [--no-mcp] [--json]

Builds a throw-away store (a git repo, RECORDS journal records, 50 memories) in a
temp dir, then runs the real `kairos hook` process RUNS times per event in three
states of the recall daemon, and the real `kairos mcp` server through the SDK
client. Prints p50/p95 in milliseconds.

- warm: the daemon is up (`kairos daemon start --warm REPO`); recall is hybrid.
- lexical: the daemon is down and the hook answers in-process with BM25
  (`KAIROS_HOOK_DAEMON=off`, so no daemon is started): the fallback's own cost.
- cold: the daemon is down and the hook starts it (the first prompt after a
  reboot or an idle exit). Each sample stops the daemon first and waits for the
  one it started to come up afterwards, so samples don't overlap with a warm-up.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KAIROS = Path(sys.executable).with_name("kairos")
WORDS = ("deploy database migration cache redis postgres api token auth login session test pytest "
         "build docker kubernetes config parser lexer index query vector embedding journal hook "
         "compaction guard shell billing invoice scheduler retry queue worker").split()
PROMPTS = ["how do we deploy the billing service?", "why does the redis cache miss after login?",
           "fix the flaky scheduler retry test", "what did we decide about postgres migrations?",
           "write a haiku about autumn", "add a docker build step for the worker queue",
           "where is the invoice parser configured?", "rename the session token helper"]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def build(root: Path, n: int) -> tuple[Path, dict[str, str]]:
    env = {**os.environ, "KAIROS_HOME": str(root / "home"), "KAIROS_DEVICE": "bench", "KAIROS_NO_DREAM": "1"}
    repo = root / "repo"
    repo.mkdir()
    genv = {**env, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@b"}
    (repo / "app.py").write_text("def main():\n    pass\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=genv)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=genv)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "i"], check=True, env=genv)
    code = f"""
import random
from kairos import Kairos
from kairos.journal import RecordDraft
random.seed(7)
W = {WORDS!r}
k = Kairos({str(repo)!r}, fsync=False)
d = [RecordDraft("observation", " ".join(random.choices(W, k=25)), None, f"s{{i % 200}}", "agent", {{}})
     for i in range({n})]
for i in range(0, len(d), 2000):
    k.journal.append_many(d[i:i + 2000])
for i in range(50):
    k.remember(f"We use {{random.choice(W)}} with {{random.choice(W)}} for the {{random.choice(W)}} step ({{i}})",
               "project")
k.refresh() if hasattr(k, "refresh") else k.index.refresh()
"""
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=repo)
    return repo, env


def daemon(cmd: list[str], env: dict[str, str], cwd: Path) -> None:
    subprocess.run([str(KAIROS), "daemon", *cmd], check=True, env=env, cwd=cwd, capture_output=True)


def wait_daemon(env: dict[str, str], cwd: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        p = subprocess.run([str(KAIROS), "daemon", "status", "--json"], env=env, cwd=cwd, capture_output=True,
                           text=True)
        if p.returncode == 0 and json.loads(p.stdout)["running"]:
            return
        time.sleep(0.2)
    raise SystemExit("the daemon did not come up")


def summary(lat: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {e: {"p50": round(statistics.median(v), 1), "p95": round(pct(v, 95), 1), "n": len(v)}
            for e, v in lat.items()}


def run_hook(payload: dict, env: dict[str, str], cwd: Path) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run([str(KAIROS), "hook"], input=json.dumps(payload), capture_output=True, text=True,
                       env=env, cwd=cwd)
    return (time.perf_counter() - t) * 1000, p.stdout


def payloads(repo: Path, i: int) -> dict[str, dict]:
    base = {"session_id": f"bench-{i}", "transcript_path": "", "cwd": str(repo)}
    return {
        "SessionStart": {**base, "hook_event_name": "SessionStart", "source": "startup"},
        "UserPromptSubmit": {**base, "hook_event_name": "UserPromptSubmit", "prompt": PROMPTS[i % len(PROMPTS)]},
        "PreToolUse": {**base, "hook_event_name": "PreToolUse", "tool_name": "Bash",
                       "tool_input": {"command": "pytest -q tests/", "description": "tests"}, "tool_use_id": "t"},
        "PostToolUse": {**base, "hook_event_name": "PostToolUse", "tool_name": "Bash",
                        "tool_input": {"command": "pytest -q"},
                        "tool_response": {"stdout": "3 passed", "stderr": "", "interrupted": False}},
        "Stop": {**base, "hook_event_name": "Stop", "stop_hook_active": False},
    }


def mcp_latency(repo: Path, env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    import anyio
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    async def main() -> dict[str, list[float]]:
        times: dict[str, list[float]] = {}
        t0 = time.perf_counter()
        async with Client(StdioServerParameters(command=str(KAIROS), args=["mcp"], cwd=str(repo), env=env)) as c:
            await c.list_tools()
            times["startup+list_tools"] = [(time.perf_counter() - t0) * 1000]
            rid = None
            for i in range(runs):
                calls = [("search", {"query": PROMPTS[i % len(PROMPTS)]}),
                         ("remember", {"text": f"bench fact {i}: queue workers retry {i} times"})]
                for name, args in calls:
                    t = time.perf_counter()
                    r = await c.call_tool(name, args)
                    times.setdefault(name, []).append((time.perf_counter() - t) * 1000)
                    if name == "remember":
                        rid = (r.structured_content or {}).get("record_id")
                for name, args in (("read", {"key": f"bench-fact-{i}-queue-workers-retry"}),
                                   ("expand", {"start": rid, "limit": 5})):
                    t = time.perf_counter()
                    await c.call_tool(name, args)
                    times.setdefault(name, []).append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            await c.call_tool("history", {"key": "bench-fact-0-queue-workers-retry"})
            times["history"] = [(time.perf_counter() - t) * 1000]
        return times

    raw = anyio.run(main)
    return {k: {"p50": round(statistics.median(v), 1), "p95": round(pct(v, 95), 1), "n": len(v)}
            for k, v in raw.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--no-mcp", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo, env = build(Path(tmp), args.records)
        lexical_env = {**env, "KAIROS_HOOK_DAEMON": "off"}
        modes: dict[str, dict[str, dict[str, float]]] = {}
        tokens: dict[str, list[int]] = {}
        answered: dict[str, dict[str, int]] = {}
        try:
            daemon(["start", "--warm", str(repo)], env, repo)
            for mode, menv in (("warm", env), ("lexical", lexical_env)):
                for i in range(3):  # warm the OS cache and .pyc files
                    for p in payloads(repo, 1000 + i).values():
                        run_hook(p, menv, repo)
                lat: dict[str, list[float]] = {}
                for i in range(args.runs):
                    for event, p in payloads(repo, i + (0 if mode == "warm" else 500)).items():
                        ms, out = run_hook(p, menv, repo)
                        lat.setdefault(event, []).append(ms)
                        if event == "UserPromptSubmit":
                            ctx = json.loads(out)["hookSpecificOutput"]["additionalContext"] if out.strip() else ""
                            tokens.setdefault(mode, []).append((len(ctx) + 3) // 4)
                            how = ctx.split("(answered by ", 1)[1].split("; provenance", 1)[0][:-1] if "(answered by " in ctx \
                                else "nothing injected"
                            answered.setdefault(mode, {}).setdefault(how, 0)
                            answered[mode][how] += 1
                modes[mode] = summary(lat)
            cold: dict[str, list[float]] = {}
            for i in range(args.cold_runs):
                for event in ("SessionStart", "UserPromptSubmit"):
                    daemon(["stop"], env, repo)
                    ms, _ = run_hook(payloads(repo, 2000 + i)[event], env, repo)
                    cold.setdefault(event, []).append(ms)
                    wait_daemon(env, repo)
            if cold:
                modes["cold"] = summary(cold)
            mcp = {} if args.no_mcp else mcp_latency(repo, env, max(5, args.runs // 2))
        finally:
            subprocess.run([str(KAIROS), "daemon", "stop"], env=env, cwd=repo, capture_output=True)
    result = {"records": args.records, "hooks_ms": modes,
              "tokens_per_prompt": {m: {"mean": round(statistics.mean(t), 1), "max": max(t),
                                        "prompts_with_injection": sum(1 for x in t if x), "prompts": len(t),
                                        "answered_by": answered.get(m, {})}
                                    for m, t in tokens.items()},
              "mcp_ms": mcp, "load_avg": os.getloadavg(), "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"store: {args.records} records + 50 memories; load avg {result['load_avg'][0]:.2f} on {os.cpu_count()} CPUs")
    events = list(modes["warm"])
    print("| event | " + " | ".join(f"{m} p50 | {m} p95" for m in modes) + " |")
    print("|---|" + "---|---|" * len(modes))
    for e in events:
        cells = [f"{modes[m][e]['p50']} | {modes[m][e]['p95']}" if e in modes[m] else "– | –" for m in modes]
        print(f"| {e} | " + " | ".join(cells) + " |")
    print(f"(n = {args.runs} per event warm and lexical, {args.cold_runs} cold)")
    for m, t in result["tokens_per_prompt"].items():
        print(f"\n{m}: tokens injected per prompt: mean {t['mean']}, max {t['max']} "
              f"({t['prompts_with_injection']}/{t['prompts']} prompts got any); answered by {t['answered_by']}")
    if mcp:
        print("\n| MCP tool | p50 ms | p95 ms | n |\n|---|---|---|---|")
        for e, v in mcp.items():
            print(f"| {e} | {v['p50']} | {v['p95']} | {v['n']} |")


if __name__ == "__main__":
    main()
