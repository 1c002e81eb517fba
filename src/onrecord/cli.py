"""The `onrecord` command: a thin layer that parses options, calls a stage and prints its result.

Results go to stdout; progress, problems and errors to stderr, so output can be piped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from onrecord.store import DEFAULT_DB, LedgerError, open_ledger

app = typer.Typer(
    help="Turn news articles into an auditable ledger of who said what, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="ONRECORD_DB",
        help="Ledger: a SQLite file, or a postgresql:// URL.",
        show_envvar=True,
    ),
]


PeopleFile = Annotated[
    Path | None,
    typer.Option(
        "--people",
        exists=True,
        dir_okay=False,
        help="People file (YAML or CSV: name, aliases, affiliation, from, to) for name forms and sides.",
    ),
]

Stance = Annotated[
    str,
    typer.Option(
        "--stance",
        help="Stance backend: lexical (default, offline), embed (lexical, then a MiniLM sentence encoder "
        "where it reads no stance; needs the embed extra), chat (an OpenAI-compatible endpoint)",
    ),
]
StanceUrl = Annotated[
    str | None,
    typer.Option(
        "--stance-url",
        envvar="ONRECORD_STANCE_URL",
        help="Chat endpoint, e.g. http://127.0.0.1:11434/v1 (key from $ONRECORD_STANCE_KEY)",
    ),
]
StanceModel = Annotated[
    str | None, typer.Option("--stance-model", envvar="ONRECORD_STANCE_MODEL", help="Chat model name")
]
Encoder = Annotated[
    str | None,
    typer.Option(
        "--encoder", envvar="ONRECORD_ENCODER", help="Local all-MiniLM-L6-v2 folder for --stance embed"
    ),
]


def stance_backend(kind: str, url: str | None, model: str | None, encoder: str | None):
    from onrecord.positions.backends import make_backend

    try:
        return make_backend(kind, url=url, model=model, encoder=encoder)
    except (ValueError, RuntimeError) as e:
        fail(str(e))


def load_people(path: Path | None) -> list[dict] | None:
    if path is None:
        return None
    from onrecord.people import load_people_file

    try:
        return load_people_file(path)
    except (OSError, ValueError) as e:
        fail(f"cannot read the people file {path}: {e}")


def is_url(db: str) -> bool:
    return "://" in db


def open_db(db: str, must_exist: bool = True):
    """The ledger, or a clean exit: reading commands never create an empty ledger by mistake."""
    if must_exist and not is_url(db) and not Path(db).exists():
        fail(f"no ledger at {db}; run `onrecord ingest PATH --db {db}` first")
    try:
        return open_ledger(db)
    except (LedgerError, OSError) as e:
        fail(str(e))
    except Exception as e:  # a driver's connection error: say what failed, no traceback
        fail(f"cannot open the ledger {db}: {type(e).__name__}: {e}")


def fail(message: str, code: int = 1):
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders: .txt .html .jsonl .xml/.rss/.atom .warc(.gz)"),
    ],
    db: Db = DEFAULT_DB,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none, like .txt")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for inputs that carry none")] = None,
    people_file: PeopleFile = None,
    stance: Stance = "lexical",
    stance_url: StanceUrl = None,
    stance_model: StanceModel = None,
    encoder: Encoder = None,
) -> None:
    """Read articles into the ledger. Articles already there are skipped, so re-running is safe."""
    from onrecord.pipeline import ingest as run_ingest
    from onrecord.sources import normalize_date

    if published and normalize_date(published) is None:
        raise typer.BadParameter(
            f"cannot read the date {published!r}; use YYYY-MM-DD", param_hint="--published"
        )
    backend = stance_backend(stance, stance_url, stance_model, encoder)
    people_records = load_people(people_file)
    ledger = open_db(db, must_exist=False)
    if people_records:
        ledger.import_people(people_records)
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles, {task.fields[new]} new, {task.fields[problems]} problems"),
        TextColumn("[cyan]{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
    )
    with ledger, Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("ingest", total=None, new=0, problems=0, rate=0.0)
        shown = 0

        def progress(report):
            nonlocal shown
            for source, reason in report.problems[shown:]:
                bar.console.print(
                    f"[yellow]problem:[/yellow] {escape(source)}: {escape(reason)}", soft_wrap=True
                )
            shown = len(report.problems)
            bar.update(
                task,
                completed=report.read,
                new=report.new,
                problems=len(report.problems),
                rate=report.articles_per_second,
            )

        report = run_ingest(
            [str(p) for p in paths],
            ledger,
            published=published,
            outlet=outlet,
            progress=progress,
            people=people_records,
            stance=backend,
        )
    out.print(
        f"read {report.read} articles in {report.seconds:.1f} s ({report.articles_per_second:.1f} articles/s): "
        f"{report.outcome()}",
        soft_wrap=True,
    )
    if report.read == 0:
        fail("nothing could be read" + (" (see the problems above)" if report.problems else ""))


@app.command()
def people(
    db: Db = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="How many people, most quoted first")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """Who spoke, how often, in which roles, and the name forms the articles used."""
    with open_db(db) as ledger:
        rows = ledger.people(limit=limit)
    if as_json:
        for p in rows:
            print(json.dumps(p, ensure_ascii=False))
        return
    if not rows:
        err.print("No one in the ledger yet.")
        return
    table = Table(title=f"People in {db}", show_lines=False)
    for name, kw in (
        ("speaker", {}),
        ("roles", {}),
        ("statements", {"justify": "right"}),
        ("dates", {}),
        ("name forms seen", {"overflow": "fold"}),
    ):
        table.add_column(name, **kw)
    for p in rows:
        who = escape(p["name"]) + (" [dim](unnamed)[/dim]" if p["anonymous"] else "")
        table.add_row(
            who,
            escape(", ".join(p["roles"])),
            str(p["statements"]),
            " – ".join(dict.fromkeys(d for d in (p["first_date"], p["last_date"]) if d)),
            escape("; ".join(p["forms"])),
        )
    out.print(table)


@app.command()
def statements(
    db: Db = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Any name form, alias or person id")] = None,
    article: Annotated[str | None, typer.Option(help="An article id")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """Statements, newest first, with who said them, when, and the article they came from."""
    with open_db(db) as ledger:
        rows = ledger.statements(speaker=speaker, article_id=article, limit=limit, offset=offset)
    if as_json:
        for s in rows:
            print(json.dumps(s, ensure_ascii=False))
        return
    if not rows:
        err.print("No statements match." if (speaker or article) else "No statements in the ledger yet.")
        return
    for s in rows:
        out.print(statement_block(s), soft_wrap=True)


def statement_block(s: dict) -> str:
    when = s["date"] or (f"{s['published']} (published)" if s["published"] else "date unknown")
    who = escape(s["speaker"]) + (f", {escape(s['speaker_role'])}" if s["speaker_role"] else "")
    if s["anonymous"]:
        who += " [dim](unnamed source)[/dim]"
    extra = f" · {escape(s['cue'])}" if s.get("cue") else ""
    extra += f" · to/on {escape(s['venue'])}" if s.get("venue") else ""
    source = " — ".join(escape(x) for x in (s["outlet"], s["title"], s["url"]) if x)
    words = escape(s["text"].strip())
    words = f"“{words}”" if s["kind"] == "direct" else words
    return (
        f"[bold]{when}[/bold]  [green]{who}[/green]  [dim]{s['kind']}{extra}[/dim]\n"
        f"  {words}\n"
        f"  [dim]{source or 'source unknown'} \\[{escape(s['article_id'])}][/dim]\n"
    )


@app.command()
def export(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for statements.jsonl, findings.jsonl and CSVs")
    ],
    db: Db = DEFAULT_DB,
) -> None:
    """Write the ledger as statements.jsonl and findings.jsonl (the contract), plus CSV for spreadsheets."""
    with open_db(db) as ledger:
        counts = ledger.export(out_dir)
    out.print(
        f"wrote {counts['statements']} statements, {counts['findings']} findings and {counts['people']} people "
        f"to {escape(str(out_dir))}{os.sep}",
        soft_wrap=True,
    )


@app.command()
def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; a non-loopback one needs ONRECORD_TOKEN")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Browse, search and share the ledger in a web browser, with a JSON API (writes need ONRECORD_TOKEN)."""
    from onrecord.web import ServeRefused
    from onrecord.web import serve as run_server

    if not is_url(db) and not Path(db).exists():
        fail(f"no ledger at {db}; run `onrecord ingest PATH --db {db}` first")
    try:
        run_server(db, host=host, port=port, token=os.environ.get("ONRECORD_TOKEN") or None)
    except (ServeRefused, LedgerError) as e:
        fail(str(e))


FINDING_TYPES = ("reversal", "walkback", "contradiction")


@app.command()
def findings(
    db: Db = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="reversal, walkback or contradiction")] = None,
    speaker: Annotated[str | None, typer.Option(help="Any name form of a person on either side")] = None,
    topic: Annotated[str | None, typer.Option(help="Words of the proposition")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """Where someone changed their story or contradicts their own side, with both sides' words."""
    from onrecord.findings.render import render_findings

    if type is not None and type not in FINDING_TYPES:
        raise typer.BadParameter(f"use one of {', '.join(FINDING_TYPES)}", param_hint="--type")
    with open_db(db) as ledger:
        rows = ledger.findings(type=type, speaker=speaker, topic=topic, limit=limit)
        cited = ledger.statements_by_ids([i for f in rows for i in f["statements"]])
    if as_json:
        for f in rows:
            print(json.dumps(f, ensure_ascii=False))
        return
    render_findings(rows, cited, console=out)


@app.command()
def timeline(
    speaker: Annotated[str, typer.Option(help="Any name form of the person")],
    db: Db = DEFAULT_DB,
) -> None:
    """A person's positions over time, topic by topic."""
    from onrecord.findings.render import render_timeline

    with open_db(db) as ledger:
        rows = ledger.statements(speaker=speaker, limit=100_000, positioned=True)
    render_timeline(speaker, rows, console=out)


@app.command()
def topics(
    db: Db = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="How many propositions, most discussed first")] = 50,
) -> None:
    """Propositions and who stands where on each."""
    from onrecord.findings.render import render_topics

    with open_db(db) as ledger:
        rows = ledger.topic_stances(limit=limit)
    render_topics(rows, console=out)


@app.command("people-file")
def people_file_cmd(
    out_file: Annotated[Path, typer.Option("--out", help="people.yaml or people.csv to write")],
    db: Db = DEFAULT_DB,
) -> None:
    """Start a people file from the ledger: edit names, aliases, affiliations and dates, then use it
    with `ingest --people` or `refind --people`."""
    from onrecord.people import write_people_file

    with open_db(db) as ledger:
        records = ledger.people_file_records()
    write_people_file(records, out_file)
    out.print(f"wrote {len(records)} people to {out_file}")


@app.command()
def refind(
    db: Db = DEFAULT_DB,
    people_file: PeopleFile = None,
    stance: Stance = "lexical",
    stance_url: StanceUrl = None,
    stance_model: StanceModel = None,
    encoder: Encoder = None,
) -> None:
    """Recompute positions and findings over the whole ledger (after editing a people file, or to
    read stance with another backend)."""
    from onrecord.findings.ledger import rebuild

    backend = stance_backend(stance, stance_url, stance_model, encoder)
    records = load_people(people_file)
    with open_db(db) as ledger:
        if records:
            ledger.import_people(records)
        n = rebuild(ledger, people=records, backend=backend)
    out.print(f"{n} findings")


@app.command()
def spark(
    inputs: Annotated[
        list[str],
        typer.Option(
            "--input",
            help="A glob of .warc(.gz)/.jsonl files (quote it), a folder, or a listing of paths "
            "(warc-paths.txt, one a line); repeatable",
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Parquet ledger folder to write (ledger.parquet)")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master URL: local[4], spark://host:7077, yarn (default: local, all cores)"),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Spark tasks (default: one per input file)")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing --out folder")] = False,
) -> None:
    """Extract statements from a crawl on Apache Spark into a Parquet ledger (needs the spark extra and Java)."""
    from onrecord.spark.inputs import resolve_inputs
    from onrecord.spark.job import SparkUnavailable, run_spark

    paths = resolve_inputs(inputs)
    if not paths:
        fail(f"no input files match {' '.join(inputs)}")
    try:
        report = run_spark(paths, str(out_dir), master=master, partitions=partitions, overwrite=overwrite)
    except (SparkUnavailable, FileExistsError, ValueError) as e:
        fail(str(e))
    out.print(
        f"{report.summary()}; wrote {out_dir} (load it with `onrecord load {out_dir} --db ...`)",
        soft_wrap=True,
    )


@app.command()
def load(
    parquet: Annotated[
        Path, typer.Argument(metavar="LEDGER.parquet", help="A folder written by `onrecord spark`")
    ],
    db: Db = DEFAULT_DB,
    people: PeopleFile = None,
) -> None:
    """Add a Parquet ledger's articles and statements to the ledger; articles already there are skipped."""
    from onrecord.parquet import ParquetLedgerError, check_layout
    from onrecord.parquet import load as load_parquet

    try:
        check_layout(parquet)
    except ParquetLedgerError as e:
        fail(str(e))
    with open_db(db, must_exist=False) as ledger:
        report = load_parquet(parquet, ledger, people=load_people(people))
    for source, reason in report.problems:
        err.print(f"[yellow]problem:[/yellow] {escape(source)}: {escape(reason)}", soft_wrap=True)
    out.print(
        f"loaded {report.read} articles in {report.seconds:.1f} s: {report.outcome()}",
        soft_wrap=True,
    )


@app.command()
def watch(
    feeds: Annotated[
        Path, typer.Argument(metavar="FEEDS.txt", help="RSS/Atom feed URLs, one a line (# comments)")
    ],
    every: Annotated[str, typer.Option(help="How often to poll: 90s, 15m, 1h30m, 1d")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit")] = False,
    state: Annotated[
        Path | None, typer.Option(help="Feed state file (ETags, failures); default: beside the ledger")
    ] = None,
    db: Db = DEFAULT_DB,
    people: PeopleFile = None,
) -> None:
    """Poll feeds and ingest their new articles: conditional requests, known articles never fetched
    again, failing feeds retried with backoff and reported. Ctrl-C stops it."""
    from onrecord.watch import Watcher, parse_every, read_feed_list, state_path_for
    from onrecord.watch import watch as run_watch

    try:
        seconds = parse_every(every)
        read_feed_list(feeds)
    except (ValueError, OSError) as e:
        fail(str(e))

    def show(report):
        for f in report.failed:
            err.print(
                f"[yellow]feed {f.status}:[/yellow] {escape(f.url)}: {escape(f.error or '')}", soft_wrap=True
            )
        out.print(report.summary(), soft_wrap=True)

    with open_db(db, must_exist=False) as ledger:
        watcher = Watcher(ledger, state or state_path_for(db), people=load_people(people))
        try:
            last = run_watch(feeds, watcher, every=None if once else seconds, on_poll=show)
        except KeyboardInterrupt:
            raise typer.Exit(0) from None
    if last.feeds and len(last.failed) == len(last.feeds):
        fail("every feed failed")
