"""Character repair: entities, mojibake, quotes, controls, NFC, whitespace."""

from __future__ import annotations

import tracemalloc
import unicodedata

import pytest

from convert.text import decode as decode_module
from convert.text import normalise, undeclared
from convert.text.decode import (
    declared_charset,
    decode,
    decode_told,
    decode_utf8,
    read_as_utf8_when_valid,
    utf16_without_mark,
)
from convert.text.normalise import collapse, decode_entities, repair


def test_entities_decoded_but_bare_ampersands_stay() -> None:
    assert decode_entities("it&#8217;s AT&T &amp; co &copy;") == "it’s AT&T & co ©"


def test_mojibake_repaired_and_typographic_quotes_kept() -> None:
    broken = "caf\u00c3\u00a9 \u00e2\u0080\u009cquoted\u00e2\u0080\u009d"
    assert repair(broken) == "café “quoted”"
    assert repair("“already fine” — don’t") == "“already fine” — don’t"


def test_controls_removed_newlines_unified() -> None:
    assert repair("a\x00b\x07c\r\nd\re\x85f\ufeff") == "abc\nd\nef"


def test_a_stray_escape_goes_alone_whether_or_not_the_line_looks_like_mojibake() -> None:
    assert repair("\x1b[a link](u)") == "[a link](u)"
    assert repair("caf\u00c3\u00a9 \x1b[a link](u)") == "café [a link](u)"


def test_a_line_that_was_mojibake_keeps_its_other_characters_as_any_line_does() -> None:
    # Only ftfy's encoding fix is made: a ligature, a full-width letter and an entity
    # encoded twice stay as on a line without mojibake; a LINE SEPARATOR the mojibake hid
    # is a line break, as repair makes every such separator.
    others = "\ufb01ne \uff21 &amp;amp; “quoted”"
    assert repair("caf\u00c3\u00a9 " + others) == "café " + repair(others)
    assert repair(others) == "\ufb01ne \uff21 &amp; “quoted”"
    assert repair("one,\u00e2\u0080\u00a8two") == "one,\ntwo"


def test_nfc() -> None:
    assert repair("Cafe\u0301") == unicodedata.normalize("NFC", "Café")


def test_collapse_whitespace() -> None:
    assert collapse("  a \t b\u00a0\n c  ") == "a b c"


def test_decode_declared_and_detected() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>') == "cp1252"
    assert declared_charset(b'<html><meta charset="koi8-r">') == "koi8-r"
    assert declared_charset(b"\xef\xbb\xbfhi") == "utf-8"
    assert decode(b'<meta charset="windows-1252"><p>caf\xe9 \x93q\x94') == (
        '<meta charset="windows-1252"><p>café “q”'
    )
    assert decode("grüße".encode("utf-16")) == "grüße"
    assert decode(b"\xef\xbb\xbfplain") == "plain"
    text = "Die Straße führt über die Brücke zur Kirche. " * 20
    assert decode(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        ("ISO-8859-9", "cp1254", "Bugün İstanbul’da hava güzel – yarın da"),
        ("tis-620", "cp874", "วันนี้อากาศดี – “พรุ่งนี้” ก็เช่นกัน"),
        ("Shift_JIS", "cp932", "①気温は２５度、㈱テストが発表"),
        ("gb2312", "gb18030", "朱镕基说，这是一个好消息"),
        ("euc-kr", "cp949", "똠방각하 기온은 이십오 도"),
        ("big5", "big5hkscs", "香港嘅天氣好好，佢哋去咗行山㗎"),
    ],
)
def test_a_declared_label_reads_as_the_superset_browsers_read_it_as(
    label: str, codec: str, text: str
) -> None:
    """Text in the superset under the older label is read as declared, not guessed at."""
    data = f'<meta charset="{label}"><p>{text}</p>'.encode(codec)
    decoded = decode_told(data)
    assert decoded.text == f'<meta charset="{label}"><p>{text}</p>'
    assert decoded.read_as is None


def test_decode_lying_declaration_and_junk() -> None:
    assert decode('<meta charset="ascii">é'.encode()) == '<meta charset="ascii">é'
    assert isinstance(decode(bytes(range(256)) * 4), str)
    assert decode(b'<meta charset="no-such-codec">x') == '<meta charset="no-such-codec">x'


def test_meta_utf16_on_ascii_bytes_means_utf8() -> None:
    assert decode('<meta charset="utf-16"><p>hé'.encode()) == '<meta charset="utf-16"><p>hé'


def test_decode_says_when_the_text_is_the_bytes_read_as_utf8() -> None:
    as_is = [
        b"plain ascii",
        "grüße".encode(),
        '<meta charset="windows-1252">é'.encode(),  # a stale declaration
        '<meta charset="utf-16"><p>hé'.encode(),
    ]
    changed = [
        b"\xef\xbb\xbfgr\xc3\xbc",  # the byte-order mark goes
        b'<meta charset="windows-1252">caf\xe9',
        "grüße".encode("utf-16"),
        bytes(range(256)),
    ]
    for data in as_is + changed:
        text, utf8 = decode_utf8(data)
        assert text == decode(data)
        assert utf8 == (data in as_is)
        assert not utf8 or text.encode() == data


UTF16_PAGES = {
    "ascii": "<!DOCTYPE html><html><head><title>Plain</title></head><body><p>Just ASCII "
    "words in a paragraph long enough to be kept by the cleaner as the page's text.</p>"
    "</body></html>\n",
    "french": "<html><body><p>Crème brûlée – “fait maison”, à 5 €: une recette de "
    "grand-mère que l’on garde pour les dimanches en famille.</p></body></html>\n",
    "russian": "<html><body><p>Съешь же ещё этих мягких французских булок, да выпей "
    "чаю. Это предложение содержит все буквы алфавита.</p></body></html>\n",
    "chinese": "<html><body><p>我们的网站提供最新的新闻和信息，欢迎大家阅读。今天的天气"
    "很好，一起去公园散步吧。</p></body></html>\n",
}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("page", list(UTF16_PAGES))
def test_utf16_without_a_mark_is_read_as_utf16_and_said(codec: str, page: str) -> None:
    """UTF-16 without a byte-order mark: its ASCII is valid UTF-8 too, NULs between, and
    the rest was left to detection; it is read as UTF-16, told as a guess."""
    text = UTF16_PAGES[page]
    data = text.encode(codec)
    assert utf16_without_mark(data) == codec
    decoded = decode_told(data)
    assert decoded.text == text and not decoded.as_is
    assert decoded.read_as == f"{codec.upper()} (no byte-order mark)"
    assert not read_as_utf8_when_valid(data)  # Lexbor is given the text, not these bytes


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_clean_text_reads_utf16_without_a_mark_as_it_reads_the_text(codec: str) -> None:
    """The cleaner shares the decoder: an ASCII page in UTF-16 had been read as UTF-8 text
    with NULs in it, not sniffed as HTML, and its markup given back as text."""
    from convert import clean_text

    for text in UTF16_PAGES.values():
        assert clean_text(text.encode(codec)) == clean_text(text)
        assert clean_text(text.encode(codec), kind="html") == clean_text(text, kind="html")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(("Text,\x00with NUL\x00separated\x00fields. " * 20).encode(), id="both-sides"),
        pytest.param("utf-32 text without a mark".encode("utf-32-le"), id="utf-32"),
        pytest.param(("A NUL-terminated line of ASCII text\x00" * 20).encode(), id="ascii-pairs"),
        pytest.param("odd length".encode("utf-16-le") + b"x", id="odd-length"),
        pytest.param(
            "\ud800".encode("utf-16-le", "surrogatepass") + "a lone surrogate".encode("utf-16-le"),
            id="not-strict",
        ),
        pytest.param(
            "".join(map(chr, range(0xE001, 0xE100))).encode("utf-16-le")
            + "private use area".encode("utf-16-le"),
            id="private-use",
        ),
        pytest.param(
            "".join(map(chr, range(0x80, 0xA0))).encode("utf-16-le") * 4
            + "controls".encode("utf-16-le"),
            id="c1-controls",
        ),
        pytest.param("short".encode("utf-16-le")[:6], id="too-few"),
    ],
)
def test_what_is_not_clearly_utf16_is_not_read_as_it(data: bytes) -> None:
    assert utf16_without_mark(data) is None
    assert decode_told(data).read_as is None or "UTF-16" not in decode_told(data).read_as


@pytest.mark.parametrize(
    "text",
    [
        "Le café “chez Zoë” coûte 5 €.",
        "Un été à Noël, l’œuvre coûte 20 €.",
        "São Paulo: ação e coração – 3 €",
        "Ærø og Åbenrå – “hyggeligt”",
    ],
)
def test_a_short_windows_1252_text_is_read_as_windows_1252(text: str) -> None:
    """The detector scores windows-1250 the same on such short texts and took it first:
    "coűte", "Săo", "Ćrř". One reading only has the letters of one language."""
    decoded = decode_told(text.encode("cp1252"))
    assert (decoded.text, decoded.read_as) == (text, "cp1252")


def test_a_text_that_reads_the_same_in_both_is_said_to_be_windows_1252() -> None:
    decoded = decode_told("Grüße, “schön” – 10 €".encode("cp1252"))
    assert (decoded.text, decoded.read_as) == ("Grüße, “schön” – 10 €", "cp1252")


@pytest.mark.parametrize(
    "text",
    [
        "Zażółć gęślą jaźń, łódź",  # the detector found nothing: it was read as windows-1252
        "Příliš žluťoučký kůň úpěl ďábelské ódy",  # ť: a byte windows-1252 leaves unassigned
        "Dobrý den, jak se máte? Děkuji, dobře.",
        "Čeština: řeřicha, čtvrť, ďolíček",
        "Łódź, Kraków i Gdańsk – “miasta”",
        "Árvíztűrő tükörfúrógép",
    ],
)
def test_a_short_windows_1250_text_stays_windows_1250(text: str) -> None:
    decoded = decode_told(text.encode("cp1250"))
    assert (decoded.text, decoded.read_as) == (text, "cp1250")


def test_both_readings_fitting_a_language_leave_the_choice_to_the_detector() -> None:
    """è in French or č in Czech: the letters do not tell, so what the detector took is kept."""
    assert undeclared._western_or_central(b"Tr\xe8s", "cp1250") == "cp1250"
    assert undeclared._western_or_central(b"Tr\xe8s", "cp1252") == "cp1252"
    assert undeclared._western_or_central(b"Tr\xe8s", "big5") == "big5"


def test_the_declaration_is_read_once_on_the_guessed_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loader's warning says what the page declared, from what the decoder read."""
    from convert.loading import loads

    calls: list[bytes] = []
    declared_label = decode_module.declared_label

    def counted(data: bytes) -> str | None:
        calls.append(data)
        return declared_label(data)

    monkeypatch.setattr(decode_module, "declared_label", counted)
    record = loads(b'<html><meta charset="x-klingon"><p>caf\xe9 cr\xe8me</p>', path="a.html")
    assert "declares an unknown encoding, 'x-klingon'" in record.problems[0].message
    assert len(calls) == 1


def _counting_ftfy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every line ftfy is asked to fix, with an empty memory of earlier fixes."""

    seen: list[str] = []
    fix_encoding = normalise._fix_encoding

    def counted(text: str) -> str:
        seen.append(text)
        return fix_encoding(text)

    monkeypatch.setattr(normalise, "_fix_encoding", counted)
    monkeypatch.setattr(normalise, "_FIXED", {})
    return seen


def test_a_line_is_given_to_ftfy_once_however_often_it_is_repaired(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = _counting_ftfy(monkeypatch)
    broken = "caf\u00c3\u00a9 au lait"
    first = repair(broken)
    calls = len(seen)  # the fix alone: what it gave has no sign left, so no round confirms it
    assert first == "café au lait" and calls == 1
    assert repair(broken) == first and repair(f"intro\n{broken}") == f"intro\n{first}"
    assert len(seen) == calls
    other = "\u00c3\u00a9\u00c3\u00a9\u00c3"
    assert repair(other) == repair(other) == "éé\u00c3"
    assert len(seen) == 2 * calls


def test_a_line_that_still_looks_like_mojibake_gets_another_round() -> None:
    """A round that leaves a line with the sign and ftfy's own test saying bad is followed by
    another; one that leaves it clean is the last (it used to be confirmed by a full round)."""
    layers = {"caf\u00c3\u0083\u00c2\u00a9": "caf\u00c3\u00a9", "caf\u00c3\u00a9": "café"}
    given: list[str] = []

    def one_layer(text: str, **options: object) -> str:
        given.append(text)
        return layers.get(text, text)

    normalise._FIXED.clear()
    assert normalise._fix_line(one_layer, "caf\u00c3\u0083\u00c2\u00a9") == "café"
    assert given == ["caf\u00c3\u0083\u00c2\u00a9", "caf\u00c3\u00a9"]
    normalise._FIXED.clear()


def test_lines_ftfy_would_not_call_mojibake_are_not_given_to_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lead character before a follower is only a sign: German soft hyphens after an
    umlaut give it, and ftfy's own test of mojibake says no; such a line is kept as it is."""
    seen = _counting_ftfy(monkeypatch)
    hyphenated = "Kor\u00adrup\u00adti\u00adons\u00adprä\u00adven\u00adti\u00adon"
    assert normalise._MOJIBAKE.search(hyphenated) is not None
    assert repair(hyphenated) == hyphenated and seen == []
    assert repair(f"{hyphenated}\ncaf\u00c3\u00a9") == f"{hyphenated}\ncafé"
    assert seen and hyphenated not in seen


def test_only_the_lines_of_a_long_text_with_a_sign_are_given_to_ftfy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long text's signs are found by its characters' classes, and so are their lines
    (the first, one in the middle, the last), each repaired as it is alone."""
    seen = _counting_ftfy(monkeypatch)
    plain = [f"Line {n} of plain text, with nothing to repair." for n in range(60)]
    broken = ["caf\u00c3\u00a9 first", "the caf\u00c3\u00a9 in the middle", "last caf\u00c3\u00a9"]
    lines = [broken[0], *plain[:30], broken[1], *plain[30:], broken[2]]
    text = "\n".join(lines)
    assert len(text) >= normalise._ARRAY_CHARS
    assert repair(text) == "\n".join(repair(line) for line in lines)
    assert repair(text).count("café") == 3
    assert sorted(set(seen)) == sorted(broken)
    hyphenated = "Kor\u00adrup\u00adti\u00adons\u00adprä\u00adven\u00adti\u00adon"
    unchanged = "\n".join([*plain, hyphenated])
    assert repair(unchanged) == unchanged


def test_the_memory_of_fixed_lines_stays_small(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counting_ftfy(monkeypatch)
    monkeypatch.setattr(normalise, "_FIXED_LINES", 3)
    lines = [f"caf\u00c3\u00a9 {n}" for n in range(5)]
    assert [repair(line) for line in lines] == [f"café {n}" for n in range(5)]
    assert len(normalise._FIXED) <= 3
    long_line = "caf\u00c3\u00a9 " + "x" * normalise._FIXED_CHARS
    repair(long_line)
    assert long_line not in normalise._FIXED
    before = len(seen)
    repair(long_line)
    assert len(seen) > before  # too long to keep: fixed again


def test_utf8_with_a_few_windows_1252_bytes_pasted_in_reads_both_right() -> None:
    utf8 = "Grüße aus Zürich — “Mitgefühl” wählen. ".encode() * 3
    for declaration in (b"", b'<meta charset="utf-8">'):
        data = declaration + utf8 + b"K\xfcchenblogs \x93quoted\x94 \x81"
        text, as_is = decode_utf8(data)
        assert text == (declaration + utf8).decode() + "Küchenblogs “quoted” \x81"
        assert not as_is
    # a page in windows-1252 throughout is still read as one
    legacy = "Die Straße führt über die Brücke. Schöne Grüße! ".encode("cp1252") * 5
    assert decode(b'<meta charset="utf-8">' + legacy) == '<meta charset="utf-8">' + legacy.decode(
        "cp1252"
    )


def test_strays_far_into_a_long_page_are_judged_where_they_are() -> None:
    # the first megabyte is ASCII: the bytes around the first stray byte decide
    head = b"<p>" + b"plain words " * 100_000
    tail = "Grüße aus Zürich. ".encode() * 50 + b"K\xfcchenblogs"
    assert decode(head + tail) == (head + tail[:-11]).decode() + "Küchenblogs"


def test_a_huge_page_with_strays_is_read_without_holding_copies_of_it() -> None:
    data = "Grüße aus Zürich, schöne Tage. ".encode() * 300_000 + b"K\xfcchenblogs"
    tracemalloc.start()
    try:
        text = decode(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text.endswith("Küchenblogs")
    # Python's decoder alone peaks at about 2.3 times the characters here; counting over the
    # whole of the bytes held two more copies of the text
    assert peak < 3 * len(text)


def test_a_page_of_many_stray_bytes_goes_to_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(undeclared, "_STRAYS_MAX", 5)
    valid = "Grüße aus Zürich, schöne Tage. ".encode()
    few = valid + b"K\xfcche \x93a\x94"
    assert undeclared._mostly_utf8(few, few.index(b"\xfc")) == valid.decode() + "Küche “a”"
    many = valid + b"K\xfcche \x93a\x94 \xe4\xf6\xfc"
    assert undeclared._mostly_utf8(many, many.index(b"\xfc")) is None
    assert isinstance(decode(many), str)
