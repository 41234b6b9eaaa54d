"""Reading stories from files, stdin and HTML: clean text, title, chrome and bad input."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import (
    EXIT_BAD_INPUT,
    EXIT_NO_STORY,
    EXIT_UNSUPPORTED_LANGUAGE,
    BadInputError,
    NoStoryError,
    UnsupportedLanguageError,
)
from sitrep.ingest import read_document, read_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TASS = SHARED / "corpus" / "tass-2016-11-16-aleppo.txt"
MUC = SHARED / "dev" / "muc4-dev.jsonl"

STORY = """Home > World > Middle East
Share
We use cookies to improve your experience. By continuing you accept our cookie policy.

Shelling kills six in northern border town

Residents say the bombardment was the heaviest in months

KANDAR, 12 June 2019 (AFP) - Artillery fire hit the market of the border town on Wednesday,
killing six civilians and wounding eleven, a local health official said.

Advertisement

Rescue work

Civil defence teams worked through the night to reach people trapped under rubble.
"""

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Shelling kills six in border town | Frontier Times</title>
<meta property="og:title" content="Shelling kills six in border town">
<meta property="og:site_name" content="Frontier Times">
<meta property="article:published_time" content="2019-06-12T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Shelling kills six in border town</h1>
<p>KANDAR, 12 June 2019 (AFP) - Artillery fire hit the market of the border town on Wednesday,
killing six civilians and wounding eleven, a local health official said.</p>
<h2>Rescue work</h2>
<p>Civil defence teams worked through the night to reach people trapped under the rubble of
two collapsed shops, the official added, and the wounded were taken to the district hospital.</p>
</article>
<footer><p>Copyright 2019 Frontier Times. All rights reserved. Terms of use.</p></footer>
</body></html>
"""

NAV_ONLY_HTML = """<!DOCTYPE html><html><head><title>Frontier Times</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<footer>Copyright 2019</footer></body></html>"""


def test_plain_story_drops_chrome_keeps_title_and_starts_at_dateline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    doc = read_document(str(path))
    assert doc.title == "Shelling kills six in northern border town"
    assert doc.text.startswith("KANDAR, 12 June 2019 (AFP) - Artillery")
    assert doc.text[doc.body_start:].startswith("Artillery fire")
    for chrome in ("Home >", "Share", "cookies", "Advertisement", "Residents say"):
        assert chrome not in doc.text
    assert "Rescue work" in doc.text  # section sub-headings stay in the body
    assert doc.dateline_place == "Kandar" and doc.outlet == "AFP"
    assert doc.published == date(2019, 6, 12) and doc.published_source == "dateline"
    assert doc.language == "en"
    assert doc.id.startswith("doc-") and doc.id == read_document(str(path)).id


def test_tass_story_reads_place_outlet_title_and_given_date() -> None:
    if not TASS.exists():
        pytest.skip(f"shared corpus not found at {TASS}")
    doc = read_document(str(TASS), published=date(2016, 11, 16))
    assert doc.dateline_place == "Moscow"
    assert doc.outlet == "TASS"
    assert doc.published == date(2016, 11, 16) and doc.published_source == "given"
    assert doc.title is not None and doc.title in TASS.read_text(encoding="utf-8")
    assert not doc.text.startswith("All news") and "All news" not in doc.text[:200]
    assert doc.text.startswith("MOSCOW, November 16. /TASS/.")
    assert doc.title not in doc.text  # headline and standfirst sit before the dateline
    assert doc.warnings == []


def test_tass_story_without_a_date_infers_the_year() -> None:
    if not TASS.exists():
        pytest.skip(f"shared corpus not found at {TASS}")
    doc = read_document(str(TASS))
    assert doc.published_source == "inferred"
    assert doc.published is not None and (doc.published.month, doc.published.day) == (11, 16)
    assert any(w.startswith("year inferred") for w in doc.warnings)


def test_html_file_gives_article_text_title_and_page_date(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"  # detected by content, not by extension
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = read_document(str(path))
    assert doc.title == "Shelling kills six in border town"
    assert doc.text.startswith("KANDAR, 12 June 2019 (AFP) -")
    assert "Civil defence teams" in doc.text
    for chrome in ("Sport", "Copyright", "<p>", "All rights reserved"):
        assert chrome not in doc.text
    assert doc.published == date(2019, 6, 12) and doc.published_source == "metadata"
    assert doc.outlet == "AFP"


def test_html_without_an_article_is_no_story(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text(NAV_ONLY_HTML, encoding="utf-8")
    with pytest.raises(NoStoryError) as err:
        read_document(str(path))
    assert err.value.exit_code == EXIT_NO_STORY
    assert "no article" in str(err.value)


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file") as err:
        read_document(str(tmp_path / "nope.txt"))
    assert err.value.exit_code == EXIT_BAD_INPUT


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_or_blank_file_is_bad_input(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(BadInputError, match="empty"):
        read_document(str(path))


def test_binary_file_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(BadInputError, match="binary"):
        read_document(str(path))


def test_oversize_file_is_refused_naming_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (6 * 1024 * 1024 // 5))
    with pytest.raises(BadInputError) as err:
        read_document(str(path))
    assert "6.0 MB" in str(err.value) and "5.0 MB" in str(err.value)
    # the limit is configurable
    doc = read_document(str(path), max_bytes=7 * 1024 * 1024)
    assert len(doc.text) > 5 * 1024 * 1024


def test_latin1_file_is_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    text = ("BOGOTA, 3 March 2020 (AFP) - Police said the café owner and the señora who ran "
            "the bakery were wounded when a grenade exploded near the plaza on Monday.")
    path.write_bytes(text.encode("latin-1"))
    doc = read_document(str(path))
    assert "café" in doc.text and "señora" in doc.text


FRENCH = ("PARIS, 3 mars 2020 - L'armée a bombardé la ville pendant la nuit, tuant dix "
          "personnes et blessant plusieurs civils, selon les autorités locales qui ont "
          "demandé une enquête sur ces attaques.")
SPANISH = ("BOGOTÁ, 3 de marzo de 2020 - El ejército bombardeó la ciudad durante la noche y "
           "murieron diez personas, según informaron las autoridades locales, que pidieron "
           "una investigación sobre los ataques.")


@pytest.mark.parametrize("story", [FRENCH, SPANISH])
def test_story_in_another_language_is_unsupported(story: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as err:
        read_text(story, "foreign")
    assert err.value.exit_code == EXIT_UNSUPPORTED_LANGUAGE
    assert "English" in str(err.value)


def test_upper_case_wire_story_is_english() -> None:
    if not MUC.exists():
        pytest.skip(f"shared MUC-4 dev set not found at {MUC}")
    with MUC.open(encoding="utf-8") as handle:
        record = json.loads(handle.readline())["document"]
    doc = read_text(record["text"], record["id"])
    assert doc.language == "en"
    assert doc.text[doc.body_start:doc.body_start + 1].isupper()
    assert "[TEXT]" not in doc.text[doc.body_start:doc.body_start + 20]


def test_own_upper_case_story_is_english() -> None:
    story = ("SAN MIGUEL, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY REPORTED TODAY THAT A GROUP "
             "OF GUERRILLAS ATTACKED A POLICE POST ON THE OUTSKIRTS OF THE TOWN, KILLING TWO "
             "POLICEMEN AND WOUNDING THREE PEASANTS WHO WERE PASSING BY.")
    doc = read_text(story, "muc-like")
    assert doc.language == "en"
    assert doc.published == date(1990, 2, 4)


def test_stdin_dash_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (b"BEIRUT (Reuters) - Two rockets hit the port area on Friday, wounding three "
            b"workers, a security source said.")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read_document("-", published=date(2019, 5, 3))
    assert doc.outlet == "Reuters" and doc.dateline_place == "Beirut"


def test_headline_without_dateline_is_title_and_body_starts_after_it() -> None:
    story = ("Protest in the capital\n\nThousands of teachers marched to the ministry on "
             "Monday to demand unpaid wages, union leaders said.")
    doc = read_text(story, "t1", published=date(2020, 5, 4))
    assert doc.title == "Protest in the capital"
    assert doc.text == story
    assert doc.text[doc.body_start:].startswith("Thousands of teachers")
    assert "no dateline found" in doc.warnings


def test_html_string_with_only_chrome_lines_is_no_story() -> None:
    with pytest.raises(NoStoryError):
        read_text("All news\nShare\nAdvertisement\n", "chrome")


def test_section_labels_above_the_headline_are_not_the_title() -> None:
    story = ("World\n\nMiddle East\n\nRebels seize hilltop village after three-day battle\n\n"
             "The fighting displaced hundreds of families, aid groups said\n\n"
             "IDLIB, 4 May 2020 (AFP) - Rebel fighters took the village of Kafr Ain on Monday "
             "after three days of fighting with government forces, a monitor said.")
    doc = read_text(story, "labels")
    assert doc.title == "Rebels seize hilltop village after three-day battle"
    assert doc.text.startswith("IDLIB, 4 May 2020 (AFP) -")


def test_short_headline_alone_is_still_the_title() -> None:
    story = ("Kandar clashes\n\nBEIRUT (Reuters) - Fighting broke out in the border town on "
             "Sunday, killing five, a monitoring group said.")
    assert read_text(story, "short").title == "Kandar clashes"


def test_text_that_is_not_utf8_is_read_with_a_warning_naming_the_guess(tmp_path):
    from sitrep.ingest import read_document

    story = (
        "LIMA, May 2 - Police detained the mayor of Piñas, Señor José Núñez, on Sunday, "
        "the prosecutor's office said."
    )
    path = tmp_path / "latin.txt"
    path.write_bytes(story.encode("cp1252"))
    document = read_document(str(path))
    assert "Núñez" in document.text
    assert any("not valid UTF-8" in w and "cp1252" in w for w in document.warnings)
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(story, encoding="utf-8")
    assert not any("UTF-8" in w for w in read_document(str(utf8)).warnings)
