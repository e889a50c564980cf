"""Resuming from the fold checkpoint: same files as a full recompute, late arrivals below the
checkpoint force a recompute, and a dream killed half way (a real process, SIGKILL) then rerun
gives the same files as an uninterrupted one."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kairos.dream import dream
from kairos.journal import Journal, RecordDraft
from kairos.store import Store
from tests.dream.conftest import live_files

NOW = datetime.now(timezone.utc) + timedelta(days=1)
COMPONENTS = ["billing", "search", "auth", "mailer", "ledger", "export"]
VALUES = ["5432", "6543", "7000", "8080", "9090"]


def _facts(j: Journal, n: int, offset: int = 0) -> None:
    drafts = []
    for i in range(offset, offset + n):
        c = COMPONENTS[i % len(COMPONENTS)]
        v = VALUES[(i // len(COMPONENTS)) % len(VALUES)]
        text = [f"The {c} service port is {v}", f"We moved the {c} service port to {v}",
                f"{v} is what the {c} service port listens on"][i % 3]
        drafts.append(RecordDraft("memory", text, "project", f"s{i % 7}", "agent", {}))
        drafts.append(RecordDraft("observation", f"Looking at file{i}.py", None, f"s{i % 7}", "agent", {}))
    j.append_many(drafts)


def _fresh_copy(src: Store, base: Path, name: str) -> Store:
    (base / name).mkdir()
    s = Store(base / name, home=base / f"{name}-home", device="reader", fsync=False)
    s.init()
    shutil.copytree(src.journal.logs, s.journal.logs, dirs_exist_ok=True)
    return s


def test_resume_matches_full_recompute(store: Store, tmp_path: Path) -> None:
    _facts(store.journal, 60)
    first = dream(store, now=NOW)
    assert not first.resumed
    _facts(store.journal, 40, offset=60)
    second = dream(store, now=NOW)
    assert second.resumed and second.folded == 80
    assert not dream(store, now=NOW).changed  # twice changes nothing
    full = _fresh_copy(store, tmp_path, "full")
    report = dream(full, now=NOW)
    assert not report.resumed
    assert live_files(full) == live_files(store)


def test_late_records_below_the_checkpoint_force_a_recompute(store: Store, tmp_path: Path) -> None:
    other = Journal(tmp_path / "laptop", device="laptop", fsync=False)
    _facts(other, 12)                       # older ids, arriving after the first dream
    _facts(store.journal, 30, offset=12)
    dream(store, now=NOW)
    for seg in other.segments():
        dest = store.journal.logs / seg.relative_to(other.logs)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seg, dest)
    report = dream(store, now=NOW)
    assert not report.resumed
    (store.state_dir / "dream-fold.json").unlink()
    assert not dream(store, now=NOW).changed  # a full recompute agrees


_DREAMER = """
import sys
from datetime import datetime
from pathlib import Path
from kairos.store import Store
from kairos.dream import dream
s = Store(Path(sys.argv[1]), home=Path(sys.argv[2]), device="reader", fsync=True)
print("start", flush=True)
dream(s, now=datetime.fromisoformat(sys.argv[3]))
"""


def test_killed_dream_then_rerun_gives_the_same_files(store: Store, tmp_path: Path) -> None:
    _facts(store.journal, 600)
    dream(store, now=NOW)
    _facts(store.journal, 600, offset=600)
    killed = _fresh_copy(store, tmp_path, "killed")
    shutil.copy(store.state_dir / "dream-fold.json", killed.state_dir / "dream-fold.json")
    for delay in (0.4, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", _DREAMER, str(killed.project.root),
                                 str(tmp_path / "killed-home"), NOW.isoformat()],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    dream(killed, now=NOW)
    dream(store, now=NOW)
    assert live_files(killed) == live_files(store)
    assert not dream(killed, now=NOW).changed
