"""The dataset's tables, described once: every other description derives from this one.

Per table: its columns in order, each with its type, meaning, unit and allowed values, the primary key and the
foreign keys. The CSV and Parquet writers, the Frictionless descriptor (datapackage.json), the DuckDB views of
`extract query`, the page of `extract show` and the README's table of columns all read it. Standard library only, so
commands that only read a dataset import nothing heavy.

Adding a column is: the field on the record (extract/schema.py), the code that fills it, one `Column` line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

KINDS = ("money", "percent", "count", "quantity")
QUALIFIERS = ("approx", "lt", "gt", "le", "ge")
CHANGES = ("up", "down")
PERIODS = ("day", "week", "month", "year")
GRANULARITIES = ("day", "month", "year")
STATUSES = ("ok", "error", "timeout")
CLAIM_TYPES = ("direct", "indirect")
LINK_REASONS = (
    "same full name",
    "known nickname",
    "shorter form",
    "near spelling",
    "one-word form with an agreeing title",
    "same given name and office in the same place",
)


@dataclass(frozen=True)
class Column:
    """One column: its name, Table Schema type (string, integer, number, date), what it means, and its constraints."""

    name: str
    type: str
    description: str
    enum: tuple[str, ...] | None = None
    unit: str | None = None
    # An id is written exactly as made (never given the spreadsheet-safety apostrophe), so that it round-trips.
    is_id: bool = False


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    target: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = ()
    # Written as read: no spreadsheet safety (the texts must stay exact for their character offsets), and gzipped in
    # CSV (whole articles are large).
    verbatim: bool = False
    # Made from the whole dataset once every article is extracted (people across articles), not per article.
    across_articles: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    def file_name(self, fmt: str) -> str:
        """The table's file in a dataset folder for a format ("csv" or "parquet")."""
        if fmt == "csv" and self.verbatim:
            return f"{self.name}.csv.gz"
        return f"{self.name}.{fmt}"


def _doc_id() -> Column:
    return Column("doc_id", "string", "The article (documents.doc_id).", is_id=True)


def _span(what: str) -> tuple[Column, Column]:
    return (
        Column("char_start", "integer", f"Start of {what} in the article's text (a Python string index)."),
        Column("char_end", "integer", f"End of {what} in the article's text (exclusive)."),
    )


_TO_DOCUMENTS = ForeignKey("doc_id", "documents", "doc_id")

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "documents",
            "One row per article read: where it came from, its dates, and whether it could be extracted.",
            (
                Column(
                    "doc_id",
                    "string",
                    "The article's id: the file stem of a .txt, the id field of a JSONL or CSV record.",
                    is_id=True,
                ),
                Column("source", "string", "Where the article came from: the outlet given as metadata, else the path."),
                Column("title", "string", "The headline: the title given as metadata, else a short first line."),
                Column("publication_date", "date", "The article's own time stamp, from metadata or printed on it."),
                Column("reference_date", "date", "The date relative expressions are resolved against."),
                Column("n_chars", "integer", "Length of the text as read, in characters."),
                Column(
                    "status",
                    "string",
                    "ok; error when the article could not be read or extracted; timeout when it took longer than its "
                    "time budget.",
                    STATUSES,
                ),
                Column("error", "string", "Unless ok: the file, line, row or folder and the reason."),
            ),
            "doc_id",
        ),
        Table(
            "figures",
            "Every number that measures money, a share, or how many of something, normalised, with its claim.",
            (
                _doc_id(),
                Column("figure_id", "string", "Id of the figure: <doc_id>#f<n>, numbered in text order.", is_id=True),
                Column("kind", "string", "money, percent, count or quantity.", KINDS),
                Column(
                    "value",
                    "number",
                    "The value in base units; negative where the text says minus.",
                    unit="the currency's units for money (see unit); percentage points; items; the measure's units",
                ),
                Column("value_max", "number", "The upper end of a range, in the unit of value."),
                Column("unit", "string", "ISO 4217 code for money, % for percent, the counted noun or measure word."),
                Column("qualifier", "string", "approx, lt, gt, le or ge.", QUALIFIERS),
                Column("change", "string", "up or down when the figure is the size of a change.", CHANGES),
                Column("period", "string", "day, week, month or year for a rate.", PERIODS),
                Column(
                    "measure",
                    "string",
                    "What the number is an amount, share, count or size of, as written in its sentence (iuran, "
                    "pencairan klaim, pertumbuhan ekonomi); empty when the sentence does not say.",
                ),
                Column(
                    "time",
                    "string",
                    "When the figure holds: the ISO 8601 value of the date expression of its sentence that says so; "
                    "not the day of the statement, the base of a comparison or the start of a sejak span.",
                ),
                Column("time_date_id", "string", "The row of dates that time comes from (dates.date_id).", is_id=True),
                Column(
                    "region",
                    "string",
                    "The place the figure holds for, as written in its sentence (Kalimantan Timur, Sulbar, Kabupaten "
                    "Sumenep), the region of the organisation it belongs to included; not the venue of an event.",
                ),
                Column(
                    "region_canonical",
                    "string",
                    "The region's name in the regions lexicon (Sulbar -> Sulawesi Barat), for grouping rows.",
                ),
                Column("text", "string", "The figure as written."),
                *_span("the figure"),
                Column("sentence", "string", "The sentence that holds the figure."),
                Column("rule", "string", "The pattern that matched (patterns/figures.jsonl)."),
                Column("claim_id", "string", "The claim whose text holds the figure (claims.claim_id).", is_id=True),
                Column("speaker", "string", "Who made that claim."),
                Column("speaker_title", "string", "The speaker's title (jabatan)."),
                Column("speaker_organisation", "string", "The speaker's organisation."),
            ),
            "figure_id",
            (
                _TO_DOCUMENTS,
                ForeignKey("claim_id", "claims", "claim_id"),
                ForeignKey("time_date_id", "dates", "date_id"),
            ),
        ),
        Table(
            "dates",
            "Every expression that points at a calendar day, month or year, or a span of them, as ISO 8601.",
            (
                _doc_id(),
                Column("date_id", "string", "Id of the date: <doc_id>#d<n>, numbered in text order.", is_id=True),
                Column("text", "string", "The expression as written."),
                Column(
                    "value",
                    "string",
                    "ISO 8601 at the written granularity, START/END for a span; empty when unresolved.",
                ),
                Column("granularity", "string", "day, month or year.", GRANULARITIES),
                *_span("the expression"),
                Column("rule", "string", "The pattern that matched (patterns/dates.jsonl)."),
            ),
            "date_id",
            (_TO_DOCUMENTS,),
        ),
        Table(
            "officials",
            "Every person named with a position, or to whom a claim is attributed: one row per person per article.",
            (
                _doc_id(),
                Column("official_id", "string", "Id of the person in the article: <doc_id>#o<n>.", is_id=True),
                Column("name", "string", "The fullest form of the name, without honorifics, ranks or degrees."),
                Column("aliases", "string", "Other forms the article uses, ;-joined."),
                Column("title", "string", "The position (jabatan) as written."),
                Column("organisation", "string", "The organisation, as written."),
                Column("region", "string", "The region, as written."),
                *_span("the first mention"),
                Column("mentions", "integer", "How many times the name or an alias occurs."),
                Column("person_id", "string", "The person across the dataset (people.person_id).", is_id=True),
            ),
            "official_id",
            (_TO_DOCUMENTS, ForeignKey("person_id", "people", "person_id")),
        ),
        Table(
            "claims",
            "Every statement the article attributes to a named person: direct quotes and reported speech.",
            (
                _doc_id(),
                Column("claim_id", "string", "Id of the claim: <doc_id>#c<n>, numbered in text order.", is_id=True),
                Column("speaker", "string", "The person who made the claim."),
                Column("official_id", "string", "That person's row in officials.", is_id=True),
                Column("type", "string", "direct (in quotation marks) or indirect (reported speech).", CLAIM_TYPES),
                Column("verb", "string", "The verb or tag of saying that attributes it."),
                Column("text", "string", "The claim's content."),
                *_span("the claim's content"),
                Column("n_figures", "integer", "How many figures the claim holds."),
            ),
            "claim_id",
            (_TO_DOCUMENTS, ForeignKey("official_id", "officials", "official_id")),
        ),
        Table(
            "people",
            "Every person across the articles of the dataset: the officials of all articles joined, one row each.",
            (
                Column(
                    "person_id",
                    "string",
                    "Id of the person: their fullest name as a slug (sri-mulyani-indrawati), -2, -3 ... for namesakes; "
                    "the same for the same input, whatever the workers, engine, order of files or resumption.",
                    is_id=True,
                ),
                Column("name", "string", "The fullest form of the name the articles use."),
                Column(
                    "variants", "string", "Every form the articles use (names and aliases), most used first, ;-joined."
                ),
                Column(
                    "titles",
                    "string",
                    "Titles and organisations over time, each with the first and last reference dates seen "
                    "(Menteri Keuangan, Kemenkeu (2020-12-22/2024-04-03)), ;-joined, earliest first.",
                ),
                Column("n_documents", "integer", "Articles that name the person."),
                Column("n_officials", "integer", "Rows of officials joined into the person."),
                Column("n_claims", "integer", "Claims attributed to the person."),
                Column("n_figures", "integer", "Figures in those claims."),
                Column("first_seen", "date", "The earliest reference date of an article that names the person."),
                Column("last_seen", "date", "The latest such date."),
            ),
            "person_id",
            across_articles=True,
        ),
        Table(
            "person_links",
            "Why officials were joined into one person: one row per join (a person of n officials has n-1).",
            (
                Column("person_id", "string", "The person (people.person_id).", is_id=True),
                Column("official_id", "string", "The official joined (officials.official_id).", is_id=True),
                Column("linked_official_id", "string", "The official it was joined to.", is_id=True),
                Column(
                    "reason",
                    "string",
                    "The rule that joined them (extract/people.py).",
                    LINK_REASONS,
                ),
            ),
            "official_id",
            (
                ForeignKey("person_id", "people", "person_id"),
                ForeignKey("official_id", "officials", "official_id"),
                ForeignKey("linked_official_id", "officials", "official_id"),
            ),
            across_articles=True,
        ),
        Table(
            "texts",
            "The text of every extracted article exactly as read (what every char_start and char_end indexes), "
            "with the spans skipped as page furniture.",
            (
                _doc_id(),
                Column("text", "string", "The article's text as read."),
                Column(
                    "furniture",
                    "string",
                    "Spans of page furniture (links, bylines, footers) that yield nothing: ;-joined start-end pairs.",
                ),
            ),
            "doc_id",
            (_TO_DOCUMENTS,),
            verbatim=True,
        ),
    )
}

COLUMNS: dict[str, tuple[str, ...]] = {name: table.names for name, table in TABLES.items()}
# The tables each article's rows go to as it is extracted; the others are made from the whole dataset.
ARTICLE_TABLES: tuple[str, ...] = tuple(name for name, table in TABLES.items() if not table.across_articles)


def numeric_columns(table: str) -> frozenset[str]:
    return frozenset(c.name for c in TABLES[table].columns if c.type in ("number", "integer"))


def id_columns(table: str) -> frozenset[str]:
    return frozenset(c.name for c in TABLES[table].columns if c.is_id)


def format_number(value: Decimal | float | int | None) -> str:
    """A number as the tables write it: plain, without exponent or trailing zeros (5.2E+10 -> "52000000000",
    56.70 -> "56.7", 2.0 -> "2"); a float by its shortest exact representation."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        value = Decimal(repr(value))
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def markdown() -> str:
    """The README's table of the dataset's tables and columns (a test keeps the README equal to it)."""
    lines = ["| table | rows | columns |", "| --- | --- | --- |"]
    for table in TABLES.values():
        files = " / ".join(f"`{table.file_name(fmt)}`" for fmt in ("csv", "parquet"))
        columns = ", ".join(
            column.name + (f" (`{'`/`'.join(column.enum)}`)" if column.enum else "") for column in table.columns
        )
        lines.append(f"| {files} | {table.description} | {columns} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
