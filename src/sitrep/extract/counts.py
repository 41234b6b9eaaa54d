"""Counts of people as ranges: tolls (killed, injured) and crowd sizes.

A count is a (min, max) range, max None meaning open-ended (event-record.md): "dozens" is
24..None, "at least 10" 10..None, "up to 30" 0..30. Tolls are found by surface patterns around
a small lexicon (data/casualties.json, data/numbers.json), matched case-insensitively since
MUC-4 is upper case. Before matching, numbers that are not counts (dates, years, ages, times,
identifiers such as "block 17") are masked with '#' so offsets stay aligned with the text.

Where the pipeline's spaCy parse is at hand it settles what the surface patterns cannot: whether
"a"/"an" counts a victim ("a soldier was killed") or a speaker ("..., a spokesman said"), who
claims each toll (two sides' tolls of one incident are a range, not a sum), and whether a number
is a toll or a crowd ("shot dead 12 people during a demonstration" has no crowd size).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from sitrep.extract.count_parse import CountParse, count_data, one_of
from sitrep.types import Quantity

Range = tuple[int | None, int | None]


@lru_cache(maxsize=1)
def _num_re() -> str:
    """Regex source for a count phrase: optional modifier, then vague word, range or number."""
    n = count_data("numbers.json")
    words = [w for w in [*n["units"], *n["multipliers"]] if w not in ("no", "a", "an")]
    word = rf"(?:{one_of(words)})"
    mult = one_of(list(n["multipliers"]))
    wordnum = rf"(?:(?:a|an)\s+(?:{mult})|{word}(?:(?:\s+|-)(?:and\s+)?{word})*)"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
    single = rf"(?:{digits}|{wordnum})"
    rng = rf"(?:between\s+{single}\s*(?:-|–|to|and)\s*{single}|{single}\s*(?:-|–|to|or)\s*{single})"
    mods = [*n["at_least"], *n["more_than"], *n["up_to"], *n["less_than"], *n["about"]]
    return (
        rf"(?<![\w#.,])(?:(?:{one_of(mods)})\s+)?"
        rf"(?:(?:{one_of(list(n['vague']))})(?:\s+of)?|{rng}|{single}|an?|him|her)(?![\w#])"
    )


# no toll, injury count or crowd comes near a billion; a larger "count" is an ID or a typo,
# and would not fit the store's 64-bit integers anyway
MAX_COUNT = 10**9


def _to_int(phrase: str) -> int | None:
    n = count_data("numbers.json")
    phrase = phrase.strip().lower()
    digits = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(\w+))?", phrase)
    if digits:
        number = digits.group(1).replace(",", "")
        if len(number.split(".")[0]) > len(str(MAX_COUNT)):  # a serial number, not a toll
            return None
        value = float(number) * n["multipliers"].get(digits.group(2) or "", 1)
        return int(round(value)) if value <= MAX_COUNT else None
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", phrase):
        if token in ("and", ""):
            continue
        if token in ("a", "an", "him", "her"):
            current, seen = current + 1, True
        elif token in n["units"]:
            current, seen = current + n["units"][token], True
        elif token in ("hundred", "dozen"):
            current, seen = max(current, 1) * n["multipliers"][token], True
        elif token in n["multipliers"]:
            total, current, seen = total + max(current, 1) * n["multipliers"][token], 0, True
        else:
            return None
    return total + current if seen and total + current <= MAX_COUNT else None


def parse_count(phrase: str) -> Range | None:
    """A count phrase as (min, max): "more than 1,500" -> (1501, None), "1-2" -> (1, 2)."""
    n = count_data("numbers.json")
    p = re.sub(r"\s+", " ", phrase.strip().lower()).removesuffix(" of")
    mode = None
    for kind in ("at_least", "more_than", "up_to", "less_than", "about"):
        for mod in sorted(n[kind], key=len, reverse=True):
            if p.startswith(mod + " "):
                mode, p = kind, p[len(mod) + 1 :]
                break
        if mode:
            break
    if p in n["vague"]:
        lo, hi = n["vague"][p]
    else:
        value = _to_int(p)
        m = re.fullmatch(r"(?:between )?(.+?)\s*(?:-|–| to | or | and )\s*(.+)", p)
        pair = (_to_int(m.group(1)), _to_int(m.group(2))) if m and value is None else (None, None)
        if value is not None:
            lo = hi = value
        elif pair[0] is not None and pair[1] is not None:
            lo, hi = pair
        else:
            return None
    if mode == "at_least":
        return lo, None
    if mode == "more_than":
        return (lo + 1 if lo is not None else None), None
    if mode == "up_to":
        return 0, hi
    if mode == "less_than":
        return 0, (hi - 1 if hi else hi)
    return lo, hi


@lru_cache(maxsize=1)
def _mask_res() -> list[re.Pattern[str]]:
    c = count_data("casualties.json")
    months = one_of(list(count_data("time_words.json")["months"]))
    return [
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}})?\s+(?:of\s+)?"
            rf"(?:{months})\b\.?(?:,?\s*\d{{2,4}})?",
            re.I,
        ),
        re.compile(rf"\b(?:{months})\.?\s+\d{{1,2}}(?!\d)(?:,?\s*\d{{4}})?", re.I),
        re.compile(r"(?<![\d,])(?:19|20)\d\d(?![\d,])"),
        re.compile(r"\b\d{1,2}[:.h]\d\d\b"),
        re.compile(rf"\b(?:{one_of(c['identifier_before'])})\s+(?P<n>\d[\d,]*)\b", re.I),
        re.compile(rf"(?P<n>\b\d[\d,.]*)(?:\s*|-)(?:{one_of(c['unit_after'])})(?![\w])", re.I),
        re.compile(r"\b[A-Z]{1,4}-?\d+\b"),
        re.compile(r"\([^()]{0,80}\)"),
    ]


def _masked(text: str) -> str:
    """``text`` with non-count numbers replaced by '#', same length."""
    chars = list(text)
    for pattern in _mask_res():
        for m in pattern.finditer(text):
            s, e = (m.start("n"), m.end("n")) if "n" in pattern.groupindex else m.span()
            fill = " " if text[s] == "(" else "#"  # an aside: "5 civilians (2 men, ...) were"
            chars[s:e] = fill * (e - s)
    return "".join(chars)


@lru_cache(maxsize=1)
def _toll_res() -> dict[str, re.Pattern[str]]:
    c = count_data("casualties.json")
    q = rf"(?P<q>{_num_re()})"
    aux = rf"(?:(?:{one_of(c['passive_aux'])})\s+){{0,3}}(?:(?:{one_of(c['passive_manner'])})\s+)?"
    stop = "and|or|but|while|when|after|before|as|were|was|by|which|who|whom|whose|that|where"
    np = rf"(?P<np>(?:\s+(?!(?:{stop})\b)[\w'()/#-]+){{0,6}}?)"
    out = {}
    for kind, verbs in (("kill", "kill"), ("injure", "injure")):
        other = "injure" if kind == "kill" else "kill"
        also = rf"(?:\s+(?:and|or)\s+(?P<both>{one_of(c[other + '_active'])}))?"
        out[kind + "_active"] = re.compile(
            rf"\b(?P<v>{one_of(c[verbs + '_active'])}){also}\s+{q}", re.I
        )
        also_p = rf"(?:\s+(?:and|or)\s+(?P<both>{one_of(c[other + '_passive'])}))?"
        out[kind + "_passive"] = re.compile(
            rf"{q}{np}\s+{aux}(?P<v>{one_of(c[verbs + '_passive'])}){also_p}\b", re.I
        )
        out[kind + "_nominal"] = re.compile(
            rf"\b(?P<v>{one_of(c[verbs + '_nominal'])})\s+{q}", re.I
        )
        out[kind + "_total"] = re.compile(
            rf"{q}(?:\s+[\w-]+)?\s+(?P<v>{one_of(c[verbs + '_total'])})\b", re.I
        )
    out["kill_toll"] = re.compile(
        rf"\b(?:{one_of(c['death_toll'])})\s+(?:\w+\s+){{0,3}}?(?:to|of|at|is|was|stood at|"
        rf"reached|rose to|climbed to)\s+{q}",
        re.I,
    )
    out["conj"] = re.compile(rf"\s*(?:,\s*)?(?:and|as well as|plus|,)\s+{q}{np}", re.I)
    stop3 = (
        "and|or|by|were|was|including|on|in|at|from|to|for|with|during|after|"
        "killed|injured|wounded|dead|died|hurt"
    )
    np3 = rf"(?:\s+(?!(?:{stop3})\b)[\w'/#()-]+){{0,5}}"
    out["conj_left"] = re.compile(rf"{q}{np3}\s*(?:,\s*)?(?:and|,)\s*$", re.I)
    out["superset"] = re.compile(rf"{q}{np3}\s+including\s+$", re.I)
    out["kill_bare"] = re.compile(
        rf"\b(?:{one_of(c['kill_active'] + c['kill_passive'] + c['kill_bare_extra'])})\b", re.I
    )
    out["injure_bare"] = re.compile(
        rf"\b(?:{one_of(c['injure_active'] + c['injure_passive'])})\b", re.I
    )
    out["nonfactual"] = re.compile(rf"\b(?:{one_of(c['non_factual'])})", re.I)
    out["negation"] = re.compile(rf"\b(?:{one_of(c['negation'])})\b", re.I)
    return out


def _clause_before(text: str, pos: int, width: int = 45) -> str:
    chunk = text[max(0, pos - width) : pos]
    cut = max(chunk.rfind(". "), chunk.rfind("; "), chunk.rfind("\n\n"))
    return chunk[cut + 1 :] if cut >= 0 else chunk


def _factual(text: str, pos: int) -> bool:
    """False when the words just before say the harm was threatened, attempted or denied."""
    before = _clause_before(text, pos)
    res = _toll_res()
    if re.search(r"\bno\s*$", before, re.I):
        return False
    return not res["nonfactual"].search(before) and not res["negation"].search(before)


def add_ranges(a: Range, b: Range) -> Range:
    """Two counts of different people together (an open end stays open)."""
    lo = (a[0] or 0) + (b[0] or 0)
    hi = None if a[1] is None or b[1] is None else a[1] + b[1]
    return lo, hi


class Mention(NamedTuple):
    """One toll in a span: where it is, its range, whether it is a stated total, and the offsets
    of its harm word and of its counts, where the parse tells who says it and who was harmed."""

    start: int
    end: int
    rng: Range
    is_total: bool
    verb: int
    counts: tuple[tuple[int, int], ...]


_ARTICLES = ("a", "an", "him", "her")  # count 1 only when the parse makes them the victim
_OBJECT = re.compile(
    r"\s+(?:\d|(?:a|an|the|his|her|their|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|dozens|hundreds|scores|at least|more than|over|some|"
    r"about|around|nearly|up to|him|them)\b)",
    re.I,
)


def _conjuncts(masked: str, match: re.Match[str], active: bool) -> list[tuple[int, int]]:
    """Quantities joined to the matched one: "killing 3 militants and 1-2 policemen"."""
    res = _toll_res()
    found = []
    if active:
        tail_start = match.end("q")
        np_end = re.match(
            r"(?:\s+(?!(?:and|or|as|in|on|at|by|,)\b)[\w'()/-]+){0,4}", masked[tail_start:], re.I
        )
        pos = tail_start + (np_end.end() if np_end else 0)
        for _ in range(4):
            m = res["conj"].match(masked, pos)
            if not m or res["injure_bare"].match(masked, m.end() + 1):
                break
            after = masked[m.end() : m.end() + 40]
            if re.match(r"\s+(?:were|was|are|had|have)\b", after, re.I):
                break
            found.append((m.start("q"), m.end("q")))
            pos = m.end()
    else:
        pos = match.start("q")
        for _ in range(4):
            left = masked[max(0, pos - 60) : pos]
            m = res["conj_left"].search(left)
            if not m or m.group("q").lower() in _ARTICLES:
                break
            off = pos - len(left)
            found.append((off + m.start("q"), off + m.end("q")))
            pos = off + m.start("q")
        sup = res["superset"].search(masked[max(0, pos - 60) : pos])
        if sup:  # "21 militants including 2 commanders and 4 soldiers": 21 replaces 2
            off = pos - min(pos, 60)
            found = found[:-1] if found else []
            found.append((off + sup.start("q"), off + sup.end("q")))
    return found


def _mentions(text: str, masked: str, kind: str, parse: CountParse | None = None) -> list[Mention]:
    res = _toll_res()
    out: list[Mention] = []
    taken: set[int] = set()
    for form in ("toll", "total", "active", "nominal", "passive"):
        pattern = res.get(f"{kind}_{form}")
        if pattern is None:
            continue
        pos = 0
        while (m := pattern.search(masked, pos)) is not None:
            pos = max(m.end(), pos + 1)
            if m.start("q") in taken or not _factual(masked, m.start()):
                continue
            if form == "passive" and _OBJECT.match(masked, m.end()):
                continue  # "an airstrike killed 6 militants": active, counted there
            if not _is_victim(masked, m.start("q"), m.end("q"), parse, after_toll=False):
                # "a spokesman said 12 officers died": look again past the speaker's "a"
                pos = m.start("q") + 1
                continue
            spans = [(m.start("q"), m.end("q"))]
            if form in ("active", "nominal", "passive", "total"):
                spans += [
                    (s, e)
                    for s, e in _conjuncts(masked, m, form in ("active", "nominal"))
                    if _is_victim(masked, s, e, parse, after_toll=True)
                ]
            total: Range = (0, 0)
            counted: list[tuple[int, int]] = []
            for s, e in spans:
                if s in taken:
                    continue
                rng = parse_count(text[s:e])
                if rng is None or rng[0] == 0 and rng[1] == 0:
                    continue
                total = add_ranges(total, rng)
                counted.append((s, e))
                taken.add(s)
            if counted:
                start = min(m.start(), *(s for s, _ in spans))
                end = max(m.end(), *(e for _, e in spans))
                verb = m.start("v") if "v" in pattern.groupindex else m.start()
                out.append(
                    Mention(start, end, total, form in ("toll", "total"), verb, tuple(counted))
                )
    return out


def _is_victim(
    masked: str, start: int, end: int, parse: CountParse | None, *, after_toll: bool
) -> bool:
    """Whether an article or pronoun counts one person: its noun must be the one harmed, never
    the speaker ("a spokesman said 12 officers died"), nor, after a toll, the subject of a new
    clause ("..., killing six soldiers, a spokesman said"). Elsewhere, where the parse is
    loose ("killing 6 clergymen, a maid, ..."), the surface pattern stands."""
    if parse is None or masked[start:end].lower() not in _ARTICLES:
        return True
    noun = parse.noun(start, end)
    if noun is None or parse.harmed(noun):
        return True
    if parse.speaks(noun):
        return False
    return not (after_toll and noun.dep_ in ("nsubj", "nsubjpass"))


def _quantity(text: str, mentions: list[Mention]) -> Quantity | None:
    totals = [mt for mt in mentions if mt.is_total]
    chosen = totals or mentions
    if not chosen:
        return None
    if totals:
        best = max(totals, key=lambda mt: mt.rng[0] or 0)
        rng, s, e = best.rng, best.start, best.end
    else:
        rng, seen = (0, 0), set()
        for mt in chosen:
            key = (text[mt.start : mt.end].lower(), mt.rng)
            if key not in seen:
                seen.add(key)
                rng = add_ranges(rng, mt.rng)
        s, e = min(mt.start for mt in chosen), max(mt.end for mt in chosen)
    return Quantity(rng[0], rng[1], text[s:e], s, e)


def _claimed(text: str, mentions: list[Mention], parse: CountParse | None) -> Quantity | None:
    """The toll of the span, reading who claims each part.

    Tolls of the same kind of victims from different claimants are alternatives, so they make
    one range from the lowest to the highest claim: "police said four policemen were killed,
    while the insurgents said 12 officers died" is 4..12 (event-record.md ranges). Claims about
    different victims ("the army said it killed 20 rebels; the rebels said 5 soldiers died"),
    tolls of one claimant and tolls the story tells itself combine as before (``_quantity``).
    """
    if parse is None or len(mentions) < 2:
        return _quantity(text, mentions)
    groups: dict[str | None, list[Mention]] = {}
    for mt in mentions:
        groups.setdefault(parse.claimant(mt.verb), []).append(mt)
    claims: list[tuple[Mention, set[str]]] = []
    for who, group in groups.items():
        part = _quantity(text, group) if who is not None else None
        if part is None:
            continue
        kinds = {kind for mt in group for s, e in mt.counts if (kind := parse.victim_kind(s, e))}
        rng = (part.min, part.max)
        total = any(mt.is_total for mt in group)
        claims.append((Mention(part.start, part.end, rng, total, group[0].verb, ()), kinds))
    merged: list[tuple[Mention, set[str]]] = []
    for claim, kinds in claims:
        same = next((i for i, (_, k) in enumerate(merged) if kinds and k and kinds & k), None)
        if same is None:
            merged.append((claim, kinds))
            continue
        other = merged[same][0]
        rng = (
            min(other.rng[0] or 0, claim.rng[0] or 0),
            None
            if other.rng[1] is None or claim.rng[1] is None
            else max(other.rng[1], claim.rng[1]),
        )
        start, end = min(other.start, claim.start), max(other.end, claim.end)
        either = Mention(start, end, rng, other.is_total or claim.is_total, other.verb, ())
        merged[same] = (either, merged[same][1] | kinds)
    if len(merged) == len(claims):
        return _quantity(text, mentions)  # no two claims about the same victims
    return _quantity(text, [mt for mt, _ in merged] + groups.get(None, []))


_NOBODY = re.compile(r"\s+(?:nobody|no one|no-one|none|no\b)", re.I)


def _bare(text: str, masked: str, kind: str) -> Quantity | None:
    """A factual harm verb with no number: someone was harmed, how many unknown (1..None)."""
    for m in _toll_res()[f"{kind}_bare"].finditer(masked):
        if _factual(masked, m.start()) and not _NOBODY.match(masked, m.end()):
            return Quantity(1, None, text[m.start() : m.end()], m.start(), m.end())
    return None


def find_casualties(
    text: str, start: int, end: int, doc: Doc | None = None
) -> dict[str, Quantity | None]:
    """Fatalities and injuries told in ``text[start:end]``; None where none are reported.

    Several tolls in the span add up ("3 militants and 1-2 policemen" -> 4..5), except when a
    total is stated ("3 fatalities", "death toll rose to 12"): then the largest total wins.
    ``doc``, the spaCy parse of ``text`` (same offsets), lets the parse check articles and
    claimants (see ``_claimed``); without it only the surface patterns are read.
    """
    span = text[start:end]
    out: dict[str, Quantity | None] = {"fatalities": None, "injuries": None}
    kinds = [
        (k, key)
        for k, key in (("kill", "fatalities"), ("injure", "injuries"))
        if _harm_words()[k].search(span)
    ]
    if not kinds:
        return out  # no word of death or injury at all: skip the costly patterns
    masked = _masked(span)
    parse = CountParse(doc, start, masked) if doc is not None else None
    for kind, key in kinds:
        mentions = _mentions(span, masked, kind, parse)
        found = _claimed(span, mentions, parse) or _bare(span, masked, kind)
        if found is not None:
            found = Quantity(
                found.min, found.max, found.text, found.start + start, found.end + start
            )
        out[key] = found
    return out


@lru_cache(maxsize=1)
def _harm_words() -> dict[str, re.Pattern[str]]:
    """Any word of the toll vocabulary, per kind: a cheap test before the full patterns."""
    c = count_data("casualties.json")
    out = {}
    for kind in ("kill", "injure"):
        words = [
            w
            for key, values in c.items()
            if key.startswith(kind) and isinstance(values, list)
            for w in values
        ]
        if kind == "kill":
            words += c.get("death_toll", [])
        out[kind] = re.compile(rf"\b(?:{one_of(words)})", re.I)
    return out


@lru_cache(maxsize=1)
def _crowd_res() -> list[tuple[re.Pattern[str], bool]]:
    """Count patterns of a crowd, each with whether it counts people in general, whom the parse
    must show protesting (``CountParse.crowd_of_people``)."""
    c = count_data("casualties.json")
    q = rf"(?P<q>{_num_re()})"
    return [
        (re.compile(rf"\b(?:{one_of(c['crowd_nominal'])})\s+{q}", re.I), False),
        (re.compile(rf"{q}\s+(?:[\w'-]+\s+){{0,3}}?(?:{one_of(c['crowd_nouns'])})\b", re.I), False),
        (re.compile(rf"{q}\s+(?:[\w'-]+\s+){{0,3}}?(?:{one_of(c['crowd_verbs'])})\b", re.I), False),
        (re.compile(rf"{q}\s+(?:[\w'-]+\s+){{0,3}}?(?:{one_of(c['crowd_people'])})\b", re.I), True),
    ]


def find_crowd_size(text: str, start: int, end: int, doc: Doc | None = None) -> Quantity | None:
    """The size of a crowd in ``text[start:end]``: "more than 1,500 citizens took to the streets".

    The first count tied to a crowd noun or a protest verb wins. A count of people in general
    ("thousands of civilians") is a crowd only when they do the protesting, and a count that is
    a toll ("police shot dead 12 people") is never one. ``doc`` is the parse of ``text``.
    """
    span = text[start:end]
    masked = _masked(span)
    parse = CountParse(doc, start, masked) if doc is not None else None
    tolls = {
        s
        for kind in ("kill", "injure")
        if _harm_words()[kind].search(span)
        for mt in _mentions(span, masked, kind, parse)
        for s, _ in mt.counts
    }
    best: tuple[int, Quantity] | None = None
    for pattern, general in _crowd_res():
        for m in pattern.finditer(masked):
            phrase = span[m.start("q") : m.end("q")]
            if (
                phrase.lower() in _ARTICLES
                or m.start("q") in tolls
                or _toll_res()["negation"].search(_clause_before(masked, m.start()))
            ):
                continue
            noun = parse.noun(m.start("q"), m.end("q")) if parse else None
            if noun is not None and parse is not None and parse.harmed(noun):
                continue  # the dead or the hurt, not the crowd
            if general and noun is not None and parse and not parse.crowd_of_people(noun):
                continue  # people in general who do not protest: "thousands fled"
            if noun is not None and parse is not None and parse.taken_one_by_one(noun):
                continue  # "police arrested three activists": the arrested, not the crowd
            rng = parse_count(phrase)
            if rng is None or not rng[0] and not rng[1]:
                continue
            q = Quantity(rng[0], rng[1], phrase, start + m.start("q"), start + m.end("q"))
            if best is None or m.start("q") < best[0]:
                best = (m.start("q"), q)
            break
    return best[1] if best else None
