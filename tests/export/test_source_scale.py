"""ACLED's source_scale from where each outlet is based."""

from __future__ import annotations

from sitrep.export.source_scale import scale_of, source_scale


def test_a_national_outlet_is_national_at_home_and_international_abroad() -> None:
    assert scale_of("TASS", "RU") == "National"
    assert scale_of("TASS", "SY") == "International"


def test_world_and_regional_agencies_keep_their_scale_everywhere() -> None:
    assert scale_of("AFP", "SV") == "International"
    assert scale_of("ACAN - EFE", "GT") == "Regional"  # folded like the stored name


def test_a_domestic_service_reports_its_own_country() -> None:
    assert scale_of("San Salvador Domestic Service", "SV") == "National"


def test_several_sources_join_in_acleds_order_and_unknown_ones_add_nothing() -> None:
    assert source_scale(["AFP", "Radio Venceremos", "Some Weekly"], "SV") == (
        "National-International")
    assert source_scale(["Some Weekly"], "SV") == ""
