"""Sentence segmentation and page furniture on scraped text."""

from __future__ import annotations

import pytest

from extract import extract_text


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Paragraf pertama tanpa titik\nParagraf kedua.", ["Paragraf pertama tanpa titik", "Paragraf kedua."]),
        ("Iuran Rp. 5.000 per bulan. Dia datang.", ["Iuran Rp. 5.000 per bulan.", "Dia datang."]),
        ("Ada meja, kursi dll. yang rusak.", ["Ada meja, kursi dll. yang rusak."]),
        ("“Kami siap,” ujarnya. Ia pulang.", ["“Kami siap,” ujarnya.", "Ia pulang."]),
        ("“Kami siap.” Ia pulang.", ["“Kami siap.”", "Ia pulang."]),
        ("Surat No. 5 diteken H. Ahmad kemarin.", ["Surat No. 5 diteken H. Ahmad kemarin."]),
        # Scrape noise: sentences run together without a space, after a date, a year, an acronym or a question.
        (
            "Rapat digelar Kamis (4/9/2025).Selanjutnya, warga pulang.",
            ["Rapat digelar Kamis (4/9/2025).", "Selanjutnya, warga pulang."],
        ),
        ("Target UMK 2026.Wawan menolak.", ["Target UMK 2026.", "Wawan menolak."]),
        ("Iuran dibayar ke BPJS.Ia lalu pergi.", ["Iuran dibayar ke BPJS.", "Ia lalu pergi."]),
        ("Apakah benar?Dia diam.", ["Apakah benar?", "Dia diam."]),
        # Paragraph breaks turned into commas; gaps where linked words were removed are not breaks.
        (
            'Pasar dibuka Senin (2/6/2025).,Pedagang senang.,"Kami lega," kata Siti.',
            ["Pasar dibuka Senin (2/6/2025).,", "Pedagang senang.,", '"Kami lega," kata Siti.'],
        ),
        ("Bupati  ,, Sleman, hadir di  , Godean.", ["Bupati  ,, Sleman, hadir di  , Godean."]),
        ("Ada meja dll., Rina membawanya.", ["Ada meja dll., Rina membawanya."]),
        # A wire dateline glued after the story's pull quote.
        (
            '"Kami siap melayani warga," Sungailiat, Babel (ANTARA) - Pemkab Bangka membuka posko.',
            ['"Kami siap melayani warga,"', "Sungailiat, Babel (ANTARA) - Pemkab Bangka membuka posko."],
        ),
        # Mojibake of curly quotes and no-break spaces (kompas scrapes).
        (
            "‚ÄúHarga naik,‚Äù ujar Rudi.¬†Ia pulang.,‚ÄúKami rugi.‚Äù Pedagang diam.",
            ["‚ÄúHarga naik,‚Äù ujar Rudi.¬†", "Ia pulang.,", "‚ÄúKami rugi.‚Äù", "Pedagang diam."],
        ),
    ],
)
def test_sentences(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents if s.text.strip()] == sentences


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(12/3/2024).Lalu", ["(", "12", "/", "3", "/", "2024", ")", ".", "Lalu"]),
        ("(12/3/2024).,Lalu", ["(", "12", "/", "3", "/", "2024", ")", ".", ",", "Lalu"]),
        ("2019–2021", ["2019", "–", "2021"]),
        ("2017 s/d 2020", ["2017", "s/d", "2020"]),
        ("‚ÄúYa,‚Äù", ["‚Äú", "Ya", ",", "‚Äù"]),
        ("sawahPenulis: Ani", ["sawah", "Penulis", ":", "Ani"]),
        # List items glued to their marker.
        ("bantuan:-Beras 5 kg-Gula", ["bantuan", ":", "-", "Beras", "5", "kg", "-", "Gula"]),
        ("-Fotokopi KTP", ["-", "Fotokopi", "KTP"]),
        ("Rp 4 miliar.3. Kota Bima", ["Rp", "4", "miliar", ".", "3", ".", "Kota", "Bima"]),
        ("Tahun 2025,Pemkab", ["Tahun", "2025", ",", "Pemkab"]),
        # Words merged where a hyperlink was.
        ("GubernurJambi,Budi Santoso", ["Gubernur", "Jambi", ",", "Budi", "Santoso"]),
        ("ujarnya kepadaKompas,", ["ujarnya", "kepada", "Kompas", ","]),
        ("Danny MacAskill, YouTube", ["Danny", "MacAskill", ",", "You", "Tube"]),
        ("DPR RIRina Wati", ["DPR", "RI", "Rina", "Wati"]),
        ("Bupati Rina Watimenegaskan,", ["Bupati", "Rina", "Wati", "menegaskan", ","]),
        ("BPK memerinci", ["BPK", "memerinci"]),
        # Not glue: initials, abbreviations, decimals, domain names.
        ("S.H., M.Si", ["S.H.", ",", "M.Si"]),
        ("Kompas.com 3.5", ["Kompas.com", "3.5"]),
        ("Covid19 -5 1,5", ["Covid19", "-5", "1,5"]),
    ],
)
def test_tokens_of_scraped_text(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


@pytest.mark.parametrize(
    "text",
    [
        "Harga naik.\nBaca juga: Harga Beras Naik 10 Persen di Pasar Induk\nSelesai.",
        "Harga naik.\nSCROLL TO CONTINUE WITH CONTENT\nSelesai.",
        "Harga naik. Baca juga:Lima Tersangka Ditahan KPK di Medan Penyidik lalu memeriksa saksi.",
        "Harga naik.\nSimak juga Video: 5 Fakta Banjir Jakarta\n",
        "Harga naik.\n© 2025 Kompas.com, 10 hak cipta.\n",
        "Harga naik.\nPenulis: Anggita Putri | Editor: 2 Orang\n",
        # Glued furniture: bylines and wire footers run into the last sentence, related headlines in one line with
        # paragraph gaps, a lone link label with its headline on the next line, outlet footers and tags.
        "Harga naik.Pewarta: Rina Wulandari 2024Editor: Tomi Hasan    COPYRIGHT © ANTARA 2024\n",
        "Harga naik. Baca juga: Petugas Pilkada 2024 dapat santunan Rp10 juta  Baca juga: Banjir rendam 300 rumah\n",
        "Harga naik. Baca juga: Sopir truk tewas di Tol Cipali 2023Penulis: Dedi Kurnia\n",
        "Harga naik.\nBACA JUGAHarga Cabai Naik 20 Persen Jelang Lebaran 2025\nSelesai.",
        "Harga naik.\nBaca Juga\nTruk Terguling di Tol Cipali, 3 Orang Luka\nSelesai.",
        "Harga naik.\nBaca_Juga\nBus Terbakar di Tol 2 Januari 2025, 12 Penumpang Selamat\n",
        "Harga naik.(K24)Cek Berita dan Artikel yang lain di Google 2 News\n",
        "Harga naik.\n# Banjir# Bekasi 2024# Rp 5 Juta\n",
        "Laporan Wartawan Tribun Jambi, Dodi 2025\nHarga naik.",
        "Harga naik.\n(abc / def)\n",
        "Harga naik. Pilihan Editor: 7 Fakta Banjir Bandang Januari 2025\n",
    ],
)
def test_furniture_yields_nothing(nlp, text):
    result = extract_text(text, nlp=nlp)
    assert result.figures == [] and result.dates == []


@pytest.mark.parametrize(
    ("text", "figures", "dates"),
    [
        # Lines that only look like furniture: a word that opens with "Tag", a related headline's neighbour sentence.
        ("Tagihan listrik naik 10 persen pada 2024.", ["10 persen"], ["2024"]),
        ("Topik rapat itu anggaran 2025 senilai Rp 3 miliar.", ["Rp 3 miliar"], ["2025"]),
        (
            "Harga naik. Baca juga:Empat Sekolah Rusak Diterjang Banjir di Garut Menurut Dodi, kerugian Rp 2 miliar "
            "pada 2024.",
            ["Rp 2 miliar"],
            ["2024"],
        ),
        (
            "Harga naik.  Baca juga: Pasar murah digelar lagi  Kepala dinas mencatat 40 pedagang pada 2023.",
            ["40"],
            ["2023"],
        ),
        # A related headline in the middle of a single-line body: only the headline is furniture.
        (
            "Harga naik. Pilihan Editor: Lima Fakta Banjir Bandang di Garut Warga mengungsi ke 3 sekolah sejak 2024. "
            + "Sebanyak 40 rumah rusak. " * 20,
            ["3", "40"] * 1 + ["40"] * 19,
            ["2024"],
        ),
        # A link label whose headline was dropped, glued to the next sentence.
        ("Harga naik.Baca JugaDi sisi lain, 12 toko tutup pada 2024.", ["12"], ["2024"]),
    ],
)
def test_text_beside_furniture_is_read(nlp, text, figures, dates):
    result = extract_text(text, nlp=nlp)
    assert [f.text for f in result.figures] == figures
    assert [d.text for d in result.dates] == dates


def test_inline_link_stops_at_the_next_sentence(nlp):
    text = (
        "KPK menggelar konferensi pers di Jakarta. Baca juga:Dua OTT di Sumut, KPK: Total Nilai Proyek Jalan "
        "Rp 231,8 Miliar Asep mengatakan ada 3 saksi."
    )
    doc = nlp(text)
    furniture = [span.text for span in doc.spans["furniture"]]
    assert furniture == ["Baca juga:Dua OTT di Sumut, KPK: Total Nilai Proyek Jalan Rp 231,8 Miliar"]
    assert [f.text for f in extract_text(text, nlp=nlp).figures] == ["3"]


def test_components_join_any_spacy_pipeline():
    """A spaCy user adds the registered factories to a plain blank pipeline (the spacy_factories entry point)."""
    import spacy

    from extract.pipeline import COMPONENTS

    nlp = spacy.blank("id")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp("Menurut Kepala Dinas Sosial Budi Santoso, anggaran naik 12 persen pada 2024.")
    assert [span.text for span in doc.spans["figures"]] == ["12 persen"]
    assert [span._.extract_date.value for span in doc.spans["dates"]] == ["2024"]
    assert [person.name for person in doc._.extract_officials] == ["Budi Santoso"]
    assert [claim.text for claim in doc._.extract_claims] == ["anggaran naik 12 persen pada 2024"]
