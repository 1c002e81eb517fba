"""Terminal views of findings, a speaker's timeline and the propositions, over plain dicts so the CLI
only fetches rows and calls these.

Every finding shows both sides with speaker, date, exact words, article and outlet: the reader must
be able to confirm it in seconds without opening the database.
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

STANCE_STYLE = {"for": "green", "against": "red", "open": "yellow", "indifferent": "magenta", "none": "dim"}
TYPE_TITLE = {"reversal": "Reversal", "walkback": "Walk-back", "contradiction": "Contradiction"}


def _stance(stance: str | None) -> Text:
    s = stance or "none"
    return Text(s, style=STANCE_STYLE.get(s, ""))


def _source(st: dict) -> str:
    parts = [st.get("title") or st.get("article_id") or "", st.get("outlet") or "", st.get("published") or ""]
    return " · ".join(p for p in parts if p)


def finding_panel(finding: dict, statements: dict[str, dict]) -> Panel:
    """finding: a findings row (id, type, topic, grade, explanation, statements, sides?);
    statements: id -> statement row (speaker, speaker_role, date, text, cue, title, outlet, published)."""
    table = Table(show_header=True, header_style="bold", expand=True, box=None)
    for col in ("speaker", "date", "stance", "words", "source"):
        table.add_column(col, overflow="fold", ratio=3 if col == "words" else 1)
    words = {}
    for side in finding.get("sides") or ():
        for sid in side.get("statements", ()):
            words[sid] = side.get("stance_words") or []
    for sid in finding.get("statements", ()):
        st = statements.get(sid)
        if st is None:
            table.add_row(
                Text(sid, style="dim"), "", "", Text("(statement not in this ledger)", style="dim"), ""
            )
            continue
        speaker = st.get("speaker") or ""
        role = st.get("speaker_role")
        quote = Text(f"“{st.get('text', '')}”")
        for w in words.get(sid, ()):
            quote.highlight_words([w], style="bold underline")
        table.add_row(
            f"{speaker}\n[dim]{role}[/dim]" if role else speaker,
            st.get("date") or "undated",
            _stance(st.get("stance")),
            quote,
            _source(st),
        )
    title = f"{TYPE_TITLE.get(finding['type'], finding['type'])} · {finding.get('topic') or 'no topic'}"
    grade = finding.get("grade")
    body = Group(Text(finding.get("explanation") or ""), table)
    return Panel(body, title=title, subtitle=f"{grade} · {finding['id']}" if grade else finding["id"])


def render_findings(
    findings: list[dict], statements: dict[str, dict], console: Console | None = None
) -> None:
    console = console or Console()
    if not findings:
        console.print("No findings.")
        return
    for f in findings:
        console.print(finding_panel(f, statements))
    counts = defaultdict(int)
    for f in findings:
        counts[f["type"]] += 1
    console.print(", ".join(f"{n} {TYPE_TITLE.get(t, t).lower()}" for t, n in sorted(counts.items())))


def render_timeline(speaker: str, rows: list[dict], console: Console | None = None) -> None:
    """rows: the speaker's statements that take a position (topic, stance, date, text, title, outlet)."""
    console = console or Console()
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r.get("topic"):
            by_topic[r["topic"]].append(r)
    if not by_topic:
        console.print(f"No positions on record for {speaker}.")
        return
    for topic in sorted(by_topic, key=lambda t: (-len(by_topic[t]), t)):
        table = Table(title=f"{speaker} · {topic}", expand=True, title_justify="left")
        for col in ("date", "stance", "words", "source"):
            table.add_column(col, overflow="fold", ratio=3 if col == "words" else 1)
        for r in sorted(by_topic[topic], key=lambda r: (r.get("date") is None, r.get("date") or "")):
            table.add_row(
                r.get("date") or "undated", _stance(r.get("stance")), f"“{r.get('text', '')}”", _source(r)
            )
        console.print(table)


def render_topics(rows: list[dict], console: Console | None = None) -> None:
    """rows: one per (topic, speaker, stance) with `statements` (a count); who stands where."""
    console = console or Console()
    by_topic: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        if not r.get("topic"):
            continue
        n = int(r.get("statements") or 1)
        by_topic[r["topic"]][r.get("stance") or "none"].append(
            f"{r['speaker']} ({n})" if n > 1 else r["speaker"]
        )
        totals[r["topic"]] += n
    if not by_topic:
        console.print("No propositions yet.")
        return
    table = Table(title="Propositions", expand=True)
    table.add_column("proposition", ratio=2)
    for stance in ("for", "against", "open", "indifferent"):
        table.add_column(stance, style=STANCE_STYLE[stance], ratio=2, overflow="fold")
    table.add_column("statements", justify="right")
    for topic in sorted(by_topic, key=lambda t: (-totals[t], t)):
        cells = [
            ", ".join(sorted(set(by_topic[topic].get(s, []))))
            for s in ("for", "against", "open", "indifferent")
        ]
        table.add_row(topic, *cells, str(totals[topic]))
    console.print(table)
