"""The one place that assembles the pipeline: spacy.blank("id"), a tokenizer tuned for scraped news, the components."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extract import patterns
from extract.components import claims, dates, figures, frames, officials, sentences  # noqa: F401  (registers factories)
from extract.io.readers import MAX_CHARS

COMPONENTS = (
    "extract_sentences",
    "extract_dates",
    "extract_figures",
    "extract_officials",
    "extract_frames",
    "extract_claims",
)
TOKENIZER = "extract.news_tokenizer.v1"

# Curly quotes, dashes and no-break spaces read as Mac Roman after UTF-8 encoding ("‚Äú" for “, "¬†" for a no-break
# space), as some kompas scrapes have them: each is one token, as the character it stands for would be.
_MOJIBAKE = r"(?:‚Ä[úùòôìî¶]|¬†)"


def _glued_amount_words(side: str) -> list[str]:
    """The magnitude and percent words split off a number the scraper ran into them, on one side of the number (the
    "glued" column of magnitudes.tsv and percent_words.tsv: "after" for "10juta", "before" for "miliar10")."""
    entries = (*patterns.lexicon("magnitudes"), *patterns.lexicon("percent_words"))
    return [re.escape(entry.key) for entry in entries if entry["glued"] in (side, "both")]


def _extra_infixes() -> tuple[str, ...]:
    """spaCy's Indonesian infixes are extended by these. Scraped text runs quotes into words (',”ujarnya') and
    currency into numbers after a hyphen ("ribu-Rp18")."""
    after_number = "|".join(_glued_amount_words("after"))
    before_number = "|".join(rf"(?<={word})" for word in _glued_amount_words("before"))
    return (
        r"[“”]",
        r"(?<=\w)[.,!?](?=[“”\"])",
        r'(?<=[,.!?])"',
        r'"(?=[A-Za-z])',
        r"(?<=[A-Za-z])(?=[“”])",
        r"(?<=[Rr]p)(?=\d)",
        r"(?<=\$)(?=\d)",
        rf"(?<=\d)(?=(?:{after_number})\b)",
        r"(?<=[A-Za-z])/(?=\d)",
        r"(?<=\d)(?=[A-Z][a-z])",  # a year run into the next word by the scraper: "2016Thomas"
        # Sentences run together without a space: "Senin (3/7/2023).Selanjutnya", "UMP 2024.Heru", "BPJS.Ia",
        # "ini.,Dia"; a closing bracket, the full stop and the paragraph comma after it are tokens of their own.
        r"(?<=\w)[)\]](?=[^\s)\]])",
        r"(?<=[)\]])[.,;:!?]",
        r"(?<=[0-9a-z])[.!?](?=[A-Z][a-z]|¬†|‚Ä)",
        r"(?<=[A-Z]{2})\.(?=[A-Z][a-z])",
        r"(?<=\w)\.(?=,)",
        r"(?<=\d),(?=[A-Z][a-z])",  # "Pada 2025,Pemprov": a decimal comma has a digit after it
        r"(?<=[.!?]),(?=\S)",
        r"(?<=\d)[–—](?=\d)",  # a span of years or days with an en or em dash: "2019–2020"
        # List items glued to their marker: "diberikan:-Beras 10 kg", "Rp 1,1 triliun.5. Lombok Timur ...".
        r"(?<=\w):(?=[-–—•])",
        r"(?<=:)[-–—•](?=\w)",
        r"(?<=[a-z]{3})\.(?=\d{1,2}$)",
        r"(?<=[a-z])\((?=\d)",  # "Kamis(7/8)": a weekday run into its date
        # An acronym run into the next word by a dropped link: "RIFelly", "DKIJakarta".
        r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2})",
        # Figures glued by the scraper (acc-figures): a number run into a magnitude or percent word before it ("Rp
        # 538 miliar10."), "-an" after a number ("800an massa"), a rate in brackets glued to a percentage ("0,01
        # persen(mtm)"), punctuation after a percent sign ("4,26%.Kepala") and a comma before a quote read as Mac
        # Roman ("triliun,‚Äù").
        rf"(?=\d)(?:{before_number})",
        r"(?<=\d)(?=an\b)",
        r"(?:(?<=persen)|(?<=%))\(",
        r"(?<=\d)(?=%\()",
        r"(?<=\d)(?=%[.,]+[A-Za-z\"“”‚])",
        r"(?<=%)[.,]+(?=[A-Za-z\"“”‚])",
        r"(?<=\w)[.,!?](?=‚Ä[ùú])",
        _MOJIBAKE,
    )


_EXTRA_PREFIXES = (r"\.(?=\d)", r"[-–—•](?=[A-Z])")  # "-KTP asli": a list item's dash
_EMOTICONS_WITH_DIGITS = frozenset({"8)", "8-)", "(-8"})
# "Rp1,2 M." ends a sentence with a magnitude abbreviation; the full stop is not part of it.
_EXTRA_SUFFIXES = (r"(?<=\b[MT])\.", _MOJIBAKE)


# The tokenizer caches whole whitespace-separated chunks, but the affix rules also run on what is left of a chunk once
# its punctuation is split off ("gram" of "gram," and "(gram)"), and four in five of those strings recur. Each affix
# search therefore runs once per distinct string: the same tokens, in about half the time.
_AFFIX_CACHE_SIZE = 1 << 17


def _memoised(search: Callable[[str], Any], pattern: re.Pattern[str] | None = None) -> Callable[[str], Any]:
    cached = lru_cache(maxsize=_AFFIX_CACHE_SIZE)(search)
    # Tokenizer.to_bytes reads each rule's expression from the bound method's __self__.
    cached.__self__ = pattern or search.__self__  # type: ignore[attr-defined]
    return cached


# spaCy's tokenizer strips affixes off a whitespace-free chunk one at a time, re-searching what is left, so its time
# grows with the square of the chunk's length: 4,000 hyphens take half a minute. News text has no such chunks (the
# bulk corpus's longest is under 100 characters: URLs and words run together); scraped pages do (separator lines,
# base64 images, minified scripts). A chunk longer than this is kept whole, as one token: linear time, and such junk
# holds no figure, date or name anyway.
MAX_CHUNK = 100
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


class NewsTokenizer(Tokenizer):
    """spaCy's Tokenizer, except that whitespace-free chunks longer than MAX_CHUNK characters are single tokens."""

    def __call__(self, text: str) -> Doc:
        if len(text) <= MAX_CHUNK or _LONG_CHUNK.search(text) is None:
            return super().__call__(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for chunk in _LONG_CHUNK.finditer(text):
            self._add(text[position : chunk.start()], words, spaces)
            words.append(chunk.group())
            position = chunk.end()
            # The single space after a chunk is its trailing whitespace, as the tokenizer would have it.
            spaces.append(text.startswith(" ", position))
            position += spaces[-1]
        self._add(text[position:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _add(self, text: str, words: list[str], spaces: list[bool]) -> None:
        if text:
            for token in super().__call__(text):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))


def news_tokenizer(nlp: Language, memoise: bool = True) -> Tokenizer:
    """spaCy's Indonesian tokenizer with the extra affix rules above; `memoise=False` gives the same rules without
    the caches (the tests compare the two)."""
    defaults = nlp.Defaults
    # The emoticons "8)" and "8-)" would swallow the month of "(9/8)" in dates.
    rules = {key: value for key, value in defaults.tokenizer_exceptions.items() if key not in _EMOTICONS_WITH_DIGITS}
    rules.update({entry.key: [{ORTH: entry.key}] for entry in patterns.lexicon("single_tokens")})
    # A byline label glued to the story's last word ("desaPewarta:") starts a token of its own.
    label_forms = sorted((entry.key for entry in patterns.lexicon("byline_labels")), key=len, reverse=True)
    labels = "|".join(re.escape(form) for form in label_forms)
    glued_byline = rf"(?<=[a-z.)])(?=(?:{labels})(?::|$))"  # the colon may have gone as a suffix already
    # Words run together where the scraper dropped a hyperlink's spaces: "GubernurBanten", "kepadaKompas"; not the
    # surnames of camel_case_name_prefixes ("MacAskill"). Brand names in camel case ("YouTube") split too: no rule
    # reads inside them.
    name_starts = "".join(rf"(?<!\b{re.escape(entry.key)})" for entry in patterns.lexicon("camel_case_name_prefixes"))
    run_together = rf"(?<=[a-z]{{2}}){name_starts}(?=[A-Z][a-z])"
    # ... and a name run into the verb of saying after it: "Ahmad Luthfimengatakan" (not "memerinci": three letters
    # at least stand before the verb).
    speech_verbs = {entry.key for entry in patterns.lexicon("speech_verbs")}
    verbs = sorted((verb for verb in speech_verbs if verb.startswith("me") and " " not in verb), key=len, reverse=True)
    name_then_verb = rf"(?<=[a-z]{{3}})(?=(?:{'|'.join(re.escape(verb) for verb in verbs if len(verb) >= 7)})$)"
    # The mojibake goes first: spaCy's own prefixes would take its first character ("‚") for a low quotation mark.
    prefixes = compile_prefix_regex([_MOJIBAKE, *(defaults.prefixes or []), *_EXTRA_PREFIXES])
    suffixes = compile_suffix_regex([*(defaults.suffixes or []), *_EXTRA_SUFFIXES])
    # A number run into the word before it where a hyperlink was ("atau14 persen"): one lookbehind per word, as Python
    # lookbehinds have a fixed width; the digit is tested first.
    words_before = "|".join(rf"(?<=\b{re.escape(w)})" for w in sorted(patterns.words("words_before_numbers")))
    glued_number = rf"(?=\d)(?:{words_before})"
    # A source cue run into an outlet's name in camel case: "DilansirdetikNews", "mengutipdetikFinance".
    cues = sorted(cue for cue in patterns.words("source_cues") if len(cue) >= 6)
    cue_ends = "|".join(rf"(?<=\b{re.escape(c)})|(?<=\b{re.escape(c.capitalize())})" for c in cues)
    glued_source = rf"(?:{cue_ends})(?=[a-z]{{2,}}[A-Z])"
    glued_words = (glued_byline, run_together, name_then_verb, glued_number, glued_source)
    infixes = compile_infix_regex([*(defaults.infixes or []), *_extra_infixes(), *glued_words])
    prefix_search: Callable[[str], Any] = prefixes.search
    suffix_search: Callable[[str], Any] = suffixes.search
    infix_finditer: Callable[[str], Any] = infixes.finditer
    url_match = defaults.url_match
    if memoise:
        prefix_search, suffix_search = _memoised(prefix_search), _memoised(suffix_search)
        infix_finditer = _memoised(lambda text: tuple(infixes.finditer(text)), infixes)
        url_match = _memoised(url_match) if url_match else None
    return NewsTokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=prefix_search,
        suffix_search=suffix_search,
        infix_finditer=infix_finditer,
        token_match=defaults.token_match,
        url_match=url_match,
    )


@spacy.registry.tokenizers(TOKENIZER)
def create_news_tokenizer() -> Callable[[Language], Tokenizer]:
    """The news tokenizer, built once with the pipeline (its 60,000 exceptions are slow to reload, so the rules are
    not patched in afterwards)."""
    return news_tokenizer


def build_pipeline() -> Language:
    """A blank Indonesian pipeline with the extract components, patterns validated up front."""
    patterns.validate_all()
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    # spaCy's limit guards the memory of parsers and entity recognisers, which this pipeline does not have; every
    # article the readers accept must go through.
    nlp.max_length = MAX_CHARS + 1
    nlp.meta["patterns_fingerprint"] = patterns.fingerprint()  # which patterns this pipeline was built with
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@cache
def default_pipeline() -> Language:
    """One shared pipeline per process: building it takes seconds, using it keeps no state between documents."""
    return build_pipeline()


def make_doc(nlp: Language, text: str, metadata_date: dt.date | None = None) -> Doc:
    """A tokenised Doc carrying the article's metadata date, ready for nlp.pipe."""
    doc = nlp.make_doc(text)
    # The tokenizer keeps every character, so this is Doc.text without joining the tokens again.
    doc._.extract_text = text
    doc._.extract_metadata_date = metadata_date
    return doc
