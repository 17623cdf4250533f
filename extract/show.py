"""One article as a self-contained HTML page, in the manner of displaCy: every extracted span highlighted by kind
with its label and normalised value written inline after it, the speaker at the head of each claim, every mention
of each official, page furniture greyed out, a header with the article's metadata and counts, and the article's
rows of every table below.

A page is made from a dataset alone (its `texts` table holds the articles as read, so any doc_id of any dataset,
CSV or Parquet, is shown exactly as extracted, from any folder), or from a .txt article extracted on the spot.
Everything from the data is escaped: a tampered table cannot put markup into the page.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from extract.io.tables import ARTICLE_TABLES, COLUMNS, KINDS
from extract.mentions import mention_spans

Rows = dict[str, list[dict[str, str]]]
# (start, end, kind, label written after the span, hover text)
Highlight = tuple[int, int, str, str, str]

MARK_KINDS = ("claim", "official", "date", *KINDS, "furniture")

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; line-height: 1.9; color: #222;
       padding: 0 1rem; }
header h1 { font-size: 1.4rem; line-height: 1.3; margin-bottom: .3rem; }
header .meta, header .counts { color: #555; font-size: .9rem; margin: .2rem 0; }
header .meta span + span::before, header .counts span + span::before { content: " · "; color: #aaa; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ddd; padding: 1rem 1.5rem;
           border-radius: 6px; }
mark { padding: .1em .25em; border-radius: .3em; color: inherit; }
mark .label { font-size: .62rem; font-weight: 700; text-transform: uppercase; letter-spacing: .02em;
              margin-left: .35em; padding: 0 .3em; border-radius: .25em; background: rgba(255,255,255,.75);
              vertical-align: middle; white-space: nowrap; }
mark .value { font-weight: 400; text-transform: none; margin-left: .3em; }
mark.claim { background: #fff8dc; border-bottom: 3px solid #e0b100; border-radius: 0; padding: 0; }
mark.claim > .speaker { font-size: .68rem; font-weight: 700; background: #e0b100; color: #fff; padding: 0 .35em;
                        margin-right: .3em; border-radius: .25em; vertical-align: middle; white-space: nowrap; }
mark.official { background: #e1d5ff; }
mark.date { background: #9fe3e3; }
mark.money { background: #b7e8a8; }
mark.percent { background: #ffcba4; }
mark.count { background: #c6dbff; }
mark.quantity { background: #f6c6ea; }
mark.furniture { background: #eeeeee; color: #888; font-style: italic; }
.legend mark { margin-right: .5em; }
table { border-collapse: collapse; margin: .5rem 0 2rem; font-size: .8rem; width: 100%; table-layout: fixed;
        line-height: 1.4; }
td, th { border: 1px solid #ddd; padding: .2rem .4rem; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; word-break: break-word; }
h2 { margin-top: 2rem; font-size: 1.1rem; }
"""


def _value(figure: dict[str, str]) -> str:
    value = figure["value"] + (f"–{figure['value_max']}" if figure.get("value_max") else "")
    return f"{value} {figure.get('unit') or ''}".strip()


def _highlights(text: str, rows: Rows, furniture: list[tuple[int, int]]) -> list[Highlight]:
    """Every span to mark: claims first, so that they enclose what they hold."""
    spans: list[Highlight] = []
    for claim in rows["claims"]:
        speaker = claim["speaker"] or "(no speaker)"
        hover = f"{claim['type']} claim by {speaker} ({claim['verb']})"
        spans.append((int(claim["char_start"]), int(claim["char_end"]), "claim", f"{speaker} · {claim['type']}", hover))
    for official in rows["officials"]:
        parts = [official["title"], official["organisation"], official["region"]]
        described = ", ".join(part for part in parts if part)
        hover = f"{official['name']}: {described}" if described else official["name"]
        if official.get("person_id"):
            hover += f" (person {official['person_id']})"
        forms = [official["name"], *(a for a in official["aliases"].split(";") if a)]
        mentions = mention_spans(text, forms) or [(int(official["char_start"]), int(official["char_end"]))]
        for start, end in mentions:
            # A short form or nickname is labelled with the full name it stands for.
            parts = [] if text[start:end] == official["name"] else [f"= {official['name']}"]
            label = " · ".join([*parts, *([official["title"]] if official["title"] else [])])
            spans.append((start, end, "official", label, hover))
    for date in rows["dates"]:
        value = date["value"] or "(unresolved)"
        spans.append((int(date["char_start"]), int(date["char_end"]), "date", value, f"date {value}"))
    for figure in rows["figures"]:
        kind = figure["kind"] if figure["kind"] in KINDS else "count"
        details = [_value(figure)]
        details += [f"{name} {figure[name]}" for name in ("qualifier", "change", "period") if figure.get(name)]
        # What the figure is about, visible on the page, not only on hover.
        details += [f"{name} {figure[name]}" for name in ("measure", "time", "region") if figure.get(name)]
        hover = "; ".join([figure["kind"], *details])
        if figure.get("speaker"):
            hover += f"; claimed by {figure['speaker']}"
        spans.append((int(figure["char_start"]), int(figure["char_end"]), kind, " · ".join(details), hover))
    spans.extend((start, end, "furniture", "", "page furniture: yields nothing") for start, end in furniture)
    return spans


def _open_tag(kind: str, label: str, hover: str) -> str:
    attributes = f'class="{kind}" data-kind="{kind}" title="{html.escape(hover, quote=True)}"'
    if kind == "claim":
        return f'<mark {attributes}><span class="speaker">{html.escape(label)}</span>'
    return f"<mark {attributes}>"


def _close_tag(kind: str, label: str) -> str:
    if kind in ("claim", "furniture"):
        return "</mark>"
    name = "official" if kind == "official" else kind
    return f'<span class="label">{name}<span class="value">{html.escape(label)}</span></span></mark>'


def highlighted(text: str, spans: list[Highlight]) -> str:
    """The text with properly nested <mark> elements; a span that would cross another's edge is left out."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    kept: list[Highlight] = []
    open_ends: list[int] = []
    for span in spans:
        start, end = span[0], span[1]
        if not 0 <= start < end <= len(text):
            continue
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            continue  # crosses the end of the span it starts in
        kept.append(span)
        open_ends.append(end)
    # (position, closing before opening, nesting order, markup): inner marks close first and open last.
    events: list[tuple[int, int, int, str]] = []
    for number, (start, end, kind, label, hover) in enumerate(kept):
        events.append((start, 1, number, _open_tag(kind, label, hover)))
        events.append((end, 0, -number, _close_tag(kind, label)))
    events.sort()
    out, cursor = [], 0
    for position, _, _, markup in events:
        out.append(html.escape(text[cursor:position]))
        out.append(markup)
        cursor = position
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def _cell(table: str, column: str, value: str) -> str:
    """A table cell; an official's person_id links to the person's row below."""
    if table == "officials" and column == "person_id" and value:
        return f'<td><a href="#person-{html.escape(value, quote=True)}">{html.escape(value)}</a></td>'
    return f"<td>{html.escape(value)}</td>"


def _table(name: str, rows: list[dict[str, str]]) -> str:
    columns = [c for c in COLUMNS[name] if c != "doc_id"]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        (f'<tr id="person-{html.escape(row["person_id"], quote=True)}">' if name == "people" else "<tr>")
        + "".join(_cell(name, c, row.get(c) or "") for c in columns)
        + "</tr>"
        for row in rows
    )
    return (
        f'<h2 id="{name}">{name} ({len(rows)})</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _header(doc_id: str, rows: Rows) -> str:
    document = rows["documents"][0] if rows["documents"] else {}
    title = document.get("title") or doc_id
    meta = [
        ("doc_id", doc_id),
        ("source", document.get("source")),
        ("published", document.get("publication_date") or "–"),
        ("reference date", document.get("reference_date") or "–"),
    ]
    by_kind = {kind: sum(1 for f in rows["figures"] if f["kind"] == kind) for kind in KINDS}
    counts = [f"{len(rows['figures'])} figures (" + ", ".join(f"{n} {k}" for k, n in by_kind.items() if n) + ")"]
    counts += [f"{len(rows[name])} {name}" for name in ("dates", "officials", "claims")]
    return (
        f"<header><h1>{html.escape(title)}</h1>"
        '<p class="meta">'
        + "".join(
            f'<span data-field="{name}">{html.escape(name)}: {html.escape(value or "")}</span>' for name, value in meta
        )
        + '</p><p class="counts">'
        + "".join(f"<span>{html.escape(count)}</span>" for count in counts)
        + "</p></header>"
    )


def page(doc_id: str, text: str, rows: Rows, furniture: list[tuple[int, int]] | None = None) -> str:
    """The HTML page of one article from its text, its rows of each table and its furniture spans."""
    legend = "".join(f'<mark class="{kind}">{kind}</mark>' for kind in MARK_KINDS)
    tables = "".join(
        _table(name, rows[name]) for name in ("figures", "claims", "officials", "people", "dates") if name in rows
    )
    body = highlighted(text, _highlights(text, rows, furniture or []))
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc_id)}</title><style>{_STYLE}</style></head><body>"
        f'{_header(doc_id, rows)}<p class="legend">{legend}</p>'
        f'<div class="article">{body}</div>{tables}</body></html>'
    )


def rows_of(result: Any) -> Rows:
    """An extraction result's rows as the strings the tables hold."""
    from extract.io.writers import cells, rows

    return {
        name: [dict(zip(COLUMNS[name], cells(row, COLUMNS[name]), strict=True)) for row in table]
        for name, table in rows(result).items()
    }


def show_file(path: Path) -> tuple[str, str]:
    """(doc_id, page) for a .txt article, extracted now."""
    from extract.extraction import extract_articles
    from extract.io.readers import ReadError, read_text_file

    item = read_text_file(path)
    if isinstance(item, ReadError):
        raise ValueError(item.error)
    (result,) = list(extract_articles([item]))
    if result.status != "ok":
        raise ValueError(result.error)
    return result.doc_id, page(result.doc_id, item.text, rows_of(result), result.furniture)


def parse_furniture(cell: str) -> list[tuple[int, int]]:
    """The texts table's furniture cell ("12-40;100-130") as spans."""
    spans = []
    for pair in filter(None, cell.split(";")):
        start, _, end = pair.partition("-")
        spans.append((int(start), int(end)))
    return spans


def show_doc(doc_id: str, data_dir: Path) -> str:
    """The page of an article of a written dataset (CSV or Parquet): its rows and its text, both from the dataset."""
    from extract.query import cell, connect

    connection = connect(data_dir)
    try:
        views = {
            name for (name,) in connection.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        }
        rows: Rows = {}
        for name in ARTICLE_TABLES:
            if name == "texts":
                continue
            if name not in views:
                raise FileNotFoundError(f"{data_dir}: the dataset has no {name} table")
            result = connection.execute(f"SELECT * FROM {name} WHERE doc_id = ? ORDER BY ALL", [doc_id])
            columns = [description[0] for description in result.description]
            rows[name] = [dict(zip(columns, map(cell, row), strict=True)) for row in result.fetchall()]
        if not rows["documents"]:
            raise KeyError(f"{doc_id}: no such doc_id in the dataset in {data_dir}")
        if rows["documents"][0]["status"] != "ok":
            raise ValueError(f"{doc_id}: the article was not extracted: {rows['documents'][0]['error']}")
        if "texts" not in views:
            raise FileNotFoundError(
                f"{data_dir}: the dataset has no texts table (written by an older version); run `extract run` again"
            )
        found = connection.execute("SELECT text, furniture FROM texts WHERE doc_id = ?", [doc_id]).fetchone()
        if found is None:
            raise KeyError(f"{doc_id}: its text is missing from the texts table of {data_dir}")
        rows["people"] = []
        if "people" in views:  # the persons this article's officials are, across the dataset
            result = connection.execute(
                "SELECT * FROM people WHERE person_id IN (SELECT person_id FROM officials WHERE doc_id = ?) "
                "ORDER BY person_id",
                [doc_id],
            )
            columns = [description[0] for description in result.description]
            rows["people"] = [dict(zip(columns, map(cell, row), strict=True)) for row in result.fetchall()]
    finally:
        connection.close()
    for name in ("figures", "dates", "claims"):
        rows[name].sort(key=lambda row: int(row["char_start"]))
    rows["officials"].sort(key=lambda row: row["official_id"].rsplit("#o", 1)[-1].zfill(9))
    return page(doc_id, found[0], rows, parse_furniture(found[1] or ""))
