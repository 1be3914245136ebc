"""Thai text as words: one segmentation for what is indexed and for what is searched.

Thai is written without spaces between words, so neither splitting on spaces nor matching
substrings works: "นา" (rice field) is inside "นายก" (mayor). PyThaiNLP's newmm tokenizer cuts
text into dictionary words. Its dictionary also holds compounds as single words ("ท่อระบายน้ำ",
drain pipe; "ผลการดำเนินงาน", results of operations), which would hide the words inside them
("ระบายน้ำ", "ดำเนินงาน"), so each word is cut again into the fewest dictionary words that make
it up, unless that leaves parts of fewer than three characters on average ("นา|ยก"). A word is
always cut the same way wherever it stands, and a query goes through the same function, so
the words of a phrase are found side by side in the same order. The price: a single syllable
typed alone also finds the longer words it is a part of ("คม" in ประชาคม).

A few common words are kept whole (KEEP_WHOLE). Those that are compounds of words keeping their
own meaning (FOUND_BY_PARTS) are still found by their parts: Query.compounds lists, for each
phrase, the words kept whole that hold it (งบประมาณ → ปีงบประมาณ), and the search ranks the
entries holding the phrase itself first.

Stored text keeps every character and marks the cuts with a zero-width space, so snippets are
cut and highlighted on word boundaries without segmenting again.
"""
import functools
import re

SEPARATOR = "\u200b"  # zero-width space, invisible; stripped before display
# Searchable characters: letters and digits of any script plus Thai vowel and tone marks (which
# Python does not count as letters). Not the Thai signs ๆ (repeat) and ฯ (abbreviation).
TERM = re.compile(r"(?:[^\W_\u0e2f\u0e46]|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])+")
_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPACE = re.compile(r"\s+")
# A cut whose parts are shorter than this on average is no cut: "นา|ยก" is not นายก (mayor),
# "ตา|ราง" not ตาราง (timetable), "คอ|นก|รีต" not คอนกรีต (concrete).
PART_MEAN_LENGTH = 3
# Compounds whose parts mean something else, frequent in a municipality's texts: kept whole, so
# that their own search is exact and the parts' search ranks them after the parts themselves.
# Besides the meaning, a word kept whole is one term to look up rather than a phrase whose
# order every matching entry is checked for: these are among the commonest words indexed.
# Compounds of words that keep their meaning, kept whole because they are so common that their
# parts' searches would be swamped by them: found by their parts, after the parts themselves.
FOUND_BY_PARTS = frozenset({
    "ปีงบประมาณ",  # fiscal year, in nearly every document: the budget (งบประมาณ) of a year
    "ท้องตลาด",  # the open market of a price survey: not the municipal market (ตลาด) itself
})
KEEP_WHOLE = FOUND_BY_PARTS | frozenset({
    "เทศบาล",  # municipality: not country (เทศ) and guard (บาล)
    "ประชุม",  # meeting: not dab (ประ) and gather (ชุม)
    "รายงาน",  # report: not work (งาน)
    "รายการ",  # list, item
    "ทุจริต",  # corruption, and
    "สุจริต",  # honesty: not manner (จริต)
    "เอกสาร",  # document: not first (เอก) and substance (สาร)
    "กฎหมาย",  # law: not rule (กฎ) and mark (หมาย)
    "ดำเนิน",  # to carry out: not black (ดำ) and hill (เนิน)
})


@functools.cache
def _dictionary():
    # The dictionary loads on first use (~0.6 s), not when Django starts.
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


@functools.lru_cache(maxsize=50_000)
def _parts(word):
    """A Thai word as the fewest dictionary words that make it up, cut at Thai
    character-cluster boundaries only, each part cut again. The same word is always cut the
    same way, wherever it stands, so index and query agree."""
    return (word,) if word in KEEP_WHOLE else _cut(word)


def _cut(word):
    if len(word) < 2 * PART_MEAN_LENGTH or not _THAI_WORD.fullmatch(word):
        return (word,)
    from pythainlp.tokenize.tcc_p import tcc_pos

    boundaries = tcc_pos(word) | {0}
    dictionary = _dictionary()
    end = len(word)
    best = {end: ()}  # position → best cut of word[position:]
    for start in range(end - 1, -1, -1):
        if start not in boundaries:
            continue
        for part in dictionary.prefixes(word, start):
            stop = start + len(part)
            if stop not in best or (start, stop) == (0, end):
                continue
            candidate = (part, *best[stop])
            # Fewest parts; between equals, the one whose shortest part is longest.
            if start not in best or _cut_order(candidate) < _cut_order(best[start]):
                best[start] = candidate
    if 0 not in best or end / len(best[0]) < PART_MEAN_LENGTH:
        return (word,)
    return tuple(piece for part in best[0] for piece in _parts(part))


def _cut_order(parts):
    return len(parts), -min(len(part) for part in parts)


@functools.cache
def _kept_whole_parts():
    return {whole: _cut(whole) for whole in FOUND_BY_PARTS}


@functools.lru_cache(maxsize=10_000)
def compounds_holding(phrase):
    """The words kept whole and found by their parts whose parts hold PHRASE (a tuple of terms)
    side by side, shorter than the whole: ("งบ", "ประมาณ") → ("ปีงบประมาณ",)."""
    size = len(phrase)
    return tuple(sorted(whole for whole, parts in _kept_whole_parts().items() if len(parts) > size and any(
        parts[start:start + size] == phrase for start in range(len(parts) - size + 1))))


@functools.lru_cache(maxsize=100_000)
def _split_run(run):
    # newmm cuts at spaces anyway, so a text is cut run by run; repeated runs are common
    # (names, places, "(ตัวอย่าง)") and the cache spares the tokenizer.
    from pythainlp.tokenize import word_tokenize

    return tuple(part for token in word_tokenize(run, engine="newmm") for part in _parts(token))


def split(text):
    """The text as a list of pieces (words, spaces, punctuation) that join back into it."""
    pieces = []
    for run in _SPACE.split(text):
        if pieces:
            pieces.append(" ")
        if run:
            pieces.extend(_split_run(run))
    return pieces


@functools.lru_cache(maxsize=100_000)
def terms_of(piece):
    """The searchable forms of one piece: lower case, Thai digits as Arabic ones. Cached: the
    same words recur in every text, and highlighting a results page asks for each of them."""
    return tuple(TERM.findall(piece.translate(_THAI_DIGITS).lower()))


def segment(text):
    """The text with SEPARATOR at every cut (spaces collapsed), as the index stores it."""
    return SEPARATOR.join(split(text.replace(SEPARATOR, "")))


def terms(segmented):
    """The words of stored text, space-separated with a space at each end, so that a phrase
    matches as a plain substring on word boundaries (the SQLite fallback relies on it)."""
    words = [term for piece in segmented.split(SEPARATOR) for term in terms_of(piece)]
    return f" {' '.join(words)} " if words else ""


def plain(segmented):
    return segmented.replace(SEPARATOR, "")


class Query:
    """What a person typed. Words they ran together form a phrase, found only with its words
    side by side in that order; phrases they separated by spaces may occur anywhere."""

    def __init__(self, text):
        self.text = text
        self.phrases = [phrase for phrase in (
            [term for piece in split(chunk) for term in terms_of(piece)] for chunk in text.split()
        ) if phrase]

    def __bool__(self):
        return bool(self.phrases)

    @property
    def words(self):
        return [word for phrase in self.phrases for word in phrase]

    def compounds(self, every_word=False):
        """For each phrase (each word, with every_word), the words kept whole that hold it."""
        phrases = [[word] for word in self.words] if every_word else self.phrases
        return [compounds_holding(tuple(phrase)) for phrase in phrases]
