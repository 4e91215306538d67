"""Words compared by how they sound, across scripts: a Devanagari word against the Hinglish
words of the glossary and against English words that Hindi writers borrow.

A need written in Devanagari spells the English words of the trade as they sound (ऐप, ईमेल,
एक्सेल, वेबसाइट, रजिस्टर), and the Hindi words the glossary lists in Latin letters only
("jankari") come in Devanagari too (जानकारी). Both are found through a consonant skeleton:
the word's consonants, each reduced to a class (aspirated and unaspirated alike, retroflex and
dental alike, श ष स alike), vowels, ह and य left out, a repeated class kept once. The same
skeleton is read off a Latin spelling, by Hinglish rules (``ch`` is च, ``z`` is ज) for the
glossary's Hindi words and by English rules (``c`` before e/i is स, ``x`` is क्स, ``tion`` is
शन) for English words:

    एक्सेल -> ksl <- excel;  रजिस्टर -> rjstr <- register;  जानकारी -> jnkri <- jankari

A borrowed word must also end as the English word sounds: in a consonant (a silent e aside;
a plural ending ों or ें allowed), or in the vowel of a final y, o or a
(``devanagari_ending``, ``english_ending``). So भेजते ("they send", ending in े) is not
"budget", though its consonants are.

Short skeletons say too little (ऐप and "up", मेल and "mil"), so only those of at least
MIN_CONSONANTS consonants are compared; shorter words need their own glossary entry. Between
Devanagari and Hinglish, which spell the same vowels, the key keeps the vowels i, u, e and o as
well, and य ("hinglish_key": शिकायत -> "sikyt", but सकते -> "skte"), since consonants alone
join too many everyday words; "a" is left out, as Hinglish writes both अ and आ with it.

Letters spelt out are read as the English letters they name (``acronym``): टीबी is "tb",
एसएचजी "shg", आईडी "id".

``fold`` evens out Devanagari spellings of one word before any look-up: the nukta is dropped
(ऑफ़लाइन and ऑफलाइन, ज़्यादा and ज्यादा) and chandrabindu written as anusvara (गाँव, गांव).
"""

import re
import unicodedata

MIN_CONSONANTS = 3
NUKTA = "\u093c"
CHANDRABINDU, ANUSVARA = "\u0901", "\u0902"
_FOLDED = re.compile("[\u093c\u0901\u094d\u0958-\u095f\u200c\u200d]")

_DEVANAGARI_CLASS = {
    **dict.fromkeys("कख", "k"),
    **dict.fromkeys("गघ", "g"),
    **dict.fromkeys("चछ", "c"),
    **dict.fromkeys("जझ", "j"),
    **dict.fromkeys("टठतथ", "t"),
    **dict.fromkeys("डढदध", "d"),
    **dict.fromkeys("ङञणन", "n"),
    "प": "p",
    "फ": "f",
    **dict.fromkeys("बभ", "b"),
    "म": "m",
    "र": "r",
    "ल": "l",
    "व": "v",
    **dict.fromkeys("शषस", "s"),
}
LABIALS = frozenset("pfbm")
_DEVANAGARI_VOWEL = {
    **dict.fromkeys("इईिी", "i"),
    **dict.fromkeys("उऊुू", "u"),
    **dict.fromkeys("एऐेैॅ", "e"),
    **dict.fromkeys("ओऔोौॉऑ", "o"),
}
# Hinglish vowels as the Devanagari ones above (a left out): longest spellings first.
_HINGLISH_VOWELS = (("ee", "i"), ("oo", "u"), ("ai", "e"), ("au", "o"))

# Latin spellings, rewritten in order before vowels, h and y are dropped.
_HINGLISH = (("ph", "f"), ("w", "v"), ("z", "j"), ("q", "k"), ("x", "ks"))
_ENGLISH = (
    (r"tion", "sn"),
    (r"sion", "sn"),
    (r"ph", "f"),
    (r"sch", "sk"),
    (r"ch", "ç"),  # च, and kept apart from the c that is स before e, i, y below
    (r"ck", "k"),
    (r"qu", "kv"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"dg(?=[eiy])", "j"),
    (r"g(?=[eiy])", "j"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"ç", "c"),
    (r"(?<=[aeo])w", ""),  # follow, draw, new: a vowel
    (r"w", "v"),
    (r"z", "j"),
)


# A nasal consonant with virama before a stop of any class, written as anusvara: हिन्दी as
# हिंदी, सम्पर्क as संपर्क (न्न, म्म, न्य and the like keep their letters).
_HALF_NASAL = re.compile("[ङञणनम]\u094d(?=[कखगघचछजझटठडढतथदधपफबभ])")
_JOINERS = re.compile("[\u200c\u200d]")


def fold(word: str) -> str:
    """The word with the nukta dropped, chandrabindu and a half nasal before a stop as
    anusvara, and zero-width joiners left out (Devanagari only)."""
    if not _FOLDED.search(word):
        return word
    decomposed = unicodedata.normalize("NFD", _JOINERS.sub("", word)).replace(NUKTA, "")
    folded = unicodedata.normalize("NFC", decomposed.replace(CHANDRABINDU, ANUSVARA))
    return _HALF_NASAL.sub(ANUSVARA, folded)


# Hinglish spellings of one Hindi sound, rewritten in order ("chch" as "ch", "ph" as "f"…):
# aspiration and doubled letters dropped.
_SPELLING_TEXT = "chch>ch cch>ch chh>ch ph>f sh>s w>v z>j q>k ee>i oo>u ein>en au>o"
_SPELLINGS = tuple(tuple(pair.split(">")) for pair in _SPELLING_TEXT.split())
_ASPIRATION = re.compile(r"(?<=[bdgjkprt])h")
_DOUBLED = re.compile(r"(.)\1+")


def hinglish_spelling(word: str) -> str:
    """A Latin-letter Hindi word with its spelling evened out: "jaankaari" -> "jankari",
    "bachche" -> "bache", "khaana" -> "kana"."""
    word = word.lower()
    for spelt, sound in _SPELLINGS:
        word = word.replace(spelt, sound)
    return _DOUBLED.sub(r"\1", _ASPIRATION.sub("", word))


def _squeeze(classes: list[str]) -> str:
    return "".join(c for i, c in enumerate(classes) if i == 0 or c != classes[i - 1])


def devanagari_skeleton(word: str, vowels: bool = False) -> str:
    """The consonant classes of a Devanagari word: "रजिस्टर" -> "rjstr"; with ``vowels``,
    its vowels i, u, e, o and its य too: "जानकारी" -> "jnkri"."""
    classes: list[str] = []
    letters = fold(word)
    for i, letter in enumerate(letters):
        if letter == ANUSVARA:
            following = next((_DEVANAGARI_CLASS.get(c) for c in letters[i + 1 : i + 2]), None)
            classes.append("m" if following in LABIALS else "n")
        elif letter in _DEVANAGARI_CLASS:
            classes.append(_DEVANAGARI_CLASS[letter])
        elif vowels and letter in _DEVANAGARI_VOWEL:
            classes.append(_DEVANAGARI_VOWEL[letter])
        elif vowels and letter == "य":
            classes.append("y")
    return _squeeze(classes)


PLURAL_ENDINGS = ("ों", "ें", "ओं", "एं")


def singular(word: str) -> str:
    """The word without a plural ending: "वेबसाइटें" -> "वेबसाइट"."""
    word = fold(word)
    for plural in PLURAL_ENDINGS:
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)]
    return word


def devanagari_ending(word: str) -> str:
    """How the word ends: "" after a consonant (or in a plural ों, ें), else its last vowel
    ("a" for ा)."""
    word = fold(word)
    if word.endswith(PLURAL_ENDINGS):
        return ""
    last = word.rstrip(ANUSVARA)[-1:]
    return "a" if last == "ा" else _DEVANAGARI_VOWEL.get(last, "")


def english_ending(word: str) -> str:
    """How an English word ends as Hindi writes it: "" after a consonant or a silent e, "i"
    for a final y or ee ("salary", "employee"), else its last vowel."""
    word = word.lower()
    if word.endswith(("y", "i", "ee")):
        return "i"
    return word[-1] if word[-1:] in ("o", "a") else ""


def consonants(key: str) -> int:
    """How many consonant classes a key has (its vowels and ending left out)."""
    return sum(c not in "iueo" for c in key.split("/")[0])


def _latin_skeleton(word: str, rules, dropped: str = "aeiouyh") -> str:
    for pattern, replacement in rules:
        word = re.sub(pattern, replacement, word)
    return _squeeze([c for c in word if c.isalpha() and c not in dropped])


def hinglish_key(word: str) -> str:
    """The consonant classes and the vowels i, u, e, o of Hindi in Latin letters, to compare
    with ``devanagari_skeleton(word, vowels=True)``: "jaankaari" -> "jnkri"."""
    rules = [(re.escape(a), b) for a, b in (*_HINGLISH_VOWELS, *_HINGLISH)]
    return _latin_skeleton(word.lower(), rules, dropped="ah")


_VOICED_S = re.compile(r"(?<=[aeiou])s(?=[aeiouy])")


def voiced_s(word: str) -> str:
    """The English word with an s between vowels written z, as it is often said: "visit" ->
    "vizit", "user" -> "uzer"."""
    return _VOICED_S.sub("z", word.lower())


def english_skeleton(word: str) -> str:
    """The consonant classes of an English word as a Hindi writer hears it: "excel" -> "ksl"."""
    return _latin_skeleton(word.lower(), _ENGLISH)


# The English letters as Hindi writers spell them (after `fold`: no nukta).
LETTER_NAMES = {
    "ए": "a",
    "बी": "b",
    "सी": "c",
    "डी": "d",
    "ई": "e",
    "एफ": "f",
    "जी": "g",
    "एच": "h",
    "आई": "i",
    "जे": "j",
    "के": "k",
    "एल": "l",
    "एम": "m",
    "एन": "n",
    "ओ": "o",
    "पी": "p",
    "क्यू": "q",
    "आर": "r",
    "एस": "s",
    "टी": "t",
    "यू": "u",
    "वी": "v",
    "डब्ल्यू": "w",
    "डब्लू": "w",
    "एक्स": "x",
    "वाई": "y",
    "जेड": "z",
}
_LETTER = re.compile("|".join(sorted(LETTER_NAMES, key=len, reverse=True)))


def acronym(word: str) -> str | None:
    """The English letters a Devanagari word spells out, if it is nothing but two or more
    letter names: "टीबी" -> "tb", "एसएमएस" -> "sms"; else None."""
    word = fold(word)
    letters = []
    position = 0
    while position < len(word):
        name = _LETTER.match(word, position)
        if name is None:
            return None
        letters.append(LETTER_NAMES[name[0]])
        position = name.end()
    return "".join(letters) if len(letters) >= 2 else None
