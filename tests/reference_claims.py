"""``checks/claims.py`` as it was at commit 14d91f8, frozen (see tests/reference_locatives.py,
whose ``is_claim`` it is). Do not edit.

Whether a region's locative in free text claims that the project works there (EURA309).

A locative (``Kainuussa``, ``Uudellamaalla``, also with a clitic: ``Kainuussakin``) is judged in
its sentence and clause, not as a word. It is **no claim** when it

* stands in a comparison: ``korkeampi kuin Uudellamaalla``, ``toisin kuin Lapissa``,
  ``verrattuna Pirkanmaalla toimiviin``, ``…, kun taas Kainuussa …`` (but ``niin Lapissa kuin
  Kainuussa``, ``samoin kuin``, ``kuin myös`` and ``ennen kuin`` are no comparisons);
* is inside quotation marks (``"Osaajia Kainuussa"``, ``”…”``, ``«…»``, ``»…»``, ``'…'``) or is
  part of a name used as the first part of an open compound (``Osaajia Kainuussa -hanke``);
* belongs to a participial attribute (``Kainuussa sijaitseva``, ``Lapissa toimivan``,
  ``Uudellamaalla vuosina 2016–2018 toteutetun … hankkeen``, ``X:n Kainuussa rahoittama``),
  unless the attribute describes the project's own target group or participants, or the project
  itself (see :func:`_attribute_is_claim`);
* is in a relative clause (``yritys, joka sijaitsee Kainuussa``) about a partner, a funder or an
  earlier project, or says where another party is seated (``pääkonttori sijaitsee …``);
* is in a statement of a region's situation: a copula with a comparative or a share and no word
  of the project (``Uudellamaalla vastaava osuus on 7 %``, ``Kainuussa tilanne on parempi``).

Everything else is a claim, in particular a plain sentence about the project's own work
(``Hanke toimii Etelä-Savossa ja Etelä-Karjalassa``), a target group placed there
(``kohderyhmänä ovat Etelä-Karjalassa toimivat järjestöt``) and the clitic forms.

The word lists are stems of Finnish words, matched case-insensitively; they describe roles
(target group, partner, funder, earlier work), not any one document's wording.
"""

from __future__ import annotations

import re

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014"

# Clitics a locative may carry (vowel harmony is not checked: both variants are accepted).
CLITICS = r"(?i:kin|kaan|kään|han|hän|pa|pä)"

# -- quotation marks and titles --------------------------------------------------------------------

# Pairs of quotation marks. Finnish typography uses the same mark on both sides (”…”, »…»);
# English-style “…” and «…» occur too. A single quote opens only at the start of a word and
# closes only at its end, so that apostrophes inside words are not taken for quotes.
_QUOTED = re.compile(
    r'"[^"\n]*"'
    r"|“[^“”\"\n]*[”\"]"
    r"|”[^”\n]*”"
    r"|„[^„“”\n]*[“”]"  # (each mark ends the scan of its own kind: linear in a run of marks)
    r"|«[^«»\n]*»"
    r"|»[^»\n]*[»«]"
    r"|(?<!\w)['‘’][^'‘’\n]*['’](?!\w)"
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


# A name used as the first part of an open compound: ``Osaajia Kainuussa -hanke``,
# ``Kasvua Lapissa ja Kainuussa -hankkeen``: a few words, then a space and a dash glued to a word.
_TITLE_AFTER = re.compile(rf"(?:\s+[\w:{_DASH}]+){{0,4}}?\s[{_DASH}][^\W\d_]")

# -- sentences and clauses -----------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "mm esim ns n ym yms jne tms ks vrt os ko em eli mrd milj tuh t ry oy ab ts pl klo nro s "
    "prof dos toim yo amk tri".split())
# (tried only where a run of end marks begins: from inside a run it would find the same end,
# after scanning the rest of the run again, in time square in the run's length; the look-behind
# follows the first mark, as "(?<![.!?…])[.!?…]" would not let sre skip to the marks in C)
_SENTENCE_END = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*[\"”»'’)]*\s+(?=[\"“”«»'(]?[A-ZÅÄÖ0-9])")
# Clause boundaries: ; and : always; a comma before a relative pronoun, a subordinating or an
# adversative conjunction, or before "ja"/"sekä"/"tai" that join clauses (a comma is not written
# before "ja" in a list in Finnish).
_RELATIVE = (r"jo(?:ka|nka|ta|ssa|sta|hon|lla|lta|lle|na|ksi|tka|iden|ita|issa|ista|ihin|illa|ilta|"
             r"ille|ina|iksi)|mi(?:kä|nkä|tä|ssä|stä|hin|llä|ltä|lle|nä|ksi)")
_CLAUSE_BREAK = re.compile(
    rf"[;:]\s|,\s*(?=(?:{_RELATIVE}|kun|koska|jotta|että|jos|vaikka|mutta|vaan|sillä|ja|sekä|tai|"
    r"eli|joten|kunnes|jolloin)\b)", re.IGNORECASE)
_RELATIVE_START = re.compile(rf"(?:{_RELATIVE})\b", re.IGNORECASE)


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence around position ``at`` in a paragraph."""
    start, end = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        before = text[:match.start()].rsplit(None, 1)
        last_word = before[-1].lower().rstrip(".") if before else ""
        if last_word in _ABBREVIATIONS or last_word.isdigit():
            continue  # "mm. Kainuussa", "1. Lapissa"
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    return start, end


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds, at = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        bounds.append((at, match.start()))
        at = match.end()
    bounds.append((at, end))
    return bounds


# -- words ---------------------------------------------------------------------------------------

_WORD = re.compile(rf"[\w][\w:{_DASH}'’]*|[^\w\s]")

_CONJUNCTIONS = frozenset(
    "ja sekä tai eli mutta vaan että kun koska jotta jos vaikka kuin kuten sillä joten".split())

# The verb stems an agent participle is made of: toteutta-ma, järjestä-mä, koordinoi-ma, teke-mä,
# tarjoa-ma.
_AGENT_STEM = r"(?:tt[aä]|st[aä]|lt[aä]|nt[aä]|rt[aä]|[oö]i|[oöuy][aä]|e)"

# Finnish participles, by ending (the word is lower-cased). Each alternative lists the case
# endings the form takes; a word must be at least five letters long.
_PARTICIPLE = re.compile(
    r"(?:"
    # present active and passive: toimiva, sijaitsevan, toteutettavat, toimivien, olevia
    r"[aeiouyäö]v[aä](?:n|t|a|ä|ssa|ssä|sta|stä|lla|llä|lle|lta|ltä|ksi|na|nä|an|än)?"
    r"|[aeiouyäö]vi(?:a|ä|en|in|ssa|ssä|sta|stä|lla|llä|lle|lta|ltä|ksi|na|nä|hin)"
    # past active: toiminut, toimineen, päättyneet, ollut, olleiden, noussut
    r"|(?:[aeiouyäö]n|ll|rr|ss|nn)(?:ut|yt|ee(?:t|n|na|nä|ksi|ssa|ssä|sta|stä|lla|llä|lle|seen)|"
    r"ei(?:ta|tä|den|ssa|ssä|sta|stä|lla|llä|lle|hin|na|nä|ksi|siin))"
    # past passive: toteutettu, toteutettua, toteutettujen, toteutetun, järjestetyt, tehty, saatu
    r"|tt[uy](?:a|ä|ja|jä|jen|na|nä|ihin)?"
    r"|[aeiouyäö]t[uy](?:n|t|ssa|ssä|sta|stä|lla|llä|lle|ksi|un|yn|issa|issä|ista|istä|illa|"
    r"illä|ille|iksi|ihin|jen)"
    r"|(?:h|aa|ää|uo|yö|yy|oi|öi)t[uy](?:a|ä|ja|jä|jen|na|nä|n|t)?"
    # agent: X:n toteuttama, rahoittaman, koordinoimat, tekemään (its agent is a genitive)
    rf"|{_AGENT_STEM}m[aä](?:n|t|a|ä|ssa|ssä|sta|stä|lla|llä|lle|ksi|na|nä|an|än|aan|ään)?"
    rf"|{_AGENT_STEM}mi(?:a|ä|en|in|ssa|ssä|sta|stä|lla|llä|lle|ksi|na|nä|hin)"
    r")$"
)
# The passive present participle: toteute-ttava, järjeste-ttävä, tarjo-ttava, teh-tävä, saa-tava.
_PASSIVE_PRESENT = re.compile(r"(?:[eioöy]tt|(?:h|aa|ää|uo|yö|ie)t)(?:[aä]v[aä]|[aä]vi)\w{0,4}$")
_PRESENT = re.compile(r"[aeiouyäö]v(?:[aä]|i)\w{0,3}$")
_AGENT = re.compile(rf"{_AGENT_STEM}m(?:[aä]\w{{0,3}}|i\w{{0,4}})$")
_PAST = re.compile(r"(?:[aeiouyäö]n|ll|rr|ss|nn)(?:ut|yt|ee\w*|ei\w*)$|t[uy]\w{0,4}$")
# Words with a participle's ending that are something else (finite verbs, common adjectives and
# nouns that a locative is often followed by).
_NOT_PARTICIPLES = re.compile(
    r"(?:ovat|olivat|voivat|eivät|hyvä\w*|kova\w*|päiv\w*|laiv\w*|minut|sinut|elämä\w*|asema\w*|"
    r"teema\w*|ohjelm\w*|ongelm\w*|järjestelm\w*|ilma\w*|\w*[^aeiouyäö]m(?:aa|ää)\w*|\w+lm[aä]\w*)$")
_SELF = frozenset("hanke hankkeen hankkeessa hankkeella hankkeeseen hankkeesta hanketta hankkeena "
                  "projekti projektin projektissa projektilla projektiin projektista projektia".split())

# The project's own target group or participants: an attribute describing them places the work.
_TARGET = re.compile(
    r"kohderyhm|kohdistu|kohdistet|kohdenne|kohdenta|osallistuj|osallistuv|osallistet|"
    r"hyödynsaaj|tavoitet|tavoitta|valmenne|valmenta|koulutet|koulutettav|kouluttaa\b|"
    r"työllistet|aktivoi|tuetaan|tuettav|palvellaan")
# Someone else, or earlier work: a partner, a funder, the applicant's or another organisation's
# seat, another project's results, experiences or models (``_other``). Three patterns where one
# alternation would do, because sre tests the first character of a pattern alone only when every
# alternative begins with a letter: with "\bopit" and a class among them it tried all the
# alternatives at every character (15 µs a clause; now a few).
_OTHER_WORDS = re.compile(
    r"kumppan|yhteistyö|verkostoitu|rahoitta|rahoittaj|rahoitu|kokemu|tulokse|tuloks|"
    r"käytänt|käytänte|käytäntö|malli|hyödyntä|hyödynne|hyödynnä|aiemm|aikaisemm|edellis|"
    r"päättyn|hakija|toteuttaja|kotipaik|pääkonttor|asiantuntij|kouluttaj|vierail|tutustu|"
    r"benchmark|esikuv|opintomat|opintokäyn|ekskurs")
_OTHER_LESSONS = re.compile(r"o(?<!\wo)pit")  # "\bopit" (no word character before the o)
_OTHER_PAST_PASSIVE = re.compile(r"(?:[aeiouyäö]|h)tt?iin\b")


def _other(text: str) -> bool:
    return (_OTHER_WORDS.search(text) is not None or _OTHER_LESSONS.search(text) is not None
            or _OTHER_PAST_PASSIVE.search(text) is not None)


# Where another party is seated: "pääkonttori sijaitsee", "yhteistyökumppani sijaitsee":
# "sijaits..." with a party before or after it. (Found from the first of each, as
# ``\bsijaits\w*\b(?=.*party)|party\w*\b.*\bsijaits`` would, without scanning the rest of the
# clause again from every later one.)
_SEAT_WORDS = re.compile(r"kotipaik|pääkonttor")
_SITUATED = re.compile(r"\bsijaits\w*\b")
_PARTY = re.compile(r"(?:kumppan|hakija|toteuttaja|rahoittaj)\w*\b")
_SITUATED_START = re.compile(r"\bsijaits")


def _seat(text: str) -> bool:
    if _SEAT_WORDS.search(text):
        return True
    situated = _SITUATED.search(text)
    if situated is None:
        return False
    if _PARTY.search(text, situated.end()):
        return True
    party = _PARTY.search(text)
    return party is not None and _SITUATED_START.search(text, party.end()) is not None


_PAST_PASSIVE = re.compile(r"\w(?:[aeiouyäö]|h)tt?iin\b")
_NAMED_PROJECT = re.compile(rf"\w[{_DASH}](?:hank|projekt)", re.IGNORECASE)

_PROJECT = re.compile(r"\b(?:hank|projekt)")
_COMPARATIVE = re.compile(r"\w{2,}(?:mpi|mpia|mpää|mpaa|mmat|mmät|mman|mmän|mmin|mpana|mpänä)\b|"
                          r"\benemmän\b|\bvähemmän\b|\bvastaava")
_SHARE = re.compile(r"\d\s*(?:%|prosent|\u00a0%)")

_COMPARISON = re.compile(r"verrattuna|verrattaessa|verraten|vertailtuna|vertailu\w*", re.IGNORECASE)
# Words that may stand between "kuin" and the place it compares with ("kuin esimerkiksi Lapissa").
_BEFORE_COMPARED = frozenset(("myös", "esimerkiksi", "vaikkapa", "jopa", "esim", "."))


def _is_participle(word: str) -> bool:
    lower = word.lower()
    return (len(lower) >= 5 and lower.isalpha() and _PARTICIPLE.search(lower) is not None
            and not _NOT_PARTICIPLES.match(lower))


# -- the judgement --------------------------------------------------------------------------------


class _Clause:
    """The words of the clause a locative stands in, read once: the words as written and
    lower-cased, the locative's index and the first and last word of its list of places."""

    __slots__ = ("text", "words", "lowered", "index", "first", "last")

    # ``text`` is the clause lower-cased: the word lists below are matched case-sensitively in it
    # (a case-insensitive alternation is several times slower)

    def __init__(self, text: str, start: int, end: int, at: int, is_locative) -> None:
        matches = list(_WORD.finditer(text, start, end))
        self.text = text[start:end].lower()
        self.words = [m.group(0) for m in matches]
        self.lowered = [w.lower() for w in self.words]
        # the word holding the locative (a word may have glued it on: "Alue:Kainuussa")
        self.index = next((i for i, m in enumerate(matches) if m.end() > at), len(matches) - 1)
        self.first, self.last = self._place_list(is_locative)

    def _place_list(self, is_locative) -> tuple[int, int]:
        """The first and last word of the list of places the locative is part of
        (``Etelä-Savossa, Etelä-Karjalassa ja Pohjois-Savossa``). Commas alone make no list: in
        ``Toisin kuin Pirkanmaalla, Lapissa …`` the comma ends the comparison."""
        lowered, words, index = self.lowered, self.words, self.index
        first = last = index
        while first >= 2 and lowered[first - 1] in _JOINING_OR_COMMA and is_locative(words[first - 2]):
            first -= 2
        while (last + 2 < len(words) and lowered[last + 1] in _JOINING_OR_COMMA
               and is_locative(words[last + 2])):
            last += 2
        if _JOINING.isdisjoint(lowered[first:last + 1]):
            return index, index
        return first, last


_JOINING = frozenset(("ja", "sekä", "tai"))
_JOINING_OR_COMMA = _JOINING | {","}
_QUOTE_MARKS = re.compile("[\"“”„«»'‘’]")


def is_claim(text: str, start: int, end: int, is_locative, target_section: bool) -> bool:
    """Whether the locative at ``text[start:end]`` claims the project works in that region.

    ``is_locative(word)`` tells whether another word is a region's locative (for lists of
    places); ``target_section`` is true in the target-group sections (4.1, 4.2), where an
    attribute normally describes the target group.
    """
    if _QUOTE_MARKS.search(text) and any(q_start < start < q_end
                                         for q_start, q_end in quoted_spans(text)):
        return False
    s_start, s_end = _sentence(text, start)
    clauses = _clauses(text, s_start, s_end)
    c_start, c_end = next((b for b in clauses if b[0] <= start < b[1] + 1), (s_start, s_end))
    if _TITLE_AFTER.match(text, end, c_end):
        return False
    clause = _Clause(text, c_start, c_end, start, is_locative)
    if _compared(clause):
        return False
    participle = _attribute(clause)
    if participle is not None:
        return _attribute_is_claim(clause, participle, target_section)
    if _seat(clause.text) and not _TARGET.search(clause.text):
        return False  # "Hakijan pääkonttori sijaitsee Uudellamaalla"
    if _PAST_PASSIVE.search(clause.text) and _NAMED_PROJECT.search(text, s_start, s_end):
        return False  # "Kainuussa toteutettiin Osaava-hanke": earlier work
    if _RELATIVE_START.match(clause.text.lstrip()):  # (lower-cased: "joka", "jossa", …)
        # a relative clause: its head noun stands in the clause before it
        previous = next((text[a:b] for a, b in reversed(clauses) if b <= c_start), "")
        context = previous.lower() + " " + clause.text
        if _TARGET.search(context):
            return True
        return not _other(context)
    return True


def _compared(clause: _Clause) -> bool:
    lowered, first, last = clause.lowered, clause.first, clause.last
    # "… verrattuna" / "verrattuna …" close to the place
    if any(_COMPARISON.fullmatch(w) for w in lowered[max(0, first - 3):last + 4]):
        return True
    # "Uudellamaalla vastaava osuus on 7 %", "Kainuussa työttömyys on korkeampi": a statement
    # about a region's situation (a copula with a comparative or a share), not about the project
    if (not _COPULA.isdisjoint(lowered) and not _PROJECT.search(clause.text)
            and (_COMPARATIVE.search(clause.text) or _SHARE.search(clause.text))):
        return True
    # "kun taas Kainuussa …", "Kuten Kainuussa, …", "Samoin kuin Kainuussa, …": a contrast or a
    # likeness opens the clause (mid-clause, "kuten" and "samoin kuin" list the project's places)
    if (lowered[:2] == ["kun", "taas"] and first <= 3 or lowered[:1] == ["kuten"] and first == 1
            or lowered[:2] == ["samoin", "kuin"] and first == 2):
        return True
    # "kuin Uudellamaalla", "toisin kuin Lapissa": "kuin" just before the place (or its list)
    at = first - 1
    while at >= 0 and lowered[at] in _BEFORE_COMPARED:
        if lowered[at] == "myös" and at > 0 and lowered[at - 1] == "kuin":
            return False  # "kuin myös Kainuussa": as well as
        at -= 1
    if at < 0 or lowered[at] != "kuin":
        return False
    before = lowered[at - 1] if at > 0 else ""
    if before in ("ennen", "jälkeen", "samoin", "sitten", "kauan", "mukaa", "sikäli"):
        return False
    if "niin" in lowered[:at]:  # "niin Lapissa kuin Kainuussa": both
        return False
    return True


def _attribute(clause: _Clause) -> int | None:
    """The index of the participle the locative belongs to as an adverbial, if it is part of a
    participial attribute: the participle follows, after the rest of a list of places and up to
    four modifiers (``vuosina 2016–2018``, ``X:n``), and is followed by the word it describes."""
    words, lowered = clause.words, clause.lowered
    i, modifiers = clause.last + 1, 0
    while i < len(words):
        word, lower = words[i], lowered[i]
        if _is_participle(word):
            following = lowered[i + 1] if i + 1 < len(words) else ""
            if following and following[0].isalnum() and following not in _CONJUNCTIONS:
                return i
            return None
        if (lower in _CONJUNCTIONS or not word[0].isalnum() and word not in "–-"
                or _finite(lower) or modifiers >= 4):
            return None
        modifiers += 1
        i += 1
    return None


_FINITE = re.compile(r"([aeiouyäö])\1$|[td](?:aa|ää)n$|^(?:on|ovat|oli|olivat|ei|eivät|olisi|"
                     r"voi|voidaan|voivat)$")


def _finite(word: str) -> bool:
    """Looks like a finite verb (toimii, kehittää, toteutetaan, on): a locative before it is the
    verb's, not an attribute's."""
    return _FINITE.search(word) is not None


def _attribute_is_claim(clause: _Clause, participle: int, target_section: bool) -> bool:
    """A participial attribute places the work when it describes the target group or the
    participants (``kohderyhmänä ovat Kainuussa toimivat yritykset``), what the work is for
    (``tukee Kainuussa toimivia yrityksiä``), what the plan will do there (``Kainuussa
    järjestettävät koulutukset``) or the project itself (``Kainuussa toteutettava
    hanke``, ``hankkeen Kainuussa järjestämät koulutukset``); not when it describes a partner, a
    funder or earlier work (``yhteistyökumppanina Kainuussa sijaitseva oppilaitos``, ``Kainuussa
    toteutetun hankkeen kokemuksia``)."""
    if _TARGET.search(clause.text):
        return True
    if _other(clause.text):
        return False
    lowered = clause.lowered
    word = lowered[participle]
    if _PAST.search(word) is not None and not word.endswith(("va", "vä", "van", "vän")):
        return False
    following = lowered[participle + 1] if participle + 1 < len(lowered) else ""
    if _NAMED_PROJECT.search(following):
        return False  # "Kainuussa toteutettavan Osaava-hankkeen": another project
    if following in _SELF and _PRESENT.search(word):
        return True  # "Kainuussa toteutettava hanke" (not "X:n Kainuussa rahoittama hanke")
    if _PASSIVE_PRESENT.search(word):
        return True  # "Kainuussa järjestettävät koulutukset": what the plan will do there
    if _OBJECT_CASE.search(word):
        return True  # "tukee Kainuussa toimivia yrityksiä", "…toimiville": what the work is for
    before = lowered[clause.index - 1] if clause.index > 0 else ""
    if _AGENT.search(word) and before in ("hankkeen", "projektin"):
        return True
    # "kerätään myös Lapissa muiden kehittämiä menetelmiä": after a finite verb (not the copula),
    # a place separated from the participle by other words is the verb's
    if participle == clause.last + 1:
        return target_section
    at = clause.first - 1
    while at >= 0 and lowered[at] in _FOCUS:
        at -= 1
    verb = lowered[at] if at >= 0 else ""
    if _finite(verb) and verb not in _COPULA:
        return True
    return target_section


# A present or agent participle in the partitive, illative, allative or inessive describes an
# object, a recipient or the place of the clause's action (the project's, in a description of the
# project): "tukee Kainuussa toimivia", "toimiviin", "toimiville", "toimivissa yrityksissä".
_OBJECT_CASE = re.compile(
    r"(?:v[aä][aä]|vi[aä]|m[aä][aä]|mi[aä]|v[aä][aä]n|viin|m[aä][aä]n|miin|lle|"
    r"v[aä]ss[aä]|viss[aä]|m[aä]ss[aä]|miss[aä])$")

_FOCUS = frozenset("myös jo erityisesti etenkin lisäksi vain ainoastaan pääasiassa varsinkin "
                   "nimenomaan sekä".split())
_COPULA = frozenset("on ovat oli olivat olisi".split())
