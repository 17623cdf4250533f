"""Reading persons' names in token runs: which capitalised words can be part of a name, where a name ends, which
honorifics, ranks and degrees to leave out, whether the article uses a word alone as a name or as a place. Shared by
extract_officials and extract_claims; the word lists come in as OfficialLexicons.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from extract.components.officials.lexicons import OfficialLexicons
from extract.doc import text_of

MAX_NAME_TOKENS = 6  # "Anak Agung Gde Ngurah Ari Dwipayana"


class NameReader:
    """Reads persons' names in token runs: which capitalised words can be part of a name, where a name ends,
    which honorifics, ranks and degrees to leave out. Shared by extract_officials and extract_claims."""

    def __init__(self, lexicons: OfficialLexicons) -> None:
        self.lex = lexicons
        # Both tests depend on the word alone and run on every capitalised word of an article: each word is
        # tested once.
        self._office_word = lru_cache(maxsize=1 << 16)(self._office_word_uncached)
        self._name_word = lru_cache(maxsize=1 << 16)(self._name_word_uncached)

    def is_office_word(self, token: Token) -> bool:
        return self._office_word(token.lower_)

    def _office_word_uncached(self, lower: str) -> bool:
        if (
            lower in self.lex.office_words
            or lower in self.lex.title_words
            or lower in self.lex.org_prefixes
            or lower in self.lex.place_units  # "Keuchik Gampong Lamteuba"
        ):
            return True
        return any(
            lower.startswith(prefix) and lower.endswith(suffix) and len(lower) >= length
            for prefix, suffix, length in self.lex.office_affixes
        )

    def is_name_token(self, token: Token) -> bool:
        return self._name_word(token.text)

    def is_name_word(self, text: str) -> bool:
        """is_name_token for a word of the text rather than a token."""
        return self._name_word(text)

    def _name_word_uncached(self, text: str) -> bool:
        if text in self.lex.particles:
            return True
        if not text[:1].isupper():
            return False
        letters = text.replace("'", "").replace("’", "").replace("-", "").replace(".", "")
        if not letters.isalpha():
            return False
        lower = text.lower()
        if lower in self.lex.not_names or lower in self.lex.calendar_words or self._office_word(lower):
            return False
        if self.is_verb_form(lower):
            return False
        if text in self.lex.honorifics or lower in self.lex.ranks:
            return False
        if "-" in lower and len(set(lower.split("-"))) == 1:
            return False  # "Aset-aset": a plural, never a name
        if lower.endswith("nya") and len(lower) >= 7:
            return False  # "Temannya", "Menurutnya": a possessive or a clitic, never a name
        if text.isupper() and len(letters) > 1:
            return False  # an acronym, not a name (initials are read by the apposition shape only)
        if len(letters) > 2 and letters[1].isupper():
            return False  # "ZDnet", "PTPN-nya": a brand or an acronym with a suffix
        if any(a.islower() and b.isupper() for a, b in pairwise(letters)) and not any(
            letters.startswith(prefix) and letters[len(prefix) : len(prefix) + 1].isupper()
            for prefix in self.lex.camel_name_prefixes
        ):
            return False  # "TechRadar", "WhatsApp", words glued by the scraper ("JatengAhmad"); not "McDonald"
        return not (text.endswith(".") and len(letters) > 1)

    def used_alone(self, doc: Doc, k: int, end: int | None = None) -> bool:
        """Whether the article uses the word at token k elsewhere as a name on its own, not inside the same capitalised
        run: "ujar Maria", "kata Maria.", "... Maria mengatakan", or the whole name up to `end` ("dengan Agus
        Hananto untuk"); after a lower-case word or a punctuation mark, not after a capitalised word, which may be
        part of a place ("Gunung Tua"), nor after a place's cue ("di Jajag"). A body's short form ("Bandai Namco
        selaku ...", from "Bandai Namco America") is neither."""
        if not self.is_name_token(doc[k]):
            return False  # "11" of "SMAN 11 Semarang", a place's word: no name to use alone
        word = doc[k].text
        text = text_of(doc)
        own = doc[k].idx
        if end is None:
            end = self.name_run(doc, k, len(doc))
        whole = doc[k:end].text if end > k + 1 else None
        position = text.find(word)
        while position != -1:
            word_end = position + len(word)
            if (
                position != own
                and (position == 0 or not text[position - 1].isalnum())
                and (word_end == len(text) or not (text[word_end].isalnum() or text[word_end] in "'’-"))
                and self._alone_after(text, position)
                and (
                    self._alone_before(text, word_end)
                    or (
                        whole is not None
                        and text.startswith(whole, position)
                        and self._alone_before(text, position + len(whole))
                    )
                )
            ):
                return True
            position = text.find(word, word_end)
        return False

    def used_as_place(self, doc: Doc, k: int) -> bool:
        """Whether the article uses the word at token k elsewhere after a place's cue ("di Verbania", "ke Jajag")."""
        word = doc[k].text
        text = text_of(doc)
        position = text.find(word)
        while position != -1:
            end = position + len(word)
            if position != doc[k].idx and (end == len(text) or not text[end].isalnum()):
                i = position - 1
                while i >= 0 and text[i] == " ":
                    i -= 1
                start = i
                while start > 0 and text[start - 1].isalpha():
                    start -= 1
                if i >= 0 and text[start : i + 1] in self.lex.place_cues:
                    return True
            position = text.find(word, end)
        return False

    @staticmethod
    def _alone_before(text: str, end: int) -> bool:
        """Whether what follows `end` closes a name: a lower-case word or a punctuation mark ("Maria mengatakan",
        "ujar Maria."), not another capitalised word ("ruas Tol Bali")."""
        i = end
        while i < len(text) and text[i] in " \t":
            i += 1
        return i == len(text) or not text[i].isalpha() or text[i].islower()

    def _alone_after(self, text: str, position: int) -> bool:
        """Whether what stands before `position` leaves the word there on its own (see used_alone)."""
        i = position - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or not text[i].isalpha():
            return i < 0 or text[i] not in "-'’"  # a line start, a comma, a quote; not "Jateng-DIY"
        start = i
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
            start -= 1
        return text[start].islower() and text[start : i + 1] not in self.lex.place_cues  # not "di Kedungrejo"

    def is_not_name(self, lower: str) -> bool:
        """A word that opens no name and is part of none: "sementara", "Senin", "Ditahan"."""
        return lower in self.lex.not_names or lower in self.lex.calendar_words or self.is_verb_form(lower)

    def is_verb_form(self, lower: str) -> bool:
        """A headline verb ("Minta", "Ditahan", "Resmikan", "Dikunjungi"): its stem in headline_verbs.txt, bare or
        with di-, -kan or -i."""
        stems = self.lex.headline_verbs
        if lower.startswith("di"):
            forms: tuple[str, ...] = (lower, lower[2:])
        elif lower.startswith("ber"):
            forms = (lower, lower[3:])  # "Bekerja" is listed whole; "Bertugas", "Berharap"
        else:
            forms = (lower,)
        return any(
            form in stems
            or (form.endswith("kan") and form[:-3] in stems)
            or (form.endswith("i") and form[:-1] in stems)
            for form in forms
        )

    def name_run(self, doc: Doc, start: int, limit: int) -> int:
        """End of the person's name starting at `start` (== start when there is none)."""
        end = start
        while end < min(limit, len(doc)) and end - start < MAX_NAME_TOKENS:
            token = doc[end]
            later_title_word = (
                end > start
                and token.lower_ in self.lex.title_words
                and token.is_title
                and (
                    not (end + 1 < len(doc) and doc[end + 1].text[:1].isupper())
                    or doc[end - 1].text in self.lex.particles
                )
            )  # "Sulaiman Hakim": a title word closing a name; "Abdul Hakim Mahfudz": one after a name part
            month_in_name = (
                end > start
                and token.lower_ in self.lex.months
                and token.is_title
                and not (end + 1 < len(doc) and doc[end + 1].like_num)
            )  # "Raja Juli Antoni", not "12 Juli 2024"
            if (self.is_name_token(token) or later_title_word or month_in_name) and not (
                end > start and token.is_sent_start
            ):
                if (
                    token.text in self.lex.particles
                    and end == start
                    and (
                        token.text.islower()
                        or not (
                            end + 1 < len(doc)
                            and (self.is_name_token(doc[end + 1]) or doc[end + 1].lower_ in self.lex.title_words)
                        )
                    )
                ):
                    break  # "bin" cannot open a name, nor "Lalu" that is not followed by one
                end += 1
                continue
            if (
                token.text == "."
                and end > start
                and len(doc[end - 1].text) == 1
                and doc[end - 1].text.isupper()
                and not doc[end - 1].whitespace_
                and end + 1 < min(limit, len(doc))
                and self.is_name_token(doc[end + 1])
            ):
                end += 1  # an initial's full stop, split off by the tokenizer: "M. Nur Khabsyin", "Budi S. Sudarmadi"
                continue
            break
        while end > start and doc[end - 1].text in self.lex.particles and doc[end - 1].text.islower():
            end -= 1
        return end

    def rank_length(self, doc: Doc, i: int) -> int:
        """Tokens of the rank or honorific at i: 2 for "Komisaris Jenderal", "Marsekal Muda"; 1 for "AKBP", "Dr."; 0."""
        if i + 1 < len(doc) and f"{doc[i].lower_} {doc[i + 1].lower_}" in self.lex.ranks:
            return 2
        return 1 if doc[i].text in self.lex.honorifics or doc[i].lower_ in self.lex.ranks else 0

    def skip_honorifics(self, doc: Doc, i: int) -> int:
        while i < len(doc):
            token = doc[i]
            if self.rank_length(doc, i) == 2:
                i += 2
            elif token.text in self.lex.honorifics or token.lower_ in self.lex.ranks:
                i += 1
                if i < len(doc) and doc[i].text == "." and not token.whitespace_:
                    i += 1
            elif (
                token.text == "("
                and i + 2 < len(doc)
                and doc[i + 1].lower_.startswith("purn")
                and doc[i + 2].text in (")", ".")
            ):
                i += 3 if doc[i + 2].text == ")" else 4
            else:
                break
        return i

    def clean_name(self, doc: Doc, start: int, end: int) -> str:
        tokens = [t for t in doc[start:end] if t.text not in self.lex.honorifics and t.lower_ not in self.lex.ranks]
        if (
            len(tokens) >= 3
            and tokens[0].text in self.lex.nickname_openers
            and tokens[0].text not in self.lex.particles
        ):
            tokens = tokens[1:]  # "Kang Asep Sunandar": the name is "Asep Sunandar", "Kang Asep" a familiar form
        # Words joined by single spaces; an initial's full stop stays on it ("M. Nur").
        return "".join(
            t.text + (" " if t.whitespace_ or (t.i + 1 < end and doc[t.i + 1].text != ".") else "") for t in tokens
        ).strip()

    def rank_before(self, doc: Doc, start: int) -> str | None:
        """A police or military rank right before a name ("AKP Rina Oktaviani"): the title when there is no other."""
        ranks: list[str] = []
        i = start - 1
        while i >= 0 and (doc[i].lower_ in self.lex.ranks or doc[i].text in self.lex.honorifics):
            if doc[i].lower_ in self.lex.ranks:
                ranks.insert(0, doc[i].text)
            i -= 1
        return " ".join(ranks) or None

    @staticmethod
    def is_acronym(token: Token) -> bool:
        return token.text.isupper() and token.is_alpha and len(token.text) > 1

    @staticmethod
    def is_initials(token: Token) -> bool:
        return token.text.isupper() and token.is_alpha and 2 <= len(token.text) <= 4

    def degrees_end(self, doc: Doc, end: int) -> int:
        """After a name, the end of its degrees: "Rudi Hermawan, S.H., M.H.," -> after "M.H."."""
        i = end
        while i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].text in self.lex.degrees:
            i += 2
            if i < len(doc) and doc[i].text == "." and not doc[i - 1].whitespace_:
                i += 1
        return i

    def is_known_place_or_body(self, name: str) -> bool:
        """A region or organisation, which reads like a name but is none ("Karawang", "Kemendag")."""
        return name.lower() in self.lex.regions or name.lower() in self.lex.organisations
