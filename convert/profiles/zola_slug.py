"""Zola's slug of a page: its file name or ``slug`` spelled in ASCII, as zola 0.22 publishes it.

Zola (``slugify.paths = "on"``, its default) spells every letter in ASCII through its slug
crate's transliteration; a profile that kept the letters would link a page Zola does not
publish. What can be spelled from Unicode's decompositions and a small table is spelled here;
what Zola spells from dictionaries (ideographs, Hangul, Arabic, Hebrew, emoji) is named, so the
profile can say its link may be wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_ASCII_RUNS = re.compile(r"[^A-Za-z0-9]+")

_ZOLA_SPELLINGS = (
    # Latin-1 Supplement, Latin Extended-A and -B (and the small letters of its capitals):
    # the letters whose decomposition (an ASCII letter and marks) is not Zola's spelling
    "-=ƏǀǁǂǃǝɁɂɅəʌ -n=ŉ 2=Ƨƨƻ 3=Ǝ 5=Ƽƽ 6=Ƅƅ a=ªȺẚⱥ ae=Ææ b=ƀƁƂƃɃɓ c=ƇƈȻȼ "
    "d=ÐðĐđƉƊƋƌƍȡẟɖɗ db=ȸ dz=ǄǅǆǱǲǳ e=ƐɆɇɛ f=Ƒƒ g=ƓƔǤǥɠɣ h=Ħħ hv=ƕǶ i=ıƖƗɨɩ ij=Ĳĳ "
    "j=ȷɈɉ k=ĸƘƙ l=ĿŀŁłƚƛȴȽ lj=Ǉǈǉ ll=Ỻỻ n=ƝƞȠȵɲ ng=Ŋŋ nj=Ǌǋǌ o=ºØøƆƟɔɵ oe=Œœ oi=Ƣƣ "
    "ou=Ȣȣ p=Ƥƥ q=Ɋɋ qp=ȹ r=Ɍɍʀ s=ſȿẜẝʃ sh=Ʃƪ ss=ßẞ t=ŦŧƫƬƭƮȶȾʈⱦ th=Þþ ts=ƾ u=µɄʉʊ "
    "v=ƲỼỽʋ w=ƜƿǷɯ y=ƱƳƴȜȝɎɏỾỿ yr=Ʀ z=ƵƶȤȥɀʒ zh=ƷƸƹƺǯ "
    # Greek and Coptic (Greek Extended decomposes to these)
    "-=ʹ͵΄Ϗϗ a=Αα b=Ββϐ c=ϲ ch=Ϭϭ d=Δδ e=ΕΗεηϵ϶ f=Ϥϥ g=ΓγϪϫ h=ͰͱϨϩ i=ͺΙι j=Ϳϳ k=Κκϰ "
    "kh=ΧχϦϧ ks=Ξ l=Λλ m=Μμ n=Νν o=ΟΩοω p=Ππϖ ph=Φφϕ ps=Ψψ q=ϘϙϞϟ r=Ρρϱ r-=ϼ s=ͲͳͻΣςσϹϺϻϽ "
    "s-=ͼͽϾϿ sh=ϢϣϷϸ sp=Ϡϡ st=Ϛϛ t=Ττ th=Θθϑϴ ti=Ϯϯ u=Υυϒ w=ͶͷϜϝ x=ξ z=Ζζ "
    # Cyrillic
    "-=ЪЬъьҌҍӀӘә a=Аа ae=Ӕӕ b=Бб ch=ЧчҼҽӋӌ ch-=ҶҷҸҹҾҿ d=Дд dj=Ђђ dz=ЅѕӠӡ dzh=Џџ "
    "e=ЄЕЭеэѢѣѦѧ f=ФфѲѳ g=Гг g-=ҐґҒғҔҕ gh=Ӷӷ gj=Ѓѓ h=ҺһӏӾӿ i=ІИиі ia=Яя ie=ЀѐєѤѥѨѩӖӗ "
    "io=ЁёѬѭ iu=Юю j=Јј jh=Ҋҋ k=Кк k-=ҚқҜҝҞҟҠҡӃӄ kh=ХхҨҩ kh-=Ҳҳ kj=Ќќ ks=Ѯѯ l=Лл lh=Ӆӆ "
    "lj=Љљ m=Мм mh=Ӎӎ n=Нн n-=ҢңӇӈ ng=Ҥҥ nh=Ӊӊ nj=Њњ o=ОоѠѡѪѫѺѻѼѽӨө ot=Ѿѿ p=Пп p-=Ҧҧ "
    "ps=Ѱѱ q=Ҁҁ r=Рр r-=Ҏҏ s=Сс s-=Ҫҫ sh=Шш shch=Щщ t=Тт t-=Ҭҭ ts=Цц tsh=Ћћ tts=Ҵҵ "
    "u=УуѸѹҮү u-=Ұұ v=Вв x=Ӽӽ xh=Ӻӻ y=ЫыѴѵ yi=Її z=Зз z-=Ҙҙ zh=Жж zh-=Җҗ "
    # signs of Latin-1 and a few others that titles use
    "=\u00ad -=\u00a0¡¤¦¨«¬¯±´·¸»¿÷\u200b -0=‰ -00=‱ -c-=© -r-=® 1=¹ 1-2=½ 1-4=¼ 2=² 3=³ "
    "3-4=¾ 7=⁊ c-=¢ deg=° eur=€ no=№ p=¶ pp=⁋ ps=£ ss=§ tm=™ x=× y-=¥"
)
"""How zola 0.22 spells characters of a slug in ASCII (its slug crate transliterates with
deunicode), as observed: a site with a page for each character (``slug = "a" + character +
"z"``) built, and the folder each was published in read. ``spelling=characters``; ``-`` is a
gap (a hyphen between letters, none at either end), an empty spelling nothing. With the
decompositions and ranges of :func:`_zola_spelling` this covers each character of Latin-1
Supplement, Latin Extended-A and -B, Latin Extended Additional, the combining marks, Greek
and Coptic, Greek Extended's letters, Cyrillic (but its numeric signs U+0482-U+0489) and
General Punctuation, each checked against Zola's output. Written from those observations
(facts of its output), not from deunicode's tables."""

_ZOLA_SPELLED: Mapping[str, str] = {
    char: spelling
    for group in _ZOLA_SPELLINGS.split(" ")
    for spelling, _, chars in [group.partition("=")]
    for char in chars
}
_ZOLA_MARK_LETTERS = "aeioucdhmrtvx"
"""Zola's spelling of U+0363-U+036F, the small Latin letters written above another; the
other combining marks it drops."""


def _zola_spelling(char: str, *, parts: bool = True) -> str | None:
    """``char`` as zola 0.22 spells it in a slug: ASCII letters and digits (lower case) and
    ``-`` for a gap; ``None`` where the profile cannot tell (ideographs, Hangul, Arabic,
    Hebrew, emoji... whose spellings come from dictionaries). Accented Latin, Greek and
    Cyrillic letters are spelled as their decomposition's letter (``é`` as ``e``) unless
    the table says otherwise (``ё`` is ``io``)."""
    if char.isascii():
        return char.lower() if char.isalnum() else "-"
    spelled = _ZOLA_SPELLED.get(char)
    if spelled is not None:
        return spelled
    point = ord(char)
    if 0x300 <= point <= 0x36F:  # combining marks
        return _ZOLA_MARK_LETTERS[point - 0x363] if point >= 0x363 else ""
    if 0x2000 <= point <= 0x206F:  # general punctuation: a gap; format characters nothing
        kind = unicodedata.category(char)
        return None if kind == "Cn" else "" if kind == "Cf" else "-"
    if parts and (0xC0 <= point <= 0x24F or 0x370 <= point <= 0x4FF or 0x1E00 <= point <= 0x1FFF):
        decomposed = unicodedata.normalize("NFD", char)
        spelled_parts: list[str] = []
        for part in decomposed if decomposed != char else ():
            spelling = _zola_spelling(part, parts=False)
            if spelling is None:
                return None
            spelled_parts.append(spelling)
        if spelled_parts:
            return "".join(spelled_parts)
    return None


def zola_slug(text: str) -> str:
    """Zola's slug for a file name or ``slug`` (``slugify.paths = "on"``): each character
    spelled in ASCII as zola 0.22 spells it (:func:`_zola_spelling`), lower case, every run of
    other characters one hyphen, none at either end: ``bevy-0.2`` is ``bevy-0-2``, ``café
    crème`` ``cafe-creme``, ``Привет`` ``privet``. Text with a character the profile cannot
    spell (:func:`zola_unspelled`) keeps its letters and digits as written (``北京`` stays
    ``北京``, percent-encoded in the link), which is not where Zola publishes it."""
    if text.isascii():
        return _ASCII_RUNS.sub("-", text).strip("-").lower()
    spelled: list[str] = []
    for char in text:
        spelling = _zola_spelling(char)
        if spelling is None:
            return re.sub(r"[\W_]+", "-", text.strip().lower()).strip("-")
        spelled.append(spelling)
    return _ASCII_RUNS.sub("-", "".join(spelled)).strip("-")


def zola_unspelled(text: str) -> str:
    """The characters of ``text`` whose spelling in Zola's slugs the profile cannot tell,
    each once, in order ("" when :func:`zola_slug` spells it all as Zola does)."""
    if text.isascii():
        return ""
    return "".join(dict.fromkeys(char for char in text if _zola_spelling(char) is None))
