"""Language identification: English is told by its function words without loading the model;
other languages still go to py3langid and are named."""

from __future__ import annotations

import pytest

from sitrep.ingest.language import identify, plainly_english

ENGLISH = (
    "the governor said that gunmen who had been hiding in the hills attacked the convoy "
    "after dark, and that their leaders would be tried by a military court."
)
OTHERS = {
    "fr": "le gouverneur a déclaré que des hommes armés avaient attaqué le convoi à la tombée "
    "de la nuit et que leurs chefs seraient jugés par un tribunal militaire.",
    "es": "el gobernador dijo que hombres armados atacaron el convoy al anochecer y que sus "
    "jefes serán juzgados por un tribunal militar en la capital del país.",
    "de": "der gouverneur sagte, dass bewaffnete männer den konvoi bei einbruch der dunkelheit "
    "angegriffen hatten und dass ihre anführer vor ein militärgericht kommen.",
    "nl": "de gouverneur zei dat gewapende mannen het konvooi bij het vallen van de avond "
    "hadden aangevallen en dat hun leiders voor een militaire rechtbank komen.",
}


def test_plain_english_is_known_without_the_model():
    assert plainly_english(ENGLISH)
    assert identify(ENGLISH) == ("en", 1.0)


def test_a_short_or_name_heavy_summary_still_asks_the_model():
    summary = "on 3 may, imbonerakure members beat a cnl member in ruramba, mubimbi."
    assert not plainly_english(summary)


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_are_not_taken_for_english(code):
    assert not plainly_english(OTHERS[code])
    assert identify(OTHERS[code])[0] == code
