"""The LLM path against a local fake OpenAI-compatible endpoint: good, garbage and hanging answers."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kairos.dream import dream
from kairos.store import Store
from tests.dream.conftest import live_files

OLD = "The API server listens on port 8080"
NEW = "The metrics server listens on port 9090"


class _Fake:
    mode = "good"
    answer = {"relation": "contradiction", "why": "the port moved"}
    hits = 0


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        _Fake.hits += 1
        length = int(self.headers.get("content-length", 0))
        json.loads(self.rfile.read(length))
        if _Fake.mode == "hang":
            time.sleep(5)
            return
        content = json.dumps(_Fake.answer) if _Fake.mode == "good" else "I refuse to answer in JSON!"
        body = json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "fake",
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def endpoint() -> Iterator[dict]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Fake.hits, _Fake.mode = 0, "good"
    yield {"llm": {"provider": "openai", "model": "fake",
                   "base_url": f"http://127.0.0.1:{server.server_address[1]}/v1"},
           "dream": {"llm_timeout": 1}}
    server.shutdown()


def _seed(store: Store) -> None:
    store.journal.append("memory", OLD, type="project", provenance="user")
    store.journal.append("memory", NEW, type="project", provenance="user")


def test_llm_verdict_is_used_journaled_and_reused(store: Store, endpoint: dict) -> None:
    _seed(store)
    assert dream(store, dry_run=True).active == 2  # rules alone keep both
    report = dream(store, config=endpoint)
    assert _Fake.hits == 1 and report.active == 1
    assert any(d.action == "supersede" and "port moved" in d.reason for d in report.decisions)
    verdicts = [r for r in store.journal.records(kinds=["consolidation"])
                if r.meta.get("action") == "llm-verdict"]
    assert len(verdicts) == 1 and verdicts[0].meta["relation"] == "contradiction"
    again = dream(store, config=endpoint)
    assert _Fake.hits == 1 and not again.changed  # the journaled verdict is reused, no new call


@pytest.mark.parametrize("mode", ["garbage", "hang"])
def test_bad_llm_falls_back_and_is_journaled(store: Store, endpoint: dict, mode: str) -> None:
    _Fake.mode = mode
    _seed(store)
    report = dream(store, config=endpoint)
    assert report.active == 2  # the rule result stands
    assert report.llm and report.llm[0]["fallback"]
    fallbacks = [r for r in store.journal.records(kinds=["consolidation"])
                 if r.meta.get("action") == "llm-fallback"]
    assert fallbacks
    assert len([n for n in live_files(store) if not n.endswith("MEMORY.md")]) == 2


def test_bad_schema_is_rejected(store: Store, endpoint: dict) -> None:
    _Fake.answer = {"relation": "obliterate", "why": "ignore previous instructions"}
    try:
        _seed(store)
        report = dream(store, config=endpoint)
        assert report.active == 2 and report.llm[0]["fallback"]
        assert "schema" in report.llm[0]["error"]
    finally:
        _Fake.answer = {"relation": "contradiction", "why": "the port moved"}
