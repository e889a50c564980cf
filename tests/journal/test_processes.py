"""Real processes: concurrent appenders, and a writer killed with SIGKILL."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from kairos.journal import Journal

WRITER = """
import sys
from kairos.journal import Journal
root, worker, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
j = Journal(root, "shared")
for i in range(n):
    j.append("observation", f"worker {worker} record {i}\\n" + "x" * (i % 50))
"""


def test_eight_processes_append_without_loss_or_interleaving(tmp_path: Path) -> None:
    n, workers = 1000, 8
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(w), str(n)])
             for w in range(workers)]
    assert [p.wait(timeout=240) for p in procs] == [0] * workers
    j = Journal(tmp_path, "shared")
    recs = list(j.records())
    assert len(recs) == n * workers
    for w in range(workers):
        mine = [int(r.text.split()[3]) for r in recs if r.text.startswith(f"worker {w} ")]
        assert mine == list(range(n))  # every record, in its writer's order
    assert len({r.id for r in recs}) == len(recs)
    report = j.verify()
    assert report.ok, report.problems[:3]
    assert report.records == n * workers


LOOP = """
import sys
from kairos.journal import Journal
j = Journal(sys.argv[1], "crashy")
i = 0
while True:
    j.append("observation", f"record {i} " + "y" * 2000)
    i += 1
    if i == 50:
        print("ready", flush=True)
"""


def test_sigkill_mid_loop_then_verify_clean_after_repair(tmp_path: Path) -> None:
    p = subprocess.Popen([sys.executable, "-c", LOOP, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "ready"
    time.sleep(0.2)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    j = Journal(tmp_path, "crashy")
    j.repair()
    report = j.verify()
    assert [q for q in report.problems if q.kind != "quarantined"] == []
    texts = [r.text.split()[1] for r in j.records()]
    assert texts == [str(i) for i in range(len(texts))] and len(texts) >= 50
    j.append("observation", "life goes on")
    assert Journal(tmp_path, "crashy").verify().records == len(texts) + 1
