"""One article as a self-contained HTML page: every extracted span highlighted by kind, the normalised value and the
speaker on hover, and the article's rows below."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from extract.io.writers import COLUMNS

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; line-height: 1.6; color: #222; }
.article { white-space: pre-wrap; border: 1px solid #ddd; padding: 1rem 1.5rem; border-radius: 6px; }
mark { padding: 0 .1em; border-radius: 3px; cursor: help; }
mark.claim { background: #fff3c4; border-bottom: 2px solid #e0b100; }
mark.official { background: #e4d7ff; }
mark.date { background: #cdeffd; }
mark.money { background: #c9f2c7; } mark.percent { background: #ffd8c2; }
mark.count { background: #d9e8ff; } mark.quantity { background: #f4d4f4; }
.legend mark { margin-right: .5em; }
table { border-collapse: collapse; margin: 1rem 0 2rem; font-size: .85rem; }
td, th { border: 1px solid #ddd; padding: .2rem .4rem; vertical-align: top; text-align: left; }
h2 { margin-top: 2rem; font-size: 1.1rem; }
"""


def _spans(rows: dict[str, list[dict[str, str]]]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, hover text) of every highlight, claims first so they enclose what they hold."""
    spans = []
    for claim in rows["claims"]:
        hover = f"{claim['type']} claim by {claim['speaker']} ({claim['verb']})"
        spans.append((int(claim["char_start"]), int(claim["char_end"]), "claim", hover))
    for official in rows["officials"]:
        parts = [official["title"], official["organisation"], official["region"]]
        hover = f"{official['name']}: " + ", ".join(part for part in parts if part)
        spans.append((int(official["char_start"]), int(official["char_end"]), "official", hover))
    for date in rows["dates"]:
        spans.append(
            (int(date["char_start"]), int(date["char_end"]), "date", f"date {date['value'] or '(unresolved)'}")
        )
    for figure in rows["figures"]:
        value = figure["value"] + (f"–{figure['value_max']}" if figure["value_max"] else "")
        details = [figure["kind"], f"{value} {figure['unit']}".strip()]
        details += [f"{name} {figure[name]}" for name in ("qualifier", "change", "period") if figure[name]]
        if figure["speaker"]:
            details.append(f"claimed by {figure['speaker']}")
        spans.append((int(figure["char_start"]), int(figure["char_end"]), figure["kind"], "; ".join(details)))
    return spans


def _highlighted(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """The text with properly nested <mark> elements; a span that would cross another's edge is left out."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str, str]] = []
    open_ends: list[int] = []
    for start, end, kind, hover in spans:
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            continue  # crosses the end of the span it starts in
        kept.append((start, end, kind, hover))
        open_ends.append(end)
    # (position, closing before opening, nesting order, markup): inner marks close first and open last.
    events: list[tuple[int, int, int, str]] = []
    for number, (start, end, kind, hover) in enumerate(kept):
        attributes = f'class="{kind}" data-kind="{kind}" title="{html.escape(hover, quote=True)}"'
        events.append((start, 1, number, f"<mark {attributes}>"))
        events.append((end, 0, -number, "</mark>"))
    events.sort()
    out, cursor = [], 0
    for position, _, _, markup in events:
        out.append(html.escape(text[cursor:position]))
        out.append(markup)
        cursor = position
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def _table(name: str, rows: list[dict[str, str]]) -> str:
    columns = [c for c in COLUMNS[name] if c != "doc_id"]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(row[c])}</td>" for c in columns) + "</tr>" for row in rows)
    return f"<h2>{name} ({len(rows)})</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page(doc_id: str, text: str, rows: dict[str, list[dict[str, str]]]) -> str:
    """The HTML page of one article from its text and its rows of each table."""
    legend = "".join(
        f'<mark class="{kind}">{kind}</mark>'
        for kind in ("claim", "official", "date", "money", "percent", "count", "quantity")
    )
    tables = "".join(_table(name, rows[name]) for name in ("figures", "claims", "officials", "dates"))
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc_id)}</title><style>{_STYLE}</style></head><body>"
        f'<h1>{html.escape(doc_id)}</h1><p class="legend">{legend}</p>'
        f'<div class="article">{_highlighted(text, _spans(rows))}</div>{tables}</body></html>'
    )


def rows_of(result: Any) -> dict[str, list[dict[str, str]]]:
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
    return result.doc_id, page(result.doc_id, item.text, rows_of(result))


def show_doc(doc_id: str, data_dir: Path) -> str:
    """The page of an article of a written dataset: its rows from the tables, its text from its source file."""
    import csv

    tables: dict[str, list[dict[str, str]]] = {}
    for name in COLUMNS:
        path = data_dir / f"{name}.csv"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: not found (show reads the CSV tables of `extract run`)")
        with path.open(encoding="utf-8", newline="") as stream:
            tables[name] = [row for row in csv.DictReader(stream) if row["doc_id"] == doc_id]
    if not tables["documents"]:
        raise KeyError(f"{doc_id}: no such doc_id in {data_dir / 'documents.csv'}")
    source = Path(tables["documents"][0]["source"])
    if not source.is_file() or source.suffix != ".txt":
        raise FileNotFoundError(
            f"{doc_id}: its text is not in a readable .txt file ({source}); pass the article's file instead"
        )
    text = source.read_text(encoding="utf-8-sig")
    return page(doc_id, text, tables)
