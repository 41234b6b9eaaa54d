"""Write src/sitrep/data/casing.tsv: how mixed-case news writes each word, for the truecaser.

    python scripts/make_casing.py [--dev ../shared/dev]

Counts, over the ``text`` of the ACLED 2020 and 2022 dev sets (mixed-case summaries; never
MUC-4, which is what the all-caps figures are scored on), how each run of letters is written
away from the start of a sentence: lower, Capitalized, UPPER or another mix ("McAllen"). A word
seen at least ``MIN_COUNT`` times is written in its most frequent form when that form has at
least ``MIN_SHARE`` of its uses. Lower-case words are kept only when the English word list
(data/english_words.txt) lacks them, because the truecaser already reads that list as lower
case; so the file holds the names and acronyms news capitalises, plus the common words the
English list misses ("guerrillas", "militants"). sitrep.extract.truecase reads it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sitrep" / "data" / "casing.tsv"
ENGLISH = ROOT / "src" / "sitrep" / "data" / "english_words.txt"
SOURCES = ("acled-2020-dev.jsonl", "acled-2022-dev.jsonl")
MIN_COUNT = 3
MIN_SHARE = 0.6
WORD = re.compile(r"[^\W\d_]+")
# a word right after these (or at the start of the text) opens a sentence: its capital says
# nothing about the word
SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“(\[]|--)\s*$")


def english_words() -> set[str]:
    lines = ENGLISH.read_text(encoding="utf-8").splitlines()
    return {w for w in lines if w and not w.startswith("#")}


def count_forms(texts) -> dict[str, Counter]:
    """Each lower-cased word -> Counter of the forms it is written in mid-sentence."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for match in WORD.finditer(text):
            if SENTENCE_END.search(text[max(0, match.start() - 4):match.start()]):
                continue
            word = match.group()
            forms[word.lower()][word] += 1
    return forms


def kept_forms(forms: dict[str, Counter], english: set[str]) -> list[tuple[str, int, int]]:
    kept = []
    for low, counter in forms.items():
        total = sum(counter.values())
        form, n = counter.most_common(1)[0]
        if total < MIN_COUNT or n < MIN_SHARE * total or len(form) != len(low):
            continue
        if form == low and low in english:
            continue
        kept.append((form, n, total))
    return sorted(kept, key=lambda row: row[0].lower())


def read_texts(path: Path):
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["document"]["text"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev")
    args = parser.parse_args()
    paths = [args.dev / name for name in SOURCES]
    forms = count_forms(text for path in paths for text in read_texts(path))
    rows = kept_forms(forms, english_words())
    header = [
        "# How mixed-case news writes each word away from a sentence start: form, times seen",
        "# in that form, times seen. Written by scripts/make_casing.py "
        f"(MIN_COUNT={MIN_COUNT}, MIN_SHARE={MIN_SHARE}) from the `text` of:",
        *(f"#   {p.name} sha256 {hashlib.sha256(p.read_bytes()).hexdigest()}" for p in paths),
        "# Lower-case words in data/english_words.txt are left out (the truecaser reads that",
        "# list as lower case). ACLED data: ACLED's terms of use; these are word counts only.",
    ]
    body = [f"{form}\t{n}\t{total}" for form, n, total in rows]
    OUT.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    shapes = Counter("lower" if f.islower() else "UPPER" if f.isupper() else
                     "Capitalized" if f[0].isupper() and f[1:].islower() else "mixed"
                     for f, _, _ in rows)
    print(f"{OUT}: {len(rows)} words {dict(shapes)}")


if __name__ == "__main__":
    main()
