"""The extract_officials component: officials found around the titles of patterns/lexicons/titles.txt (see the
package's docstring for the three shapes read). Names are read by a NameReader; the records made are those of
extract/persons.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_TITLE, IS_UPPER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from extract.components.officials.lexicons import OfficialLexicons
from extract.components.officials.names import MAX_NAME_TOKENS, NameReader
from extract.doc import sentence_bounds, text_of
from extract.persons import Mention, Person, find_person, merge_aliases, merge_mention, name_key

_NAME_WINDOW = 12  # tokens after a title within which its chain and the name must show a capitalised word


def _past_spaces(doc: Doc, i: int) -> int:
    """The first token from i that is not whitespace (scraped text doubles spaces: "Qualcomm,   Kedar Kondap")."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


@dataclass
class _Chain:
    start: int
    end: int
    title_end: int  # the title is doc[start:title_end]
    organisation: str | None
    region: str | None
    open_organisation: bool = False  # the organisation runs to the chain's end and may go on after it


@dataclass(slots=True)
class _ChainReading:
    """A title chain being read (see OfficialFinder.chain): where it starts, the token the steps look at (`i`), and
    what they found so far. One per chain read: nothing of it outlives the call."""

    doc: Doc
    start: int
    sentence_end: int
    marks: dict[int, tuple[int, str, str]]  # known organisations and regions by start token: (end, label, text)
    title_starts: dict[int, int]  # title phrases: start -> end
    role_title: bool  # a professional role listed in lower case ("pengamat"): it takes lower-case fields
    org_start: int | None  # "Kepala Dinas Kesehatan Kota Bogor": the organisation opened by "Dinas"
    i: int
    token: Token = field(init=False)  # doc[i], and its lower-case text, read once for all the steps
    lower: str = ""
    title_end: int | None = None  # where the title ends, once a step knows
    organisation: str | None = None
    region: str | None = None
    derived: bool = False  # the organisation was read off the title, not found in the lexicon

    def end_title(self) -> None:
        """The title ends at the token read now, unless it ended before."""
        if self.title_end is None:
            self.title_end = self.i


class OfficialFinder:
    """The extract_officials component (see module docstring)."""

    def __init__(self, nlp: Language, lexicons: OfficialLexicons) -> None:
        self.lex = lexicons
        self.names = NameReader(lexicons)
        # Two passes over each Doc: the phrases matched as written, and those matched in any case (titles,
        # organisations, regions, alias cues), each told apart by its key.
        self.exact_phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("title", [nlp.make_doc(title) for title in lexicons.titles])
        for label, named in (("org", lexicons.organisation_forms), ("region", lexicons.region_forms)):
            for forms in named:
                for form in forms:
                    form_doc = nlp.make_doc(form)
                    # Short all-caps forms ("BI", "MA") and one-word names ("Batu") only as written.
                    exact = (form.isupper() and len(form) <= 5) or len(form_doc) == 1
                    (self.exact_phrases if exact else self.phrases).add(label, [form_doc])
        self.phrases.add("alias", [nlp.make_doc(cue) for cue in lexicons.alias_cues])
        self.phrases.add("role", [nlp.make_doc(noun) for noun in lexicons.role_noun_phrases])

    # -- shapes --------------------------------------------------------------------------------------------------

    def _marks(self, doc: Doc) -> tuple[dict[int, tuple[int, str, str]], dict[int, int], dict[int, int], list[int]]:
        """Organisation and region spans by start token: (end, label, text); title starts; alias cue starts (both
        start -> end); role noun starts."""
        spans: dict[int, tuple[int, str, str]] = {}
        title_starts: dict[int, int] = {}
        alias_cues: dict[int, int] = {}
        role_starts: list[int] = []
        exact = [(doc.vocab.strings[key], start, end) for key, start, end in self.exact_phrases(doc)]
        any_case = [(doc.vocab.strings[key], start, end) for key, start, end in self.phrases(doc)]
        for label, start, end in exact + any_case:
            if label == "title":
                title_starts[start] = max(end, title_starts.get(start, end))
            elif label == "alias":
                alias_cues[start] = end
            elif label == "role":
                role_starts.append(start)
            elif start not in spans or end > spans[start][0]:
                spans[start] = (end, label, doc[start:end].text)
        return spans, title_starts, alias_cues, sorted(role_starts)

    def _parenthetical_end(self, doc: Doc, i: int) -> int | None:
        """End of "(ABC)" or "(Persero)" at i."""
        if i < len(doc) and doc[i].text == "(":
            for j in range(i + 1, min(i + 5, len(doc))):
                if doc[j].text == ")":
                    return j + 1
        return None

    def chain(
        self, doc: Doc, start: int, marks: dict[int, tuple[int, str, str]], title_starts: dict[int, int]
    ) -> _Chain:
        """The title chain starting at a title word: its extent, where the title ends, its organisation and region.
        At each token, the steps of CHAIN_STEPS are tried in order; the first that answers takes the token (and maybe
        more) into the chain, or ends it there; a token that no step takes ends the chain."""
        phrase_end = title_starts.get(start, start + 1)
        reading = _ChainReading(
            doc,
            start,
            sentence_bounds(doc, start)[1],
            marks,
            title_starts,
            role_title=doc[start:phrase_end].text.lower() in self.lex.role_titles,
            org_start=next((k for k in range(start + 1, phrase_end) if doc[k].lower_ in self.lex.org_prefixes), None),
            i=start,
        )
        steps = self.CHAIN_STEPS
        while reading.i < reading.sentence_end:
            reading.token = token = doc[reading.i]
            reading.lower = token.lower_
            for step in steps:
                taken = step(self, reading)
                if taken is not None:
                    break
            else:
                taken = False
            if not taken:
                break
        i, org_start, organisation = reading.i, reading.org_start, reading.organisation
        title_end = reading.title_end if reading.title_end is not None else i
        open_organisation = organisation is None and org_start is not None and i > org_start + 1
        if open_organisation:
            organisation = doc[org_start:i].text
        return _Chain(start, i, title_end, organisation, reading.region, open_organisation)

    # -- the steps of a title chain ------------------------------------------------------------------------------
    # Each takes the reading at its token (reading.i) and answers True when it took the token (and maybe more) into
    # the chain, False when the chain ends there, None when the token is not its business.

    def _known_body_or_place(self, r: _ChainReading) -> bool | None:
        """An organisation or region of the lexicons ("BPJS Ketenagakerjaan", "Kota Bogor") is the chain's body or
        place; a known organisation wins over one read off the title ("Kepala Kantor Wilayah ... BPJS ..."), and its
        legal suffix, a longer name closed by a place and an acronym in brackets come with it."""
        if r.i not in r.marks:
            return None
        doc, i, sentence_end = r.doc, r.i, r.sentence_end
        end, label, text = r.marks[i]
        if label == "org" and (r.organisation is None or r.derived):
            adjacent = r.org_start is not None and r.org_start + 1 == i
            r.organisation = doc[r.org_start : end].text if adjacent else text
            r.derived = False
        elif label == "region" and r.region is None:
            r.region = text
            if r.org_start is not None and r.organisation is None:
                r.organisation, r.derived = doc[r.org_start : i].text, True
        r.end_title()
        if label == "region":
            while end < sentence_end and doc[end].lower_ in self.lex.place_suffixes and doc[end].is_title:
                end += 1  # "Cilacap Tengah"
            r.region = doc[i:end].text if r.region == text else r.region
        i = end
        while label == "org" and i < sentence_end and doc[i].lower_ in self.lex.org_suffixes:
            i += 1  # "PT Pertamina Persero", "Bank Mandiri Tbk"
        if label == "org":
            k = i
            while k < min(sentence_end, i + 3) and doc[k].is_title:
                k += 1
            if (
                k > i + 1
                and i not in r.marks
                and doc[i].lower_ not in self.lex.administrative_units
                and not any(self.names.is_office_word(t) for t in doc[i : k - 1])
                and self.names.is_known_place_or_body(doc[k - 1].text)
                and (k >= sentence_end or not doc[k].text[:1].isupper())
            ):
                i = k  # "Partai Buruh Sosialis Spanyol.": a known body's longer name, closed by a place
        closing = self._parenthetical_end(doc, i)
        if closing is not None:
            i = closing
        r.i = i
        return True

    def _proper_name_body(self, r: _ChainReading) -> bool | None:
        """A prefix of proper_organisation_prefixes after the first word ("PT", "CV") opens a company's proper name:
        "Direktur PT Pupuk Indonesia (Persero)"."""
        if r.lower not in self.lex.proper_org_prefixes or r.i <= r.start:
            return None
        r.end_title()
        r.i, text = self._proper_organisation(r.doc, r.i, r.sentence_end)
        r.organisation = r.organisation or text
        return True

    def _administrative_unit(self, r: _ChainReading) -> bool | None:
        """ "Kota", "Kabupaten", "Provinsi" and a capitalised word name the chain's region ("Kepala Dinas Kesehatan
        Kota Bogor"), unless the word is a name that ends the sentence; what stood between the body's opening word
        and the unit is the organisation."""
        doc, i, sentence_end = r.doc, r.i, r.sentence_end
        if r.lower not in self.lex.administrative_units or i + 1 >= sentence_end:
            return None
        nxt = doc[i + 1]
        if not (
            nxt.text[:1].isupper() and (i + 1 in r.marks or not self.names.is_name_token(nxt) or i + 2 < sentence_end)
        ):
            return None
        end = r.marks[i + 1][0] if i + 1 in r.marks else i + 2
        if r.org_start is not None and r.organisation is None:
            r.organisation, r.derived = doc[r.org_start : i].text, True
        r.region = r.region or doc[i:end].text
        r.end_title()
        r.i = end
        return True

    def _rank(self, r: _ChainReading) -> bool | None:
        """A police or military rank after the title opens the name, so the chain ends there: "Wakapolri Komisaris
        Jenderal Ahmad", "(Basarnas) Marsekal Muda TNI Mohammad"."""
        i = r.i
        if i > r.start and (
            r.lower in self.lex.ranks
            or (i + 1 < r.sentence_end and f"{r.lower} {r.doc[i + 1].lower_}" in self.lex.ranks)
        ):
            return False
        return None

    def _further_title(self, r: _ChainReading) -> bool | None:
        """Another title phrase continues the chain ("Wakil Ketua Umum"); the first organisation word inside it
        opens the body when none is open yet."""
        if r.i not in r.title_starts:
            return None
        phrase_end = r.title_starts[r.i]
        if r.org_start is None:
            r.org_start = next(
                (k for k in range(r.i + 1, phrase_end) if r.doc[k].lower_ in self.lex.org_prefixes), None
            )
        r.i = phrase_end
        return True

    def _named_field(self, r: _ChainReading) -> bool | None:
        """ "Bidang Fatwa", "Head of Research": the field after "bidang" or "of" is part of the title, whatever the
        word."""
        if r.lower in self.lex.field_openers and r.i + 1 < r.sentence_end and r.doc[r.i + 1].text[:1].isupper():
            r.i += 2
            return True
        return None

    def _section_field(self, r: _ChainReading) -> bool | None:
        """ "Kasi Pidus Kejaksaan Negeri ...", "Kabid Dikdas Disdikbud ...": after a section's head (field_heads.txt),
        a capitalised word that another follows is the section's field, unless the article shows it to be a name."""
        doc, i, token = r.doc, r.i, r.token
        if (
            i > r.start
            and doc[i - 1].lower_ in self.lex.field_heads
            and token.text[:1].isupper()
            and token.is_alpha
            and i not in r.marks
            and token.text not in self.lex.given_names
            and i + 1 < r.sentence_end
            and doc[i + 1].text[:1].isupper()
            and not self.names.used_alone(doc, i)
        ):
            r.i += 1
            return True
        return None

    def _office_word(self, r: _ChainReading) -> bool | None:
        """A word of an office or a body ("Dinas", "Kesehatan", "Pemberantasan") continues the chain; an
        organisation word opens the body when none is known. After a post, a lower-case word that also runs text
        ("Anggota TNI dalam ...") ends it, unless the title is a professional role (listed in lower case), which takes
        lower-case fields ("Pengamat kebijakan publik"); a name particle before a name is the name's ("Gubernur NTB
        Lalu Muhamad Iqbal"), unlike "Lalu Lintas"."""
        doc, i, token, lower, sentence_end = r.doc, r.i, r.token, r.lower, r.sentence_end
        if not (
            self.names.is_office_word(token)
            and not (token.is_lower and lower in self.lex.not_names and not r.role_title and not doc[r.start].is_lower)
            and not (
                token.text in self.lex.particles
                and i + 1 < sentence_end
                and self.names.is_name_token(doc[i + 1])
                and not self.names.is_office_word(doc[i + 1])
            )
        ):
            return None
        if lower in self.lex.org_prefixes and i > r.start and r.org_start is None and r.organisation is None:
            r.org_start = i
            r.end_title()
        r.i += 1
        return True

    def _acronym(self, r: _ChainReading) -> bool | None:
        """An acronym inside the chain ("SDM", "UPTD", "RI", also with digits: "DP3AP2KB") continues it; not a Roman
        numeral, nor a rank, which opens the name ("Kasat Reskrim AKP Rio Arinanda"). An unknown acronym right after
        the title is the body, not part of the title: "Ketua MPBI DIY"; but two acronyms name one body ("Ketua TP
        PKK")."""
        doc, i, token, sentence_end = r.doc, r.i, r.token, r.sentence_end
        if not (
            token.text.isupper()
            and token.text.isalnum()
            and 1 < len(token.text) <= 9
            and token.text not in self.lex.roman_numerals
            and r.lower not in self.lex.ranks
        ):
            return None
        if (
            i == r.title_starts.get(r.start)
            and r.title_end is None
            and r.organisation is None
            and not self.names.is_office_word(token)
            and not (i + 1 < sentence_end and self.names.is_acronym(doc[i + 1]) and i + 1 not in r.marks)
        ):
            r.title_end, r.organisation, r.derived = i, token.text, True
        r.i += 1
        return True

    def _numbered_office(self, r: _ChainReading) -> bool | None:
        """A Roman numeral or a capital letter after an office word numbers it: "Komisi IX", "Kelas I Jakarta", "DPD I
        Golkar"; but "I" opens "I Nyoman Mastera" when a name follows."""
        doc, i, token, sentence_end = r.doc, r.i, r.token, r.sentence_end
        if (
            (token.text in self.lex.roman_numerals or (len(token.text) == 1 and token.text.isupper()))
            and i > r.start
            and self.names.is_office_word(doc[i - 1])
            and not (
                i + 1 < sentence_end
                and self.names.is_name_token(doc[i + 1])
                and not self.names.is_known_place_or_body(doc[i + 1].text)
            )
        ):
            r.i += 1
            return True
        return None

    def _unit_number(self, r: _ChainReading) -> bool | None:
        """A number after a neighbourhood unit or a body's word is the unit's: "Ketua RW 4", "Kepala SMAN 11", "Dandim
        0802"."""
        doc, i = r.doc, r.i
        if (
            r.token.like_num
            and i > r.start
            and (doc[i - 1].text in self.lex.neighbourhood_units or doc[i - 1].lower_ in self.lex.org_prefixes)
        ):
            r.i += 1
            return True
        return None

    def _bracketed(self, r: _ChainReading) -> bool | None:
        """A short bracket inside the chain ("(Persero)", "(BPJT)") is part of it."""
        if r.token.text != "(":
            return None
        closing = self._parenthetical_end(r.doc, r.i)
        if closing is None:
            return None
        r.i = closing
        return True

    def _listed_department(self, r: _ChainReading) -> bool | None:
        """ "Kepala Dinas Kepemudaan, Olahraga, dan Pariwisata": a comma before an office word lists departments;
        not after the place (a comma then ends the chain: "Wali Kota Bekasi, Jalan Ahmad Yani"), nor before a name
        particle ("Lalu" opens Sasak names as well as "Lalu Lintas"), a given name, a place's unit ("Ketua RW 4,
        Kelurahan ...") or a place's cue ("Gubernur, Jalan Suropati")."""
        doc, i, sentence_end = r.doc, r.i, r.sentence_end
        if r.token.text != "," or i <= r.start or r.region is not None:
            return None
        listed = i + 1  # the word after the comma, or after "dan" following it
        if listed + 1 < sentence_end and doc[listed].lower_ in self.lex.pair_conjunctions:
            listed += 1
        if (
            listed < sentence_end
            and self.names.is_office_word(doc[listed])
            and doc[listed].text not in self.lex.particles
            and doc[listed].text not in self.lex.given_names
            and doc[listed].lower_ not in self.lex.place_units
            and doc[listed].lower_ not in self.lex.place_cues
        ):
            r.i += 1
            return True
        return None

    def _listed_fields(self, r: _ChainReading) -> bool | None:
        """ "Balai Karantina Hewan, Ikan, dan Tumbuhan": after a comma, a list of fields closed by "dan" belongs to
        the title, whatever the words (see _department_list_end)."""
        if r.token.text != "," or r.i <= r.start or r.region is not None:
            return None
        listed_end = self._department_list_end(r.doc, r.i + 1, r.sentence_end, r.title_starts)
        if listed_end is None:
            return None
        r.i = listed_end
        return True

    def _connector(self, r: _ChainReading) -> bool | None:
        """A connector ("dan", "&", "sekaligus", "dari") joins two parts of a title or body: before a short acronym
        ("Bidang Umum dan SDM"), an office word, a known body, place or title; "dari" before any capitalised word."""
        doc, i, lower = r.doc, r.i, r.lower
        if lower not in self.lex.connectors or i + 1 >= r.sentence_end:
            return None
        nxt = doc[i + 1]
        if nxt.text.isupper() and nxt.is_alpha and len(nxt.text) <= 6:
            r.i += 1
            return True
        if nxt.text[:1].isupper() and (
            self.names.is_office_word(nxt) or i + 1 in r.marks or i + 1 in r.title_starts or lower == "dari"
        ):
            r.i += 1
            return True
        if lower == "dari" and nxt.text[:1].isupper():
            r.i += 1
            return True
        return None

    def _role_field(self, r: _ChainReading) -> bool | None:
        """A professional role (a title listed in lower case) takes a lower-case field within its first words:
        "psikolog klinis Rina ...", "ekonom senior Indef ..."; not a word that opens no name, an honorific ("Dokter
        spesialis penyakit dalam dr Andi") or a verb ("Petugas mengamankan ...": a verb ends the role)."""
        doc, i, token, lower = r.doc, r.i, r.token, r.lower
        if (
            r.role_title
            and token.is_lower
            and token.is_alpha
            and i - r.start <= 4
            and not self.names.is_not_name(lower)
            and token.text not in self.lex.honorifics
            and not lower.startswith(self.lex.role_verb_prefixes)
            and i + 1 < r.sentence_end
            and (doc[i + 1].is_lower or doc[i + 1].text[:1].isupper())
        ):
            r.i += 1
            return True
        return None

    def _body_closed_by_suffix(self, r: _ChainReading) -> bool | None:
        """ "Reforminer Institute", "Energy Watch": capitalised words closed by a known last word of a body
        (organisation_suffixes.txt) name an organisation."""
        if not (r.token.text[:1].isupper() and r.token.is_alpha):
            return None
        closing = self._closing_suffix(r.doc, r.i, r.sentence_end)
        if closing is None:
            return None
        r.end_title()
        r.organisation = r.organisation or r.doc[r.i : closing].text
        r.i = closing
        return True

    def _body_closed_by_acronym(self, r: _ChainReading) -> bool | None:
        """ "Badan Pengatur Jalan Tol (BPJT)", "Masyarakat Anti-Korupsi Indonesia (MAKI)": a run of capitalised words
        closed by its acronym in brackets names a body."""
        if not (r.token.text[:1].isupper() and r.token.is_alpha):
            return None
        closing = self._acronym_closed_run(r.doc, r.i, r.sentence_end, r.title_starts)
        if closing is None:
            return None
        r.end_title()
        if r.organisation is None:
            r.organisation = r.doc[r.org_start if r.org_start is not None else r.i : closing].text
        r.i = closing
        return True

    def _body_word_before_office_word(self, r: _ChainReading) -> bool | None:
        """ "Komandan Garda Revolusi ...": a capitalised word that an office word continues names a body; not a
        given name, a word that opens no name, or a rank."""
        doc, i, token, lower = r.doc, r.i, r.token, r.lower
        if (
            token.text[:1].isupper()
            and token.is_alpha
            and i + 1 < r.sentence_end
            and doc[i + 1].text[:1].isupper()
            and self.names.is_office_word(doc[i + 1])
            and doc[i + 1].text not in self.lex.particles
            and i + 1 not in r.title_starts
            and token.text not in self.lex.given_names
            and not self.names.is_not_name(lower)
            and lower not in self.lex.ranks
        ):
            r.i += 1
            return True
        return None

    CHAIN_STEPS: tuple[Callable[[OfficialFinder, _ChainReading], bool | None], ...] = (
        _known_body_or_place,
        _proper_name_body,
        _administrative_unit,
        _rank,
        _further_title,
        _named_field,
        _section_field,
        _office_word,
        _acronym,
        _numbered_office,
        _unit_number,
        _bracketed,
        _listed_department,
        _listed_fields,
        _connector,
        _role_field,
        _body_closed_by_suffix,
        _body_closed_by_acronym,
        _body_word_before_office_word,
    )

    def _department_list_end(self, doc: Doc, k: int, limit: int, title_starts: dict[int, int]) -> int | None:
        """After a comma in a title chain, the end of a list of fields closed by "dan"/"serta" ("Ikan, dan Tumbuhan",
        "Aksi, Strategis, dan Pendidikan"): capitalised words, never a given name or a title; None if there is none."""
        end = min(limit, k + 10)
        while k < end:
            token = doc[k]
            if not token.is_title or token.text in self.lex.given_names or k in title_starts:
                return None
            k += 1
            if k < end and doc[k].text == ",":
                k += 1
            if k < end and doc[k].lower_ in self.lex.pair_conjunctions:
                last = k + 1
                if (
                    last < limit
                    and doc[last].is_title
                    and last not in title_starts
                    and doc[last].text not in self.lex.given_names
                ):
                    return last + 1
                return None
        return None

    def _acronym_closed_run(self, doc: Doc, i: int, limit: int, title_starts: dict[int, int]) -> int | None:
        """End of "Pengatur Jalan Tol (BPJT)": up to six capitalised words (with hyphens and connectors) closed by an
        acronym in brackets; None when the run at i is not one."""
        j = i
        while j < min(limit, i + 8):
            text = doc[j].text
            if j in title_starts or text in self.lex.given_names:
                return None  # "Donald Trump dan Perdana Menteri (PM)": a person and a title, not a body
            if text == "(":
                closing = self._parenthetical_end(doc, j)
                if closing is None or closing != j + 3 or not doc[j + 1].text.isupper() or j == i:
                    return None
                if self._initials_of(doc[j + 1].text, doc[i:j].text) and not any(
                    self.names.is_office_word(t) for t in doc[i:j]
                ):
                    return None  # "Hendi Prio Santoso (HPS)": a person's initials, not a body's acronym
                return closing
            if not (text[:1].isupper() or text in ("-", "–") or doc[j].lower_ in self.lex.connectors):
                return None
            j += 1
        return None

    def _closing_suffix(self, doc: Doc, i: int, limit: int) -> int | None:
        for j in range(i, min(i + 3, limit)):
            if not doc[j].text[:1].isupper():
                return None
            # "DC Futures": after an acronym the closing word may stand alone.
            if doc[j].lower_ in self.lex.org_suffixes and (j > i or (i > 0 and self.names.is_acronym(doc[i - 1]))):
                return j + 1
        return None

    def _proper_organisation(self, doc: Doc, i: int, limit: int) -> tuple[int, str]:
        """ "PT Pupuk Indonesia (Persero)": the prefix and the proper nouns it names."""
        start = i
        i += 1
        run_end = i
        while run_end < limit and run_end - i < 8:
            token = doc[run_end]
            if token.text in ("-", "–") and not doc[run_end - 1].whitespace_ and not token.whitespace_:
                run_end += 1  # "PT Maju Energi Jateng-DIY"
                continue
            if token.lower_ in self.lex.english_connectors and run_end + 1 < limit and doc[run_end + 1].is_title:
                run_end += 1  # "Institute for Development of Economics and Finance"
                continue
            if not (token.text[:1].isupper() or token.text == "("):
                break
            if run_end > i and (self.names.is_verb_form(token.lower_) or token.lower_ in self.lex.calendar_words):
                break  # a headline's verb ("PT Maju Jadi Tersangka"), a weekday: the organisation's name has ended
            if doc[run_end].text == "(":
                closing = self._parenthetical_end(doc, run_end)
                if closing is None:
                    break
                return closing, doc[start:closing].text
            if doc[run_end].lower_ in self.lex.org_suffixes and run_end > i:
                return run_end + 1, doc[start : run_end + 1].text
            run_end += 1
        if self.names.is_known_place_or_body(doc[run_end - 1].text):
            return run_end, doc[start:run_end].text  # "Partai Buruh Sosialis Spanyol": a run closed by a place
        for k in range(i + 1, run_end):
            # The person's name starts at a word the article shows to be a name: a given name ("PT Maju Energi Agus
            # Hananto"), or a word it uses alone ("kata Nasori").
            if doc[k - 1].text in ("-", "–") or not self.names.is_name_token(doc[k]):
                continue
            if (
                (doc[k].text in self.lex.given_names and k < run_end - 1)
                or self._particle_opens_name(doc, k, run_end)
                or self.names.used_alone(doc, k, run_end)
            ):
                return k, doc[start:k].text
        if run_end - i >= 3 and text_of(doc).count(doc[start:run_end].text) >= 2:
            # The whole run written again with no word of it ever used alone ("Dirut PT Total Cetra Alam" twice):
            # a company's full name, which no one repeats for a person.
            return run_end, doc[start:run_end].text
        length = run_end - i
        # Without a closing word, leave a two-word name after a long run ("PT Maju Jaya Budi Santoso"), unless a
        # comma closes the run ("PT Sinar Tani Makmur, Bagus Wicaksono").
        closed = run_end < limit and doc[run_end].text == ","
        keep = length if length <= 2 or closed else max(1, length - 2)
        return i + keep, doc[start : i + keep].text

    def _title_text(self, doc: Doc, chain: _Chain) -> str | None:
        end = chain.title_end
        while end > chain.start and (doc[end - 1].is_punct or doc[end - 1].lower_ in self.lex.connectors):
            end -= 1
        text = doc[chain.start : end].text.strip()
        if text.count("(") > text.count(")"):
            text = text[: text.rindex("(")].strip()  # "Menteri Keuangan (Menkeu" -> "Menteri Keuangan"
        return text or None

    def forward_mentions(self, doc: Doc, marks: dict, title_starts: dict[int, int]) -> list[Mention]:
        """Title chain, then the name: "Bupati Kutai Kartanegara Edi Damansyah", "Direktur Keuangan X, Asep"."""
        mentions: list[Mention] = []
        consumed = -1
        furniture = doc._.extract_furniture
        # Capitalised tokens (cumulative count): a title with none shortly after it names nobody after it, and most
        # lower-case role words ("petugas", "guru") are such; they are passed over without reading a chain.
        capitals = numpy.cumsum(doc.to_array([IS_TITLE, IS_UPPER]).any(axis=1))
        for start in sorted(title_starts):
            if start < consumed or furniture[start]:
                continue
            window_end = min(len(doc), title_starts[start] + _NAME_WINDOW) - 1
            if capitals[window_end] == capitals[title_starts[start] - 1]:
                continue
            chain = self.chain(doc, start, marks, title_starts)
            if start > 0 and doc[start - 1].text in self.lex.particles and doc[start - 1].is_title:
                continue  # "KH Abdul Hakim Mahfudz": the title word is part of a name
            if self._names_a_building(doc, start) and chain.end < len(doc) and doc[chain.end].text == ",":
                consumed = chain.end  # "Rumah Dinas Gubernur, Jalan Suropati": a building's name, then its address
                continue
            if self._surname_like_title(doc, start):
                continue  # "Royce Mendes, Ekonom ...": a one-word title right after a lone name is its surname
            if self._apposed_name_before(doc, start):
                consumed = chain.end
                continue  # read by apposition_mentions
            sentence_end = sentence_bounds(doc, start)[1]
            j = chain.end
            fillers = 0
            while j < sentence_end and doc[j].lower_ in self.lex.chain_fillers and fillers < 2:
                j += 1
                fillers += 1
            place, closed_by_comma, territorial = None, False, False
            # "Direktur Utama PT Ramawijaya berinisial M": a suspect named by initials only.
            cue = j
            while cue < min(sentence_end, j + 6) and doc[cue].text[:1].isupper():
                cue += 1  # "Bendahara Koperasi Tani Makmur berinisial SR": the body's words before the cue
            initials = (
                cue + 1 < sentence_end
                and doc[cue].lower_ in self.lex.initials_cues
                and doc[cue + 1].text.isupper()
                and doc[cue + 1].is_alpha
                and len(doc[cue + 1].text) <= 4
            )
            if not initials and j + 1 < sentence_end and doc[j].lower_ == "bernama":
                j += 1  # "seorang guru ngaji bernama Mukri"
            if initials:
                if cue > j and chain.organisation is None:
                    opener = doc[chain.end - 1]
                    body = doc[chain.end - 1 if opener.lower_ in self.lex.org_prefixes else j : cue].text
                    chain.organisation = body
                j = cue + 1
            elif j < sentence_end and doc[j].text == ",":
                j = self._set_off_by_commas(doc, j + 1, sentence_end, marks, chain)
            elif fillers:
                continue
            else:
                listed = bool(mentions) and mentions[-1].extent_end == start - 1  # "Title A Nama, Title B Nama"
                run = None if listed else self._title_of_a_name_before(doc, start, j, sentence_end, title_starts)
                if run is not None:
                    consumed = run
                    continue
                territorial = doc[start : title_starts[start]].text.lower() in self.lex.territorial_titles
                last = doc[chain.end - 1].lower_
                opening_place = last in self.lex.place_units and chain.region is None
                opening_body = (
                    last in self.lex.org_prefixes
                    # "Kepala Klinik ...", not "Menteri Koperasi" (a portfolio) nor "ketua majelis Surya" (a panel)
                    and last not in self.lex.office_words
                    and chain.organisation is None
                    and chain.region is None
                ) or (
                    # "hakim Pengadilan Negeri Rejanglebong, Bengkulu": one word more of an open body, not after its
                    # acronym ("Dewan Ekonomi Nasional (DEN) Mary Elka Pangestu")
                    chain.open_organisation
                    and chain.region is None
                    and doc[chain.end - 1].text != ")"
                    and j + 1 < sentence_end
                    and not self.names.is_name_token(doc[j + 1])
                )
                place, j, closed_by_comma = self._place_before_name(
                    doc,
                    j,
                    sentence_end,
                    territorial and chain.region is None,
                    opening_place or opening_body,
                    # "Badan Pangan Nasional Sulaiman Hakim", "Kepala Bappeda Budi Santoso": after a body's name or a
                    # body's word, the name may start at once (a village's name always comes first: "Desa Jajag").
                    first_may_name=chain.open_organisation or (opening_body and not opening_place),
                )
                if place is None and opening_body and chain.organisation is None:
                    chain.organisation = doc[chain.end - 1].text  # "Kepala Bappeda Budi Santoso"
                if place is not None and opening_body and not closed_by_comma:
                    # "Kepala Klinik Sehat Bersama", "Pengadilan Negeri Rejanglebong"
                    opened = chain.organisation if chain.open_organisation else doc[chain.end - 1].text
                    chain.organisation = f"{opened} {place}"
                    place = None
                if place is not None and j >= sentence_end:
                    continue
            j = j if initials else self.names.skip_honorifics(doc, j)
            end = j + 1 if initials else self.names.name_run(doc, j, sentence_end)
            if end == j:
                consumed = chain.end
                continue
            if self.names.is_known_place_or_body(doc[j:end].text):
                consumed = end  # "Ketua KPU Kabupaten Labura, Sumut.", "presiden, Demokrat": no person
                continue
            if (
                not initials
                and end == j + 1
                and doc[start].is_lower
                and place is None
                and doc[j - 1].text != ","
                and doc[j - 1].lower_ != "bernama"
                and doc[j].text not in self.lex.given_names
                and not self.names.used_alone(doc, j, end)
            ):
                consumed = end  # "petugas Avsec menghampirinya", "wali kota Muslim pertama": a unit or a quality
                continue
            extent_start = start
            while extent_start > 0 and doc[extent_start - 1].lower_ in self.lex.title_modifiers:
                extent_start -= 1  # "Mantan Menteri Perdagangan"
            title = self._title_text(doc, chain)
            if title and extent_start < start:
                title = f"{doc[extent_start:start].text} {title}"
            organisation, region = self._body_and_place(doc, chain, place, closed_by_comma, territorial)
            mentions.append(
                Mention(
                    j,
                    end,
                    extent_start,
                    self.names.degrees_end(doc, end),
                    self.names.clean_name(doc, j, end),
                    title,
                    organisation,
                    region,
                )
            )
            consumed = end
            second = self._second_of_pair(doc, chain, mentions[-1], sentence_end, title_starts)
            if second is not None:
                mentions.append(second)
                consumed = second.name_end
        return mentions

    def _set_off_by_commas(
        self, doc: Doc, j: int, sentence_end: int, marks: dict[int, tuple[int, str, str]], chain: _Chain
    ) -> int:
        """After a comma that closes the chain (`j`: the token after it), a known body or place set off by commas is
        still the chain's ("Kepala Biro Komunikasi, Kemenkeu, Nufransa ...", the province of the place: "Ketua DPRD
        Bantaeng, Sulawesi Selatan (Sulsel), Budi"), and so is a place's unit ("Ketua RW 4, Kelurahan Prajurit Kulon,
        Suwoto"); the chain's organisation or region is filled in. Where the name may start."""
        j = _past_spaces(doc, j)
        if j in marks and (
            (marks[j][0] < sentence_end and doc[marks[j][0]].text == ",")
            or (marks[j][1] == "region" and chain.region is not None)
        ):
            end, label, text = marks[j]
            if label == "org":
                chain.organisation = chain.organisation or text
            else:
                chain.region = chain.region or text
            end = self._parenthetical_end(doc, end) or end
            j = _past_spaces(doc, end + 1) if end < sentence_end and doc[end].text == "," else end
        elif j < sentence_end and doc[j].lower_ in self.lex.place_units and doc[j].is_title:
            end = j + 1
            while end < min(sentence_end, j + 5) and doc[end].text[:1].isupper():
                end += 1
            if end < sentence_end and doc[end].text == ",":
                chain.region = chain.region or doc[j:end].text
                j = end + 1
        return j

    def _title_of_a_name_before(
        self, doc: Doc, start: int, j: int, sentence_end: int, title_starts: dict[int, int]
    ) -> int | None:
        """Whether the title at `start` belongs to a name set off before it by a comma ("Slamet Widodo, Kepala Desa
        Kedungrejo, menyebutkan", "Royce Mendes, Ekonom Desjardins mengatakan"): then the words after the title (from
        `j`) are its place or body, and the end of those words is returned; None when they may be a name. Only a
        known given name shows them to be one ("Nasori, Kepala Cabang PT X Agus Hananto, dan"): a body's name is used
        alone too ("Starbucks", "Jaish Ahrar")."""
        before_comma = doc[start - 2] if start > 1 else None
        if not (
            before_comma is not None
            and doc[start - 1].text == ","
            and (
                (self.names.is_name_token(before_comma) and not self.names.is_known_place_or_body(before_comma.text))
                or self.names.is_initials(before_comma)
                or self._surname_like_title(doc, start - 2)
            )
        ):
            return None
        run = self.names.name_run(doc, j, sentence_end)
        named = j < run and doc[j].text in self.lex.given_names
        later = run + 1 if run < sentence_end and doc[run].text == "," else run
        if later < sentence_end and doc[later].lower_ in self.lex.pair_conjunctions:
            later += 1
        if (
            not named
            and j < run
            and later not in title_starts  # "A, Perdana Menteri Israel B, dan Presiden C": a list
            and (
                run >= sentence_end
                or doc[run].text == "."
                or (doc[run].text == "," and not self._title_follows(doc, run + 1, title_starts))
                # "Suharti, Lurah Tanah Sereal menjelaskan"; after capitals, only one word ("Terkait kebijakan HGBT,
                # Menteri Keuangan Sri Mulyani pun ...": an acronym, then a list)
                or (doc[run].is_lower and (run == j + 1 or self.names.is_name_token(before_comma)))
            )
        ):
            return run
        return None

    def _body_and_place(
        self, doc: Doc, chain: _Chain, place: str | None, closed_by_comma: bool, territorial: bool
    ) -> tuple[str | None, str | None]:
        """The mention's organisation and region: the chain's, with the place read between the chain and the name
        (`place`, closed by a comma or not) as the region, the rest of an open body, or the body."""
        organisation, region = chain.organisation, chain.region
        if place is not None and closed_by_comma and place.split()[0] in self.lex.given_names:
            place = None  # "Kuasa hukum Rudi Hartono, Andreas ...": the client, neither a body nor a place
        if place is None:
            return organisation, region
        if (
            not closed_by_comma
            or place.lower() in self.lex.regions
            or doc[chain.end - 1].lower_ in self.lex.place_units  # "Kepala Desa Cibodas, Nama"
            or territorial  # "Lurah Sukamaju, Nama"
            or (region is not None and organisation is not None)
        ):
            region = region or place
        elif organisation is not None and chain.open_organisation:
            organisation = f"{organisation} {place}"  # "Perumda Air Minum Tirta Pakuan"
        elif organisation is None:
            # "Kepala Terminal Tipe A Tirtonadi", "Ketua Kelompok Tani Sri Rejeki"; a known body that closes the run
            # is the organisation ("... Non Alam Kemensos, Nama").
            words = place.split()
            known = next(
                (
                    " ".join(words[k:])
                    for k in range(1, len(words))
                    if " ".join(words[k:]).lower() in self.lex.organisations
                ),
                None,
            )
            organisation = known or place
        else:
            region = place
        return organisation, region

    def _second_of_pair(
        self, doc: Doc, chain: _Chain, first: Mention, sentence_end: int, title_starts: dict[int, int]
    ) -> Mention | None:
        """ "Bupati dan Wakil Bupati Bangkalan, Lukman Hakim dan Moch Fauzan": two titles joined in one chain, then
        two names joined, in order. The second mention, with the second title; the first mention keeps the first."""
        pair = next(
            (
                k
                for k in range(chain.start + 1, chain.title_end)
                if doc[k].lower_ in self.lex.pair_conjunctions and k + 1 in title_starts
            ),
            None,
        )
        end = first.name_end
        if pair is None or end + 1 >= sentence_end or doc[end].lower_ not in self.lex.pair_conjunctions:
            return None
        second = self.names.skip_honorifics(doc, end + 1)
        second_end = self.names.name_run(doc, second, sentence_end)
        if second_end <= second:
            return None
        first.title = doc[first.extent_start : pair].text
        second_title = self._title_text(doc, _Chain(pair + 1, chain.end, chain.title_end, None, None))
        return Mention(
            second,
            second_end,
            end,
            self.names.degrees_end(doc, second_end),
            self.names.clean_name(doc, second, second_end),
            second_title,
            first.organisation,
            first.region,
        )

    @staticmethod
    def _title_follows(doc: Doc, i: int, title_starts: dict[int, int]) -> bool:
        return i in title_starts

    def _particle_opens_name(self, doc: Doc, k: int, end: int) -> bool:
        """Whether a name part opens a name at k: followed by another name part or a given name ("Anak Agung Gde",
        "Teuku Muhammad"), not a company's word ("Sinar Mas Agro")."""
        return (
            doc[k].text in self.lex.particles
            and doc[k].is_title
            and k + 1 < end
            and (doc[k + 1].text in self.lex.particles or doc[k + 1].text in self.lex.given_names)
        )

    def _shown_name(self, doc: Doc, k: int, end: int) -> bool:
        """Whether the article shows the word at k to open a name: a known given name before the run's last word, a
        name part ("Abdul"), or a word it uses alone (see NameReader.used_alone)."""
        token = doc[k]
        return (
            (token.text in self.lex.given_names and k < end - 1)
            or token.text in self.lex.particles
            or self.names.used_alone(doc, k, end)
        )

    def _place_before_name(
        self, doc: Doc, j: int, sentence_end: int, territorial: bool, opening: bool, first_may_name: bool = False
    ) -> tuple[str | None, int, bool]:
        """Where a place ends and the name begins in "Camat Cilacap Tengah Bambang Heru Santoso" or "Kapolsek
        Tamalate Kompol Andi Saharuddin": at a rank or honorific, else at the first word that the article shows to be
        a name (a known given name, or a word it uses alone: "ujar Bambang"). A run closed by a comma with a name
        after it is all place: "Kepala Terminal Tipe A Tirtonadi, Hasan Basri". `territorial`: a title followed by
        the place it governs; `opening`: the chain ended on a word that a proper name must follow ("Kepala Desa
        Jajag", "Kepala Klinik Sehat Bersama Maria Ulfa"), so at least the first word of the run is not the person's."""
        run_end = j
        while (
            run_end < sentence_end
            and run_end - j < 8
            and (doc[run_end].text[:1].isupper() or doc[run_end].like_num or doc[run_end].text in self.lex.particles)
        ):
            run_end += 1
        if run_end == j:
            return None, j, False
        comma = run_end
        while comma < min(sentence_end, run_end + 2) and doc[comma].lower_ in self.lex.chain_fillers:
            comma += 1  # "pelatih Napoli saat ini, Marco Bellandi"
        if comma < sentence_end and doc[comma].text == ",":
            after = self.names.skip_honorifics(doc, _past_spaces(doc, comma + 1))
            after_end = self.names.name_run(doc, after, sentence_end)
            apposed = after_end < sentence_end and doc[after_end].text == ","  # "..., Suharyanto, menjelaskan"
            following = after_end + 1
            if (
                apposed
                and following < sentence_end
                and (doc[following].lower_ in self.lex.pair_conjunctions or self.names.is_name_token(doc[following]))
            ):
                # "Menteri X Fahri Hamzah, Anies Baswedan, Fasli Jalal, ...": a list of people, the first the title's
                after_end = after
            if (
                after_end > after
                and not self.names.is_known_place_or_body(doc[after:after_end].text)
                # "Wakil Ketua DPR Sufmi Dasco Ahmad, Muzani juga ...": a name the article uses whole, then the
                # subject of the next clause
                and (apposed or not (run_end - j >= 2 and self.names.used_alone(doc, j, run_end)))
            ):
                return doc[j:run_end].text, after, True
        for k in range(j, run_end):
            if self.names.rank_length(doc, k):
                return (doc[j:k].text if k > j else None), k, False
        if (
            doc[j].lower_ in self.lex.place_openers
            and doc[j].is_title
            and j + 2 < run_end
            and self.names.is_name_token(doc[j + 2])
        ):
            return doc[j : j + 2].text, j + 2, False  # "Maritim Tanjung Perak Ady Hermanto": a place, then the name
        if not (territorial or opening):
            # A long run after any title may still hold a body's words before the name ("Kepala Riset Monex
            # Investindo Ariston Tjendra"): the name starts at the first word the article shows to be a name, when the
            # run's first word is not one.
            name_end = self.names.name_run(doc, j, sentence_end)
            if name_end - j >= 3 and len(doc[j].text.rstrip(".")) > 1 and not self._shown_name(doc, j, name_end):
                for k in range(j + 2, name_end - 1):
                    # Only a word used alone tells (a given name inside "Irsyad Ade Irawan" does not), after two
                    # words at least ("Sufmi Dasco Ahmad" is one name, known as "Dasco").
                    if doc[k - 1].text not in self.lex.particles and self.names.used_alone(doc, k, name_end):
                        return doc[j:k].text, k, False
            return None, j, False
        # The words of a place, a body or a name: the run up to a word that is none ("Desa Jajag dan Camat", "Camat
        # Cibeber Diperiksa").
        limit = j + 1
        while limit < run_end and (
            self.names.is_name_token(doc[limit])
            or doc[limit].text in self.lex.particles
            or self.names.is_office_word(doc[limit])
        ):
            limit += 1
        for k in range(j + 1 if opening and not first_may_name else j, limit):
            if k > j and doc[k - 1].text in self.lex.particles:
                continue  # "Lalu Muhamad": a name part holds the next word
            if not self.names.is_name_token(doc[k]) or self.names.is_known_place_or_body(doc[k].text):
                continue
            # A given name last in the run is a surname ("Purwanto Hadi"); a name part ("Teuku", "Lalu") or a word the
            # article uses alone opens a name.
            if (
                (doc[k].text in self.lex.given_names and k < limit - 1)
                or (doc[k].text in self.lex.particles and doc[k].is_title and k < limit - 1)
                or self.names.used_alone(doc, k, limit)
            ):
                return (doc[j:k].text if k > j else None), k, False
        if (
            opening
            and limit == j + 2
            and doc[j - 1].lower_ in self.lex.place_units
            and limit < sentence_end
            and doc[limit].is_lower
        ):
            return doc[j].text, j + 1, False  # "Pj Kepala Desa Sekapuk Musholikhin menyebut": village, then the name
        if opening or (limit == j + 1 and (limit < run_end or self.names.used_as_place(doc, j))):
            # No word is known to be a name: the run names the place or body ("Kepala UPTD Gunung Tua, HEL ..."); so
            # does a lone word after a territorial title that a headline's verb follows ("Camat Cibeber Diperiksa")
            # or that the article names as a place ("Wali Kota Verbania menyatakan", "tinggal di Verbania").
            return doc[j:limit].text, limit, False
        return None, j, False

    def _names_a_building(self, doc: Doc, start: int) -> bool:
        """Whether the title at `start` names a building or an office: "Kantor Wali Kota", "Rumah Dinas Gubernur"."""
        i = start
        while i > 0 and doc[i - 1].lower_ in self.lex.title_modifiers:
            i -= 1
        if i == 0 or doc[i - 1].lower_ not in self.lex.building_words:
            return False
        if doc[i - 1].lower_ in self.lex.residence_words:
            return i > 1 and doc[i - 2].lower_ == "rumah"  # "Kepala Dinas" never gets here: its title starts before
        return True

    def _surname_like_title(self, doc: Doc, i: int) -> bool:
        """Whether the title word at i is a surname: one capitalised word ("Mendes", "Karo") right after a first name
        that stands alone ("Royce Mendes, Ekonom ...")."""
        token = doc[i]
        if i == 0 or not token.is_title or token.lower_ not in self.lex.title_words:
            return False
        if i + 1 >= len(doc) or doc[i + 1].text != ",":
            return False  # the full name is set off by a comma: "Royce Mendes, Ekonom ..."
        previous = doc[i - 1]
        if previous.lower_ in self.lex.title_modifiers or not self.names.is_name_token(previous):
            return False
        return previous.is_sent_start or i < 2 or not doc[i - 2].text[:1].isupper()

    def _apposition_cue(self, doc: Doc, start: int) -> tuple[int, bool]:
        """Where the cue between a name and the title at `start` begins (`start` when there is none), and whether it
        is worded: "Budi, Kepala ..." (a comma), "Budi selaku Kepala ...", "Budi, selaku Kepala ..." (worded)."""
        title_start = start
        while start > 0 and doc[start - 1].lower_ in self.lex.title_modifiers:
            start -= 1  # "CD selaku mantan Direktur ..."
        if start == 0:
            return title_start, False
        previous = doc[start - 1]
        if previous.lower_ in self.lex.cue_last_words:  # most titles have no worded cue: one test for them
            for cue in self.lex.apposition_cues:
                n = len(cue)
                if start - n >= 0 and all(doc[start - n + k].lower_ == word for k, word in enumerate(cue)):
                    if start - n > 0 and doc[start - n - 1].text == ",":
                        return start - n - 1, True
                    return start - n, True
        if previous.text == ",":
            return start - 1, False  # "Budi, Kepala ...", "Budi, mantan Kepala ..."
        return title_start, False

    def _apposed_name_before(self, doc: Doc, start: int) -> bool:
        """Whether a name and a worded cue stand before the title at `start` ("F selaku Direktur BUMG Tirta Jaya"):
        the title is that person's, and the capitalised words after it are its place or body, not a second name."""
        cue_start, worded = self._apposition_cue(doc, start)
        if not worded or cue_start == 0:
            return False
        token = doc[cue_start - 1]
        return self.names.is_name_token(token) or (token.text.isupper() and token.is_alpha and len(token.text) <= 4)

    def apposition_mentions(
        self, doc: Doc, marks: dict, title_starts: dict[int, int], taken: set[int]
    ) -> list[Mention]:
        """The name, then its title: "Erfan Kurniawan, Kepala BPJS ...,", "TOP yang merupakan Kepala Dinas ..."."""
        mentions = []
        furniture = doc._.extract_furniture
        for start in sorted(title_starts):
            cue_start, worded = self._apposition_cue(doc, start)
            if cue_start == start or cue_start == 0:
                continue
            name_end = cue_start
            if worded and doc[name_end - 1].text == ")":
                opening = next((k for k in range(name_end - 2, max(name_end - 5, 0), -1) if doc[k].text == "("), None)
                if opening is not None:
                    name_end = opening  # "Chrisna Damayanto (CD) selaku ...": the initials in brackets are an alias
            name_start = name_end
            while name_start > 0 and name_end - name_start < MAX_NAME_TOKENS:
                token = doc[name_start - 1]
                # Suspects' initials: "RZ, selaku ...", and a single letter before a worded cue ("F selaku Direktur").
                # (before a bare comma, a four-letter acronym is a body of a list: "Kemenhub, DJKA, Dirut KAI")
                initials = (
                    token.text.isupper()
                    and token.is_alpha
                    and (1 if worded else 2) <= len(token.text) <= (4 if worded else 3)
                )
                if initials and self.names.is_office_word(token):
                    initials = False  # "SMP atau SMA, Presiden ...": a school, a body
                if initials and not worded:
                    # "menahan ARS, Kepala Desa ...": initials only after a running word or a list's comma.
                    ahead = doc[name_start - 2] if name_start >= 2 else None
                    initials = ahead is not None and (ahead.is_lower or ahead.text in (",", ":"))
                surname = name_start == name_end and self._surname_like_title(doc, name_start - 1)
                if (
                    self.names.is_name_token(token) or (initials and name_start == name_end) or surname
                ) and not furniture[name_start - 1]:
                    name_start -= 1
                    if token.is_sent_start:
                        break
                    continue
                break
            while (
                name_start < name_end and doc[name_start].text in self.lex.particles and doc[name_start].text.islower()
            ):
                name_start += 1
            if name_start == name_end or name_start in taken:
                continue
            if name_start in marks:
                continue
            before = doc[name_start - 1] if name_start > 0 else None
            if before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start:
                continue  # the name is part of a longer capitalised run: an organisation or a title
            # A news source: "dikutip dari Daily Mail, Wali Kota ...", or past an outlet's lower-case first word,
            # "dilansir detik News, Sekjen ...".
            cues = self.lex.source_cues
            if (
                before is not None
                and not worded
                and (
                    before.lower_ in cues
                    or (before.is_lower and name_start >= 2 and doc[name_start - 2].lower_ in cues)
                )
            ):
                continue
            if before is not None and before.lower_ in self.lex.place_cues and not worded:
                continue  # "di Nay Pyi Taw, Menlu Iran ...": a place
            if before is not None and before.lower_ in self.lex.title_words and not worded:
                continue  # "lurah Jatipadang, camat Pasar Minggu": the place of the title before, in a list
            if name_end - name_start == 1 and (
                doc[name_start].text in self.lex.particles or self.names.used_as_place(doc, name_start)
            ):
                continue  # "Lalu, petugas pun ...": a lone name part; "di kawasan Jatipadang": a place
            chain = self.chain(doc, start, marks, title_starts)
            organisation, region, extent_end = chain.organisation, chain.region, chain.end
            sentence_end = sentence_bounds(doc, start)[1]
            run_end = chain.end
            while run_end < sentence_end and run_end - chain.end < 5 and doc[run_end].text[:1].isupper():
                run_end += 1
            if run_end > chain.end and (run_end >= sentence_end or doc[run_end].text in (",", ".")):
                place = doc[chain.end : run_end].text  # "ARS, Kepala Desa Bulu Bete, ..."
                if organisation is not None and chain.open_organisation:
                    organisation = f"{organisation} {place}"
                else:
                    region = region or place
                extent_end = run_end
            elif run_end == chain.end + 1 and run_end < sentence_end and doc[run_end].is_lower:
                # "Royce Mendes, Ekonom Desjardins mengatakan": one word between the title and the verb is its body.
                organisation = organisation or doc[chain.end].text
                extent_end = run_end
            mentions.append(
                Mention(
                    name_start,
                    name_end,
                    name_start,
                    extent_end,
                    self.names.clean_name(doc, name_start, name_end),
                    self._title_with_modifiers(doc, start, self._title_text(doc, chain)),
                    organisation,
                    region,
                )
            )
        return mentions

    def _title_with_modifiers(self, doc: Doc, start: int, title: str | None) -> str | None:
        """The title with the modifiers written before it ("mantan", "Plt")."""
        first = start
        while first > 0 and doc[first - 1].lower_ in self.lex.title_modifiers:
            first -= 1
        return f"{doc[first:start].text} {title}" if title and first < start else title

    @staticmethod
    def _initials_of(text: str, name: str) -> bool:
        """Whether `text` ("CD") is the initials of `name` ("Chrisna Damayanto")."""
        return text.isupper() and text.isalpha() and text == "".join(word[0] for word in name.split()).upper()

    def role_mentions(self, doc: Doc, taken: set[int], role_starts: list[int]) -> list[Mention]:
        """People named by what they are, with no post: "Esa, siswa asal Purworejo, ...", "Sumiati, salah seorang
        pedagang, ..." (a name set off by a comma before a role noun of role_nouns.txt, `role_starts`; no title)."""
        mentions = []
        for role in role_starts:
            if not doc[role].is_lower:
                continue
            comma = role - 1
            if comma > 1 and doc[comma].lower_ in self.lex.one_of_words:
                comma -= 2 if doc[comma - 1].lower_ == "salah" else 1  # "X, salah seorang pedagang"
            if comma < 1 or doc[comma].text != ",":
                continue
            end = comma
            start = end
            while start > 0 and end - start < MAX_NAME_TOKENS and self.names.is_name_token(doc[start - 1]):
                start -= 1
                if doc[start].is_sent_start:
                    break
            if start == end or any(i in taken for i in range(start, end)):
                continue
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start:
                continue  # part of a longer capitalised run
            name = self.names.clean_name(doc, start, end)
            if not name or self.names.is_known_place_or_body(name):
                continue
            mentions.append(Mention(start, end, start, comma, name))
        return mentions

    def alias_mentions(self, doc: Doc, mentions: list[Mention], cues: dict[int, int]) -> list[tuple[int, str]]:
        """Nicknames: "X atau yang akrab disapa Gus Ipul", "Joko Widodo (Jokowi)": (mention index, alias), `cues`
        being the alias cues by start token."""
        found = []
        by_end = {m.name_end: index for index, m in enumerate(mentions)}
        for end, index in by_end.items():
            j = end
            if j < len(doc) and doc[j].text == "(":
                k = self.names.name_run(doc, j + 1, len(doc))
                if k > j + 1 and k < len(doc) and doc[k].text == ")" and not doc[j + 1].text.isupper():
                    found.append((index, doc[j + 1 : k].text))
                elif (
                    j + 2 < len(doc)
                    and doc[j + 2].text == ")"
                    and self._initials_of(doc[j + 1].text, mentions[index].name)
                ):
                    found.append((index, doc[j + 1].text))  # "Chrisna Damayanto (CD)"
                continue
            if j < len(doc) and doc[j].text == ",":
                j += 1
            if j + 1 < len(doc) and doc[j].lower_ == "atau" and doc[j + 1].text in self.lex.nickname_openers:
                k = self.names.name_run(doc, j + 2, len(doc))
                if k > j + 2:
                    found.append((index, doc[j + 1 : k].text))  # "Saifullah Yusuf atau Gus Ipul"
                continue
            if j in cues:
                k = self.names.name_run(doc, cues[j], len(doc))
                if k > cues[j]:
                    found.append((index, doc[cues[j] : k].text))
        return found

    def __call__(self, doc: Doc) -> Doc:
        marks, title_starts, alias_cues, role_starts = self._marks(doc)
        mentions = self.forward_mentions(doc, marks, title_starts)
        taken = {i for m in mentions for i in range(m.name_start, m.name_end)}
        titled = {m.extent_start for m in mentions}
        mentions += self.apposition_mentions(
            doc, marks, {k: v for k, v in title_starts.items() if k not in titled}, taken
        )
        taken = {i for m in mentions for i in range(m.name_start, m.name_end)}
        mentions += self.role_mentions(doc, taken, role_starts)
        mentions.sort(key=lambda m: m.name_start)
        people: list[Person] = []
        for mention in mentions:
            index = find_person(people, mention.name, self.lex.nickname_openers)
            if index is None:
                people.append(
                    Person(
                        mention.name,
                        [],
                        mention.title,
                        mention.organisation,
                        mention.region,
                        doc[mention.name_start].idx,
                        doc[mention.name_end - 1].idx + len(doc[mention.name_end - 1]),
                    )
                )
                index = len(people) - 1
            else:
                merge_mention(people[index], mention)
            mention.person = index
        for mention_index, alias in self.alias_mentions(doc, mentions, alias_cues):
            person = people[mentions[mention_index].person]  # type: ignore[index]
            if name_key(alias) != name_key(person.name) and alias not in person.aliases:
                person.aliases.append(alias)
        people = merge_aliases(people, mentions)
        doc._.extract_officials = people
        doc._.extract_mentions = mentions
        return doc
