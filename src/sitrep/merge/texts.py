"""What merging reads in the stories themselves: the words they use, the sentence of a report.

Labels and places do not always tell two incidents apart. One outlet's two stories of a day
about one town, or two protests in one city, need the words of the stories: the victims'
name in the other story, or the crowd and its cause in the sentence that tells it.
"""

from __future__ import annotations

from collections.abc import Callable

from wordfreq import zipf_frequency

from sitrep.extract.marks import CALENDAR_WORDS, mark_key, raw_words, words_used
from sitrep.merge.rules import Report
from sitrep.store.store import Store

# document ids -> their texts
StoryTexts = Callable[[set[str]], dict[str, str]]

# words every protest report uses, whoever marched and for what
_PROTEST_WORDS = {
    "protest", "protests", "protested", "protesting", "protesters", "protestors",
    "demonstrated", "demonstration", "demonstrations", "demonstrators", "rally", "rallied",
    "march", "marched", "gathered", "staged", "held", "demanding", "demanded", "against",
    "people", "group", "members", "residents", "citizens", "city", "town", "district",
    "province", "village", "coronavirus", "lockdown", "pandemic", "amid", "amidst", "reported",
    "front", "outside", "office", "about", "around", "nearly", "several", "dozens", "hundreds",
    *CALENDAR_WORDS,
}
# Zipf frequency under which a word can say who marched or why ("pension", "liquor")
CONTENT_ZIPF = 4.8
# a protest told twice shares at least this many such words (the crowd, the cause)
SHARED_CAUSE_WORDS = 2


def store_texts(store: Store) -> StoryTexts:
    """Read the texts of the documents asked about, a few hundred at a time, each once per
    merge (several ties may ask for the same story)."""
    read: dict[str, str] = {}

    def texts(documents: set[str]) -> dict[str, str]:
        ids = sorted(documents - read.keys())
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            read.update(store.db.query(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk))
        return {doc: read[doc] for doc in documents if doc in read}

    return texts


def words_in(texts: StoryTexts, words: set[str], documents: set[str]
             ) -> dict[str, frozenset[str]]:
    """For each document, which of the folded ``words`` its text uses."""
    if not words or not documents:
        return {}
    return {doc: hits for doc, text in texts(documents).items()
            if (hits := words_used(text, words))}


def same_victims(reports: list[Report], pairs: list[tuple[int, int]],
                 texts: StoryTexts | None, common: frozenset[str]) -> set[tuple[int, int]]:
    """Pairs whose reports name the same victims: one's words for them ("the Jesuits") are in
    the other's label or, where texts can be read, in the other's story; ``common`` marks
    name nobody in particular."""
    marks = {m for i, j in pairs for m in (reports[i].marks | reports[j].marks) - common}
    docs = {reports[k].document_id for pair in pairs for k in pair}
    used = words_in(texts, marks, docs) if texts is not None else {}
    same = set()
    for i, j in pairs:
        a, b = reports[i], reports[j]
        if (a.marks & b.marks or (a.marks - common) & used.get(b.document_id, frozenset())
                or (b.marks - common) & used.get(a.document_id, frozenset())):
            same.add((i, j))
    return same


def same_cause(reports: list[Report], pairs: list[tuple[int, int]],
               texts: StoryTexts | None) -> set[tuple[int, int]]:
    """Pairs of protests whose sentences share words for the crowd or its cause ("journalists
    ... the arrest of the editor" twice), not only the city and the day. Without texts every
    pair stands."""
    if texts is None:
        return set(pairs)
    read = texts({reports[k].document_id for pair in pairs for k in pair})
    words: dict[int, frozenset[str]] = {}
    for k in {k for pair in pairs for k in pair}:
        words[k] = sentence_words(read.get(reports[k].document_id, ""), reports[k])
    return {(i, j) for i, j in pairs if len(words[i] & words[j]) >= SHARED_CAUSE_WORDS}


def sentence_words(text: str, report: Report) -> frozenset[str]:
    """Folded content words of the sentence that tells the report, less its place's names."""
    if not text or report.trigger_at < 0:
        return frozenset()
    sentence = sentence_around(text, report.trigger_at)
    place = {mark_key(w) for name in (report.town, report.district, report.admin1)
             for w in raw_words(name)}
    return frozenset(
        key for word in raw_words(sentence)
        if len(word) > 3 and word not in _PROTEST_WORDS
        and zipf_frequency(word, "en") < CONTENT_ZIPF and (key := mark_key(word)) not in place)


def sentence_around(text: str, at: int) -> str:
    """The sentence (or paragraph) of ``text`` that holds offset ``at``."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n\n", 0, at), -1) + 1
    end = text.find(". ", at)
    return text[start:len(text) if end < 0 else end + 1]
