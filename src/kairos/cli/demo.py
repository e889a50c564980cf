"""``kairos demo``: the main job end to end, offline, on the embedded default (SQLite, no LLM).

It builds a small throwaway project, then walks through what kairos does for an
agent: remember facts that cite code, recall them, catch a fact that a refactor
made stale, keep the journal verifiable, forget with a tombstone, and import a
past Claude Code session. Nothing outside the demo folder is touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import click

from kairos.cli.output import console

__all__ = ["demo"]

APP = '''"""Billing service."""


def charge(customer, cents):
    """Charge a customer through the queue."""
    return enqueue("charge", customer=customer, cents=cents)


def enqueue(task, **kw):
    return {"task": task, **kw}
'''


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "demo", "GIT_AUTHOR_EMAIL": "demo@example.com",
           "GIT_COMMITTER_NAME": "demo", "GIT_COMMITTER_EMAIL": "demo@example.com"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _transcript(path: Path) -> None:
    recs = []
    parent = None
    for i, (role, text) in enumerate([
        ("user", "The billing tests are flaky on CI. Please find out why."),
        ("assistant", "The flakiness comes from the queue timeout: CI machines are slower, so "
                      "QUEUE_TIMEOUT=2 is too short. I raised it to 10 in settings.py."),
        ("user", "Good. From now on always run the billing tests with -p no:randomly."),
    ]):
        uid = f"00000000-0000-4000-8000-00000000000{i}"
        recs.append({"parentUuid": parent, "isSidechain": False, "type": role, "uuid": uid,
                     "sessionId": "demo-session-1", "timestamp": f"2026-11-01T10:0{i}:00.000Z",
                     "cwd": str(path.parent), "message": {"role": role, "content": text}})
        parent = uid
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))


@click.command()
@click.option("--dir", "where", type=click.Path(path_type=Path), help="Where to build the demo (default: a temp dir).")
def demo(where: Path | None) -> None:
    """Run the main job end to end on a throwaway project (offline, no API key)."""
    base = Path(where or tempfile.mkdtemp(prefix="kairos-demo-")).resolve()
    base.mkdir(parents=True, exist_ok=True)
    os.environ["KAIROS_HOME"] = str(base / "home")
    from rich.markup import escape

    from kairos.api import Kairos

    c = console()
    repo = base / "billing"
    (repo / "src").mkdir(parents=True, exist_ok=True)
    (repo / "src" / "billing.py").write_text(APP)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "billing service")
    k = Kairos(repo)
    c.rule("[bold]1. remember[/] — facts that cite the code they describe")
    facts = [
        ("Charges go through the task queue: charge() calls enqueue(); never call the payment API inline.",
         "project", ["src/billing.py:charge"]),
        ("We moved the task queue from Celery to RQ in November because Celery's beat kept double-firing.",
         "project", []),
        ("The user prefers small commits with imperative subject lines.", "user", []),
        ("Don't mock the database in billing tests; a mocked DB hid a broken migration last quarter.",
         "feedback", []),
        ("Payment incidents are tracked in Linear project BILL; dashboards at grafana/d/billing.",
         "reference", []),
    ]
    for text, mtype, anchors in facts:
        rec, mf = k.remember(text, mtype, anchors=anchors)
        c.print(f"  {mf.type:9} [bold]{mf.name}[/] ({mf.scope}) {'⚓ ' + ', '.join(anchors) if anchors else ''}")
    rec, secret_mf = k.remember("Staging DB is postgres://app:hunter2secret@db.staging:5432/app", "reference")
    c.print(f"  secrets never reach the journal: redacted {rec.meta.get('redacted')} → "
            f"[dim]{rec.text}[/]")

    c.rule("[bold]2. import[/] — a past Claude Code session, so day one is not day zero")
    from kairos.integrations.importers import import_path

    tpath = base / "past-session.jsonl"
    _transcript(tpath)
    rep = import_path(k, tpath)
    c.print(f"  imported {rep.imported} turns from {tpath.name}")

    c.rule("[bold]3. recall[/] — ranked, with provenance")
    for q in ("which queue do we use and why?", "why are billing tests flaky on CI?",
              "how should I write commit messages?"):
        res = k.recall(q, 3)
        c.print(f"  [bold]?[/] {q}  [dim](answered by {res.answered_by})[/]")
        for h in res.results[:2]:
            c.print(f"    {h.score:.3f} {escape(f'[{h.kind}/{h.type or h.record_kind}]')} "
                    f"{escape(h.text[:90])}  [dim]{h.date[:10] if h.date else ''}[/]")

    c.rule("[bold]4. staleness[/] — a refactor moves the code; the memory is flagged, not served as truth")
    (repo / "src" / "billing.py").write_text(APP.replace("def charge(customer, cents):",
                                                        "def bill(customer, cents):"))
    c.print("  (renamed charge() to bill() in src/billing.py)")
    res = k.recall("how do charges go through the task queue?", 3)
    for h in res.results[:3]:
        flag = f"[red]STALE — {escape(h.why_stale or '')}[/]" if h.stale else "[green]current[/]"
        c.print(f"    {h.score:.3f} {escape(h.text[:70])}…\n          {flag}")

    c.rule("[bold]5. forget[/] — a tombstone, never a deletion")
    tomb = k.forget(secret_mf.name, "credentials rotated")
    c.print(f"  tombstone {tomb.id}; recall no longer serves it; the journal keeps every byte")

    c.rule("[bold]6. verify[/] — the journal's hash chain")
    reps = [j.verify() for j in k.store.journals()]
    c.print(f"  {sum(r.records for r in reps)} records in {sum(r.segments for r in reps)} segments: "
            f"{'OK' if all(r.ok for r in reps) else 'PROBLEMS'}")
    seg = k.store.journal.segments()[0]
    c.print(f"  a journal segment is plain Markdown: {seg}")
    c.print(f"\nDemo project: {repo}\nkairos home:  {base / 'home'}\n"
            f"Try: cd {repo} && KAIROS_HOME={base / 'home'} kairos recall 'queue'")
