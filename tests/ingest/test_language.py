"""Language identification: English is told by its function words, or by words only English uses
often, without loading the model; other languages still go to py3langid and are named."""

from __future__ import annotations

import pytest

from sitrep.ingest.language import _identifier, identify, plainly_english

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


# one wire sentence, few function words: what a cold `sitrep extract` of one story reads
SHORT_WIRE_ENGLISH = (
    "kano, may 2 (reuters) - gunmen abducted eleven travellers near zaria on sunday."
)
SHORT_WIRE_OTHERS = {
    "fr": "kano, 2 mai (reuters) - des hommes armés ont enlevé onze voyageurs près de zaria "
    "dimanche, a déclaré la police.",
    "es": "kano, 2 de mayo (reuters) - hombres armados secuestraron a once viajeros cerca de "
    "zaria el domingo, dijo la policía.",
    "sw": "kano, mei 2 (reuters) - watu wenye silaha waliwateka nyara wasafiri kumi na mmoja "
    "karibu na zaria siku ya jumapili, polisi walisema.",
    "tl": "kano, mayo 2 (reuters) - dinukot ng mga armadong lalaki ang labing-isang "
    "manlalakbay malapit sa zaria noong linggo, ayon sa pulisya.",
    "ha": "kano, 2 ga mayu (reuters) - 'yan bindiga sun sace matafiya goma sha daya kusa da "
    "zaria ranar lahadi, in ji 'yan sanda.",
}


def test_a_one_sentence_english_story_is_known_without_loading_the_model():
    _identifier.cache_clear()
    assert plainly_english(SHORT_WIRE_ENGLISH)
    assert identify(SHORT_WIRE_ENGLISH) == ("en", 1.0)
    assert _identifier.cache_info().currsize == 0


@pytest.mark.parametrize("code", sorted(SHORT_WIRE_OTHERS))
def test_a_one_sentence_story_in_another_language_still_goes_to_the_model(code):
    assert not plainly_english(SHORT_WIRE_OTHERS[code])
    assert identify(SHORT_WIRE_OTHERS[code])[0] == code
