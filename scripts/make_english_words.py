"""Write src/sitrep/data/english_words.txt: common words that only English uses often.

    python scripts/make_english_words.py

A word is kept when wordfreq rates it at least ``MIN_ZIPF`` in English and at least ``MARGIN``
zipf (ten times) less frequent in every other language it knows that is written in Latin
letters. Such words ("gunmen", "abducted", "near", "their") are evidence of English that the
language check (sitrep.ingest.language) can read without loading py3langid's model. The list
is the same for the same wordfreq version.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "english_words.txt"
MIN_ZIPF = 3.0
MARGIN = 1.0
TOP = 30_000
# every language of wordfreq written in Latin letters (a word in another script is never
# taken for an English one)
OTHERS = (
    "ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv", "ms",
    "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi",
)


def english_only_words() -> list[str]:
    kept = []
    for word in wordfreq.top_n_list("en", TOP):
        if not re.fullmatch(r"[a-z]+", word):
            continue
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        if all(wordfreq.zipf_frequency(word, other) <= zipf - MARGIN for other in OTHERS):
            kept.append(word)
    return sorted(kept)


def main() -> None:
    words = english_only_words()
    header = (
        f"# Words at least {MIN_ZIPF} zipf in English and {MARGIN} zipf (ten times) rarer in\n"
        "# every other Latin-script language of wordfreq " + version("wordfreq") + ";\n"
        "# written by scripts/make_english_words.py. Frequencies from wordfreq by Robyn Speer\n"
        "# (https://github.com/rspeer/wordfreq), data under CC BY-SA 4.0.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
