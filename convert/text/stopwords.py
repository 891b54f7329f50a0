"""Function words per language, and a page-level guess of the language from them.

Running text is full of function words ("the", "and", "der", "und"); menus, buttons and
bylines are not. The share of function words in a line is the best single clue the block
classifier has, so it needs a list for the page's language. The lists are short, written for
this project from the commonest words of each language; a page in a language without a list
falls back to the union, which still separates prose from link lists reasonably well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import islice

_WORDS: dict[str, str] = {
    "en": """a about above after again all also am an and any are as at be because been before
        being below between both but by can could did do does doing down during each few for
        from further had has have having he her here hers him his how i if in into is it its
        itself just me more most my no nor not now of off on once only or other our ours out
        over own same she should so some such than that the their theirs them then there these
        they this those through to too under until up very was we were what when where which
        while who whom why will with would you your yours been said says like new one two also
        many much may might must us since still even though well""",
    "de": """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus
        bei bin bis bist da damit dann das dass dein deine dem den denn der des dich die dies
        diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer
        eines er es etwas euch euer für gegen gewesen hab habe haben hat hatte hatten hier hin
        hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist jede jedem jeden
        jeder jedes jetzt kann kein keine können könnte man manche mehr mein meine mit muss nach
        nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner selbst sich
        sie sind so solche soll sollte sondern um und uns unser unter viel vom von vor war waren
        warum was weil welche wenn wer werden wie wieder will wir wird wo wurde wurden zu zum
        zur zwar zwischen über einen schon immer sowie bereits""",
    "fr": """à au aux avec ce ces cette dans de des du elle elles en est et été être eu il ils je
        la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ont ou où par
        pas pour qu que qui sa se ses si son sont sur ta te tes toi ton tu un une vos votre vous
        y plus aussi comme tout tous toutes fait faire peut entre sans sous était avait ainsi
        alors après avant bien car donc encore très""",
    "es": """a al algo algunos ante antes como con contra cual cuando de del desde donde durante
        e el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estado estas
        este esto estos está están fue fueron ha hasta hay la las le les lo los más me mi mucho
        muy nada ni no nos nuestro o os otra otros para pero poco por porque que quien se sea
        ser si sido sin sobre son su sus también tanto te tiene todo todos tu un una uno unos y
        ya yo puede hacer según cada""",
    "it": """a ad al alla alle agli ai anche avere che chi ci come con da dal dalla dei del della
        delle di dove e è era essere fa gli ha hanno ho i il in io la le lo loro ma mi molto ne
        nel nella nelle noi non o per perché più può quale quando quello questa questi questo se
        si sia sono su sua sue suo sul sulla tra tutto un una uno ancora stato stata essere
        fatto così""",
    "pt": """a ao aos as até com como da das de dela dele do dos e é ela ele eles em entre era
        essa esse esta este eu foi for há isso isto já lhe mais mas me mesmo meu minha muito na
        não nas nem no nos o os ou para pela pelo por qual quando que se seja sem ser seu seus
        só sua suas também te tem um uma umas uns você são está estão pode ainda sobre""",
    "nl": """aan al als bij dan dat de der deze die dit door een en er had heb hebben heeft het
        hij hoe haar hun ik in is je kan maar me meer met mij naar niet nog nu of om ons ook op
        over te tot u uit van veel voor want was wat we wel werd wie wij worden zal ze zelf zich
        zij zijn zo zoals""",
    "pl": """a aby ale albo bo być był była było były by co czy dla do go i ich ja jak jako jest
        jego jej jeszcze już ku lub ma mi może na nad nie nich nim o od oraz po pod przez przy
        się są ta tak także tam te tego tej ten to tu tylko w we więc wszystko z za ze że
        które który która jednak bardzo""",
    "sv": """alla att av de dem den denna det detta dig din du efter ej eller en ett för från
        har hade han hans henne hon honom hur i icke inte jag kan man med mig min mot mycket
        någon när och om oss på sig sin sina sitt själv skulle som så till under upp ut utan
        var vara vi vid vilka vilken åt är över också""",
    "no": """alle at av de den denne der det dette du eller en et etter for fra har hadde han
        hans hun hva hvis hvor i ikke jeg kan man med meg men mot mye når og om oss på seg sin
        sine sitt skal skulle som så til under ut var vi ved være også noe""",
    "hu": """a az és hogy nem is egy de van meg már csak ki el még mint volt ez azt ha ezt vagy
        mert mi sem lesz kell ami aki után között minden nagyon pedig valamint""",
}

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _WORDS.items()
}
ANY = frozenset().union(*STOPWORDS.values())
LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, stop in STOPWORDS.items() if word in stop) for word in ANY
}


def guess_language(words: Iterable[str], *, sample: int = 3000) -> str | None:
    """The language whose list covers most of ``words`` (lower-cased), or None if none fits.

    A language must cover at least 15% of the sampled words, which any prose in it does and a
    page in another script does not. Distinct words are counted first and each looked up once
    in :data:`LANGUAGES_OF` (a page repeats its words; checking every word against every list
    was a tenth of the cleaning time).
    """
    seen = Counter(islice(words, sample))
    if not seen:
        return None
    counts = dict.fromkeys(STOPWORDS, 0)
    for word, times in seen.items():
        for lang in LANGUAGES_OF.get(word, ()):
            counts[lang] += times
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 0.15 * seen.total() else None


@cache
def stopwords_for(lang: str | None) -> frozenset[str]:
    """The list for ``lang``, or the union of all lists when it is unknown."""
    if lang is None:
        return ANY
    return STOPWORDS.get(lang, ANY)
