"""Titles and snippets with the words found marked, cut on word boundaries, HTML-escaped."""
# The standard library's escape is what Django's escape() calls, without the lazy-string
# check around it: a page of results escapes hundreds of runs.
from html import escape

from django.utils.safestring import mark_safe

from kpp_portal.words import SEPARATOR, TERM, terms_of

ELLIPSIS = "…"


def _found(pieces, query, every_word):
    """Indexes of the pieces that make up an occurrence of a phrase of the query, or with
    every_word, of the pieces holding any word of the query."""
    flat = [(term, index) for index, piece in enumerate(pieces) for term in terms_of(piece)]
    if every_word:
        words = set(query.words)
        return {index for term, index in flat if term in words}
    sequence = [term for term, _index in flat]
    found = set()
    for phrase in query.phrases:
        for start in range(len(sequence) - len(phrase) + 1):
            if sequence[start:start + len(phrase)] == phrase:
                found.update(flat[position][1] for position in range(start, start + len(phrase)))
    return found


def _window(pieces, found, limit):
    """(start, stop) of at most LIMIT characters of pieces, the first word found a quarter in."""
    first = min(found) if found else 0
    start, length = first, 0
    while start > 0 and length + len(pieces[start - 1]) <= limit // 4:
        start -= 1
        length += len(pieces[start])
    stop, length = start, 0
    while stop < len(pieces) and (stop <= first or length + len(pieces[stop]) <= limit):
        length += len(pieces[stop])
        stop += 1
    return start, stop


def _segments(pieces, found):
    """(text, marked) runs: a found piece is marked from its first letter to its last, so
    "(Work" marks "Work" only; neighbouring marks join into one. The pieces between finds are
    joined whole: most of a text is not found."""
    runs = []

    def add(text, marked):
        if not text:
            return
        if runs and runs[-1][1] == marked:
            runs[-1][0] += text
        else:
            runs.append([text, marked])

    unmarked_from = 0
    for index in sorted(found):
        letters = list(TERM.finditer(pieces[index])) if 0 <= index < len(pieces) else []
        if not letters:
            continue
        piece, start, end = pieces[index], letters[0].start(), letters[-1].end()
        add("".join(pieces[unmarked_from:index]) + piece[:start], False)
        add(piece[start:end], True)
        add(piece[end:], False)
        unmarked_from = index + 1
    add("".join(pieces[unmarked_from:]), False)
    return runs


def highlight(segmented, query, every_word=False, limit=None):
    """Stored text (words cut by SEPARATOR) as HTML: what the query found in <mark>, at most
    LIMIT characters around the first find when LIMIT is given."""
    pieces = segmented.split(SEPARATOR)
    found = _found(pieces, query, every_word)
    start, stop = _window(pieces, found, limit) if limit else (0, len(pieces))
    html = [ELLIPSIS] if start > 0 else []
    for text, marked in _segments(pieces[start:stop], {index - start for index in found}):
        html.append(f"<mark>{escape(text)}</mark>" if marked else escape(text))
    if stop < len(pieces):
        html.append(ELLIPSIS)
    return mark_safe("".join(html))


PAGE_PIECE = f"{SEPARATOR}\f{SEPARATOR}"  # between the pages of a file's text (search.reading.stored)


def inside(stored, query, every_word=False, limit=None):
    """(page number, HTML snippet) of the first page of a file's text where the query is found,
    or None. Pages are tried only when they hold the query's letters: a long file costs a
    substring test per page, not a word-by-word walk."""
    needles = [word for word in query.words if not any(c.isdigit() for c in word)] if not every_word else []
    for number, page in enumerate(stored.split(PAGE_PIECE), 1):
        lowered = page.lower()
        if any(needle not in lowered for needle in needles):
            continue
        if _found(page.split(SEPARATOR), query, every_word):
            return number, highlight(page.replace("\n", " "), query, every_word, limit)
    return None
