"""Says who: the attribution of each sentence, carried to the events it reports.

"X said", "X told reporters", "according to X", a quote followed by "he said": each names a
claimant. A later "he" or "the spokesman" is the claimant named before; a sentence with no
attribution of its own continues the reported speech around it. The claimant's role and
organization come from the words around the first full mention ("Defense Ministry spokesman
Jane Doe", "Jane Doe, a spokeswoman for the army").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.extract.context import ATTRIBUTIONS, CLAIMS, UNITS, Claim, Context, Unit
from sitrep.extract.lexicon import actor_terms, claim_words, contains_any
from sitrep.extract.registry import component
from sitrep.types import Span

_QUOTE = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")
_PRONOUNS = {"he", "she", "they", "it"}


@dataclass
class Speaker:
    name: str | None
    role: str | None
    org: str | None
    span: Span


@component("claims", requires=(UNITS,), assigns=(CLAIMS, ATTRIBUTIONS))
def attribute(ctx: Context) -> None:
    text = ctx.document.text
    words = claim_words()
    speakers: list[Speaker] = []
    units = [u for u in ctx.units if not u.heading and u.in_body]
    own: dict[int, Speaker] = {}
    for unit in units:
        speaker = _speaker_of(ctx.doc, unit, text, words, speakers, ctx.attributions)
        if speaker is not None:
            own[unit.index] = speaker
            if speaker.name and not any(s.name == speaker.name for s in speakers):
                speakers.append(speaker)
    previous: Speaker | None = None
    for position, unit in enumerate(units):
        speaker = own.get(unit.index)
        if speaker is None:
            # a sentence is attributed by a later one of its paragraph ("..., police said"),
            # else it continues the reported speech before it
            later = next(
                (
                    own[u.index]
                    for u in units[position + 1 :]
                    if u.paragraph == unit.paragraph and u.index in own
                ),
                None,
            )
            speaker = later or previous
        else:
            previous = speaker
        if speaker is None:
            ctx.claims_by_sentence[unit.index] = Claim(outlet=ctx.document.outlet)
        else:
            ctx.claims_by_sentence[unit.index] = _claim(ctx, speaker, unit)


def _claim(ctx: Context, speaker: Speaker, unit: Unit) -> Claim:
    return Claim(
        outlet=ctx.document.outlet,
        claimant=speaker.name,
        claimant_role=speaker.role,
        claimant_org=speaker.org,
        party_to_conflict=party_to_conflict(speaker.org, speaker.role),
        quote=_quote_in(ctx.document.text, unit),
        evidence=[speaker.span],
    )


def _speaker_of(
    doc: Doc,
    unit: Unit,
    text: str,
    words: dict,
    known: list[Speaker],
    attributions: list[tuple[int, int]],
) -> Speaker | None:
    verbs = set(words["speech_verbs"])
    for token in doc[unit.token_start : unit.token_end]:
        if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
            # the speaker is the subject of an active verb ("X was reported" is the news)
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None:
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                subject = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                )
            ranges: list[tuple[int, int]] = []
            if subject is None:
                # "..., NAME, a police spokeswoman, said": the parser hangs the name elsewhere
                subject = _name_before(doc, token, unit, words)
                if subject is not None:
                    left, right = subject.left_edge, subject.right_edge
                    ranges.append((left.idx, right.idx + len(right)))
            if subject is not None:
                found = _resolve(doc, subject, text, words, known)
                if found is not None:
                    attributions.extend(_clause_ranges(token) + ranges)
                    return found
        if (
            token.lower_ == "according"
            and token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            obj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                found = _resolve(doc, obj, text, words, known)
                if found is not None:
                    attributions.append((token.idx, obj.right_edge.idx + len(obj.right_edge)))
                    return found
    return None


_REPORTED_DEPS = {"ccomp", "xcomp", "advcl", "parataxis", "conj", "csubj", "cc"}


def _clause_ranges(verb: Token) -> list[tuple[int, int]]:
    """The attribution clause around a speech verb, minus the reported content."""
    ranges = [(verb.idx, verb.idx + len(verb))]
    for child in verb.children:
        if child.dep_ in _REPORTED_DEPS or child.dep_ == "punct":
            continue
        if child.dep_ == "dobj" and verb.lemma_.lower() != "tell":
            continue  # "observed 33 explosions", "reported the killing": the news itself
        left, right = child.left_edge, child.right_edge
        ranges.append((left.idx, right.idx + len(right)))
    return ranges


def _resolve(doc: Doc, head: Token, text: str, words: dict, known: list[Speaker]) -> Speaker | None:
    """Turn the subject of a speech verb into a speaker, reusing people named before."""
    span = doc[head.left_edge.i : head.right_edge.i + 1]
    evidence = Span(span.start_char, span.end_char, text[span.start_char : span.end_char])
    named = _name_of(doc, head, words)
    if named is not None:
        start, end, titled = named
        name = text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
        for speaker in known:
            if speaker.name and name.split()[-1] in speaker.name.split():
                return Speaker(speaker.name, speaker.role, speaker.org, evidence)
        person = titled or any(t.ent_type_ == "PERSON" for t in doc[start:end])
        if person:
            role, org = _title_of(doc, start, doc[end - 1], words)
            if role is None and org is None:
                role, org = _role_and_org(text, doc[start].idx, doc[end - 1].idx, words)
            return Speaker(name, role, org, evidence)
    lowered = head.lower_
    if lowered in _PRONOUNS and known:
        last = known[-1]
        return Speaker(last.name, last.role, last.org, evidence)
    phrase = span.text
    roles = words["roles"]
    role = next(
        (r for r in sorted(roles, key=len, reverse=True) if contains_any(phrase, [r])), None
    )
    org = _org_words(phrase, role)
    if role is None and head.lemma_.lower() in roles:
        role, org = head.lemma_.lower(), None  # "witnesses said", "officials said"
    for speaker in reversed(known):
        same_role = role and speaker.role and role == speaker.role
        same_org = org and speaker.org and _org_key(org) & _org_key(speaker.org)
        if same_role or same_org:
            return Speaker(speaker.name, speaker.role, speaker.org, evidence)
    if head.ent_type_ in ("ORG", "NORP", "GPE") or role or _speaks(head):
        # "police said", "witnesses said": a body or a group speaks, no person named
        return Speaker(None, role, org or (_clean_org(phrase) if not role else None), evidence)
    return None


_NOT_PEOPLE = {"GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL"}


def _role_words(words: dict) -> set[str]:
    """Single words that are a title, not part of a name: "Governor", "Minister", "Gen."."""
    last = {r.split()[-1] for r in words["roles"]}
    return last | set(words["titles"])


def _bare(token: Token) -> str:
    return token.lower_.rstrip(".")


def _name_of(doc: Doc, head: Token, words: dict) -> tuple[int, int, bool] | None:
    """The proper name a subject stands for, as tokens [start, end), and whether a title
    goes with it ("police spokeswoman NAME", "NAME, the army's spokesman").

    The tagger often splits a name ("Oleksandr" "Prokudin") or calls it an ORG; the parse
    still hangs the given names and the title on the surname, so the name is read from it.
    """
    if head.pos_ != "PROPN" or head.ent_type_ in _NOT_PEOPLE:
        # "the regional governor, NAME, said": the title is the subject, the name beside it
        beside = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if beside is None or _role_in([head], words) is None:
            return None
        head = beside
        if head.ent_type_ in _NOT_PEOPLE:
            return None
    titles = _role_words(words)
    if _bare(head) in titles:
        return None
    start, end = head.i, head.i + 1
    entity = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= head.i < e.end), None)
    if entity is not None:  # "Abdul-Rahman": the tagger's span keeps the hyphenated parts
        start, end = min(start, entity.start), max(end, entity.end)
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].head.i in range(start - 1, head.i + 1)
        and doc[start - 1].ent_type_ not in _NOT_PEOPLE
    ):
        start -= 1
    # "Kherson Governor NAME", "Gen. NAME": the name starts after the last title word
    for i in range(head.i - 1, start - 1, -1):
        if _bare(doc[i]) in titles:
            start = i + 1
            break
    titled = _title_of(doc, start, head, words) != (None, None)
    return start, end, titled


def _title_of(doc: Doc, start: int, head: Token, words: dict) -> tuple[str | None, str | None]:
    """Role and organization from the words the parse hangs on a name: before it ("Defense
    Ministry spokesman NAME") or beside it ("NAME, a spokeswoman for the army")."""
    before = [t for t in doc[head.left_edge.i : start] if t.dep_ not in ("det", "punct")]
    found = _role_in(before, words) if before else None
    if found is not None:
        return found
    for beside in head.children:
        if beside.dep_ != "appos" or beside.i < head.i:
            continue
        tokens = [
            t for t in doc[beside.left_edge.i : beside.i + 1] if t.dep_ not in ("det", "punct")
        ]
        role_name, org = _role_in(tokens, words) or (None, None)
        if role_name is None:
            continue
        for prep in beside.children:  # "a spokeswoman for the army"
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "with"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    org = org or _clean_org(doc[obj.left_edge.i : obj.right_edge.i + 1].text)
        return role_name, org
    return _titles_before(doc, start, words), None


def _titles_before(doc: Doc, start: int, words: dict) -> str | None:
    """ "Lt. Col. NAME": abbreviated titles the parser leaves off the name's subtree."""
    titles = words["titles"]
    found: list[str] = []
    i = start - 1
    while i >= 0 and (doc[i].text == "." or _bare(doc[i]) in titles):
        if doc[i].text != "." and titles[_bare(doc[i])]:
            found.insert(0, titles[_bare(doc[i])])
        i -= 1
    return " ".join(found) or None


def _role_in(tokens: list[Token], words: dict) -> tuple[str, str | None] | None:
    """Split a title into role and organization: "police spokeswoman" -> spokeswoman, police;
    "regional governor" -> regional governor; "the army's spokesman" -> spokesman, army."""
    forms = [_bare(t) for t in tokens]
    titles = words["titles"]
    roles = sorted(words["roles"], key=lambda r: -len(r.split()))
    found: tuple[int, int, str] | None = None
    for i in range(len(forms)):
        for role in roles:
            parts = role.split()
            if forms[i : i + len(parts)] == parts:
                found = (i, i + len(parts), role)
                break
        if found is None and titles.get(forms[i]):
            found = (i, i + 1, titles[forms[i]])
        if found is not None:
            break
    if found is None:
        return None
    first, _, role = found
    org_words = [*words["belligerent_orgs"], *words["neutral_orgs"]]
    # a plain describing word joins the role ("regional governor"); an org word does not
    while (
        first > 0
        and tokens[first - 1].pos_ == "ADJ"
        and tokens[first - 1].text.islower()
        and not contains_any(tokens[first - 1].text, org_words)
    ):
        first -= 1
        role = f"{tokens[first].lower_} {role}"
    org_tokens = [
        t
        for t in tokens[:first]
        if t.dep_ != "case"
        and (t.pos_ in ("NOUN", "PROPN") or not t.text.islower() or contains_any(t.text, org_words))
    ]
    org = None
    if org_tokens:
        doc = org_tokens[0].doc
        org = _clean_org(doc[org_tokens[0].i : org_tokens[-1].i + 1].text)
    return role, org


_NAME_PARTS = {"appos", "compound", "amod", "poss", "case", "det", "punct", "prep", "pobj"}


def _name_before(doc: Doc, verb: Token, unit: Unit, words: dict) -> Token | None:
    """A titled name right before a speech verb that the parser left without a subject."""
    i = verb.i - 1
    while i >= unit.token_start and doc[i].is_punct:
        i -= 1
    if i < unit.token_start:
        return None
    token = doc[i]
    while token.dep_ in _NAME_PARTS:
        if token.head.i == token.i or token.head.i >= verb.i or token.head.i < unit.token_start:
            break
        token = token.head
    named = _name_of(doc, token, words)
    if named is None or not named[2]:
        return None
    edge = token.left_edge.i
    if edge > unit.token_start and not doc[edge - 1].is_punct:
        return None
    return token


def _speaks(head: Token) -> bool:
    """Nouns that name people or bodies who speak: police, witnesses, officials, the army."""
    return head.pos_ in ("NOUN", "PROPN") and bool(actor_terms().match([head]))


def _role_and_org(text: str, start: int, end: int, words: dict) -> tuple[str | None, str | None]:
    """'Defense Ministry spokesman NAME' or 'NAME, a spokeswoman for the army'."""
    roles = "|".join(re.escape(r) for r in sorted(words["roles"], key=len, reverse=True))
    before = text[max(0, start - 120) : start]
    match = re.search(rf"((?:[A-Z][\w'’.-]*\s+){{0,6}})({roles})\s+$", before, re.IGNORECASE)
    if match:
        org = match.group(1).strip() or None
        return match.group(2).lower(), _clean_org(org)
    after = text[end : end + 160]
    match = re.match(
        rf",\s+(?:an?\s+|the\s+)?({roles})\s+(?:of|for|at|with)\s+(?:the\s+)?([^,.;\"”]+)",
        after,
        re.IGNORECASE,
    )
    if match:
        return match.group(1).lower(), _clean_org(match.group(2))
    return None, None


def _clean_org(org: str | None) -> str | None:
    if not org:
        return None
    org = re.sub(r"'s$|’s$", "", org.strip())
    org = re.sub(r"^(the|a|an)\s+", "", org, flags=re.IGNORECASE)
    return org or None


def _org_words(phrase: str, role: str | None) -> str | None:
    """'the ministry's spokesman' -> 'ministry'."""
    cleaned = re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    if role:
        cleaned = re.sub(rf"\b{re.escape(role)}\b", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"'s|’s", "", cleaned).strip(" ,")
    return cleaned or None


def _org_key(org: str) -> set[str]:
    stop = {"the", "of", "a", "'s", "russia", "russian"}
    return {w for w in re.findall(r"[a-z]+", org.lower()) if w not in stop and len(w) > 3}


def party_to_conflict(org: str | None, role: str | None) -> bool | None:
    """A belligerent's ministry, army or armed group is a party; monitors and medics are not."""
    words = claim_words()
    if org and contains_any(org, words["neutral_orgs"]):
        return False
    if org and contains_any(org, words["belligerent_orgs"]):
        return True
    if role and contains_any(role, words["military_roles"]):
        return True
    return None


def _quote_in(text: str, unit: Unit) -> str | None:
    """The direct quote that holds this sentence, if it is quoted."""
    window_start = text.rfind("\n", 0, unit.start) + 1
    window_end = text.find("\n", unit.end)
    window_end = len(text) if window_end < 0 else window_end
    for match in _QUOTE.finditer(text, window_start, window_end):
        if match.start() <= unit.start + 1 and match.end() >= unit.start + 2:
            return match.group(1).strip()
        if unit.start <= match.start() < unit.end:
            return match.group(1).strip()
    return None
