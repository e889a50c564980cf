"""A local fake LLM endpoint speaking the OpenAI chat and Anthropic Messages shapes.

Tests set ``server.reply`` (text, or a function of the request's last user message that returns
the text), ``server.mode`` ("good" | "garbage" | "hang" | "error")
and read ``server.requests``. Only 127.0.0.1; stops with the fixture.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class FakeLLM:
    def __init__(self) -> None:
        self.reply: str | Callable[[str], str] = "ok"
        self.mode = "good"
        self.requests: list[dict[str, Any]] = []
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "body": body})
                if fake.mode == "hang":
                    time.sleep(5)
                    return
                if fake.mode == "error":
                    self._send(500, {"error": {"type": "api_error", "message": "boom"}})
                    return
                reply = fake.reply(_last_user(body)) if callable(fake.reply) else fake.reply
                text = reply if fake.mode == "good" else "\x00 not what you asked for {"
                if self.path.endswith("/messages"):
                    self._send(200, {"id": "msg_1", "type": "message", "role": "assistant", "model": "fake",
                                     "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
                                     "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}})
                else:
                    self._send(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "fake",
                                     "choices": [{"index": 0, "finish_reason": "stop",
                                                  "message": {"role": "assistant", "content": text}}]})

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def config(self, provider: str = "openai") -> dict[str, Any]:
        base = f"{self.url}/v1" if provider == "openai" else self.url
        return {"llm": {"provider": provider, "model": "fake", "base_url": base, "api_key": "test-key"}}


def _last_user(body: dict[str, Any]) -> str:
    """The prompt: the last user message of an OpenAI or Anthropic request."""
    for m in reversed(body.get("messages") or []):
        if m.get("role") == "user":
            c = m.get("content")
            return c if isinstance(c, str) else " ".join(str(b.get("text", "")) for b in c or [])
    return ""


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
