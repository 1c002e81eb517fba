"""The optional chat backend against a tiny OpenAI-compatible server the test starts itself."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from onrecord.positions.backends import ChatStance, LexicalStance

pytest.importorskip("spacy")


class FakeChat(BaseHTTPRequestHandler):
    answers: list[str] = []
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        answer = FakeChat.answers.pop(0)
        if answer == "500":
            self.send_response(500)
            self.end_headers()
            return
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeChat.seen.clear()
    yield f"http://127.0.0.1:{httpd.server_port}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_chat_backend_reads_a_canned_completion(server):
    FakeChat.answers = ['Sure: {"stance": "open", "words": ["on the table", "not in the text"]}']
    backend = ChatStance(server, "tiny-model", api_key="k")
    stance, words = backend.stance("Troops in Poland remain on the table.", "U.S. troops in Poland")
    assert (stance, words) == ("open", ["on the table"])
    req = FakeChat.seen[0]
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer k"
    assert (
        req["body"]["model"] == "tiny-model"
        and "U.S. troops in Poland" in req["body"]["messages"][1]["content"]
    )


def test_chat_backend_falls_back_on_errors_and_bad_answers(server):
    FakeChat.answers = ["500", "I think it is positive", '{"stance": "maybe"}']
    backend = ChatStance(server, "tiny-model", fallback=LexicalStance())
    for _ in range(3):
        assert (
            backend.stance("There will be no U.S. troops in Poland.", "U.S. troops in Poland")[0] == "against"
        )
    assert backend.failures == 3


def test_chat_backend_plugs_into_assign_positions(server):
    from stmt_helpers import stmt

    from onrecord.positions import assign_positions

    FakeChat.answers = ['{"stance": "for", "words": ["send"]}']
    text = "Marsh said the U.S. could send troops to Poland.\n"
    s = stmt(text, "the U.S. could send troops to Poland", "Lee Marsh")
    (p,) = assign_positions([s], backend=ChatStance(server, "tiny-model"))
    assert (p.stance, p.stance_words, s.stance) == ("for", ["send"], "for")
