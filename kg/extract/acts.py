"""What a statement does: accuse, deny, or just claim; whom it targets; evidence.

A reporting frame is an accusation or denial when its cue says so (accuse.01,
blame.01, deny.01, reject.01 with a claim as its theme), or when the content it reports
does: a blame predicate ("X was behind", "X is lying"), a denial idiom ("had nothing to
do with"), or a claim judged false ("the claims are false", "baseless assertions").
Negated, refused or hedged acts ("did not accuse", "refused to deny", "stopped short of
accusing") are not acts at all; "denied a visa" is not the denial of a claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.speech import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "Act",
    "cancelled",
    "classify",
    "content_act",
    "denial_target",
    "partitive",
    "theme_is_claim",
    "theme_target",
]

IsActor = Callable[["Token", bool], bool]

_FIRST_PERSON = frozenset({"i", "we", "us", "me", "our", "my"})
_CANCEL_VERBS = frozenset(
    {"refuse", "decline", "fail", "avoid", "hesitate", "stop", "decide", "want", "threaten"}
)


@dataclass
class Act:
    kind: str  # accusation | denial | claim
    target: int | None = None  # token index of the target's head
    theme: int | None = None
    rule: str = ""
    more: list[int] = field(default_factory=list)  # further targets of the same act


def cancelled(verb: Token, lex: Lexicon) -> bool:
    """True when the act is negated, refused, or only stopped short of."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't"):
            # '"Probably not," she said': a negation inside the quotation, set off by
            # punctuation from the verb, is the quoted speaker's, not the cue's.
            lo, hi = sorted((c.i, verb.i))
            if not any(t.is_punct for t in doc[lo + 1 : hi]):
                return True
    node = verb
    for _ in range(4):
        if node.dep_ in ("xcomp", "pcomp", "pobj", "ccomp") and node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() in _CANCEL_VERBS:
                if node.lemma_ == "stop" and not any(c.lower_ == "short" for c in node.subtree):
                    continue
                return True
            if node.lower_ == "short":
                return True
            if node.lemma_ in ("deny",) and verb.tag_ == "VBG":
                return True  # "denied accusing": the accusation is what is denied
        else:
            break
    return False


_PARTITIVE = frozenset(
    {"handful", "number", "group", "couple", "dozen", "dozens", "score", "scores", "hundreds",
     "thousands", "several", "some", "many", "few", "majority", "minority", "host", "string",
     "series", "pair", "trio", "band", "clutch", "one", "two", "three", "all", "most", "none"}
)  # fmt: skip


def partitive(tok: Token) -> Token:
    """ "a handful of opposition leaders" -> "leaders": the party a quantity picks out."""
    if tok.lemma_.lower() in _PARTITIVE or tok.lower_ in _PARTITIVE:
        inner = _pobj(tok, ("of",))
        if inner is not None:
            return inner
    return tok


def _pobj(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def theme_is_claim(tok: Token, lex: Lexicon) -> bool:
    word = tok.lower_
    lemma = tok.lemma_.lower()
    if word in lex.not_claim_objects or lemma in lex.not_claim_objects:
        return False
    return (
        word in lex.claim_nouns
        or lemma in lex.claim_nouns
        or tok.pos_ in ("VERB", "AUX")
        or (tok.pos_ == "PRON" and word in ("this", "that", "it", "them", "those", "these"))
    )


def denial_target(theme: Token, is_actor: IsActor) -> Token | None:
    """The accuser whose claim a denial rejects, when the claim's phrase names them."""
    for c in theme.children:
        if c.dep_ == "poss" and is_actor(c, True):
            return c
    by = _pobj(theme, ("by", "from"))
    if by is not None and is_actor(by, True):
        return by
    for c in theme.children:
        if c.dep_ == "acl":
            agent = _pobj(c, ("by",))
            if agent is not None and is_actor(agent, True):
                return agent
    for c in theme.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < theme.i and is_actor(c, True):
            return c
    # "Russian accusation drone attack": the claim noun inside a compound
    for c in theme.children:
        if c.dep_ == "compound" and c.i < theme.i and c.pos_ == "NOUN":
            return denial_target(c, is_actor)
    return None


def theme_target(theme: Token, lex: Lexicon, is_actor: IsActor) -> Token | None:
    """The accuser behind a rejected claim: named with it, or, for "the accusation",
    "those claims", named with the claim an earlier phrase of the sentence reports
    ("criticised X's charge, calling the accusation ludicrous")."""
    if theme.lower_ in ("which", "that") and theme.head.dep_ == "relcl":
        # "a statement which was dismissed as ...": the statement, by whoever made it
        noun = theme.head.head
        found = denial_target(noun, is_actor)
        if found is None and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during"):
            gov = noun.head.head
            if gov.pos_ in ("VERB", "AUX"):
                subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
                if subj is not None and is_actor(subj, True):
                    found = subj
        return found
    found = denial_target(theme, is_actor)
    if found is not None:
        return found
    definite = any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
        for c in theme.children
    )
    if not definite or theme.pos_ != "NOUN":
        return None
    sent_start = sentence_of(theme).start
    for tok in reversed(theme.doc[sent_start : theme.i]):
        if tok.pos_ == "NOUN" and theme_is_claim(tok, lex) and tok.lemma_ not in ("it",):
            hit = denial_target(tok, is_actor)
            if hit is not None:
                return hit
    return None


def _blame_subject(tok: Token, lex: Lexicon, is_actor: IsActor) -> tuple[Token, str] | None:
    """Inside a content clause: whom a blame predicate blames."""
    lemma = tok.lemma_.lower()
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and tok.dep_ == "conj":
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ in _FIRST_PERSON):
        return None
    if lemma == "be":
        for c in tok.children:
            blames = c.dep_ in ("prep", "acomp", "attr", "advmod") and c.lower_ in lex.blame_be
            if blames and is_actor(subj, False):
                return subj, "blame-be"
        return None
    particle = next(
        (c.lower_ for c in tok.children if c.dep_ in ("prt", "prep") and c.i == tok.i + 1), ""
    )
    if (lemma, particle) in lex.blame_phrasal and tok.pos_ == "VERB":
        # "made up the story", "covered up the abuse"; "make up half the staff" is not
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        claimed = lemma != "make" or (obj is not None and theme_is_claim(obj, lex))
        if claimed and is_actor(subj, False):
            return subj, f"blame-verb:{lemma}-{particle}"
    if lemma in lex.blame_verbs and tok.pos_ == "VERB":
        if lemma == "lie" and any(
            c.dep_ == "prep" and c.lower_ in ("on", "in", "under", "down", "across", "beside")
            for c in tok.children
        ):
            return None
        if is_actor(subj, False):
            return subj, f"blame-verb:{lemma}"
    return None


def _falsity(tok: Token, lex: Lexicon) -> bool:
    return tok.lower_ in lex.falsity or tok.lemma_.lower() in lex.falsity


def _blame_target(tok: Token, lex: Lexicon, is_actor: IsActor) -> tuple[Token, str] | None:
    """Whom one token of a content blames: a possessor of a blame noun ("X's terror
    attacks", "X's lies") or the subject of a blame predicate ("X was behind")."""
    lemma = tok.lemma_.lower()
    if tok.lower_ in lex.blame_nouns or lemma in lex.blame_nouns:
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ == "PROPN" and is_actor(poss, True):
            return poss, "blame-noun"
    if tok.dep_ == "compound" and lemma in lex.blame_nouns:
        poss = next((c for c in tok.head.children if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ == "PROPN" and is_actor(poss, True):
            return poss, "blame-noun"
    hit = _blame_subject(tok, lex, is_actor)
    if hit is not None and not cancelled(tok, lex):
        return hit
    return None


def _instigator(tok: Token, lex: Lexicon, is_actor: IsActor) -> Token | None:
    """ "at the behest of X", "on the orders of X": X instigated what is blamed."""
    if tok.dep_ != "pobj" or tok.lemma_.lower() not in lex.instigator_nouns:
        return None
    if tok.head.lower_ not in ("at", "on", "under", "upon", "by"):
        return None
    x = _pobj(tok, ("of",))
    if x is None:
        return None
    if x.pos_ == "PROPN" and is_actor(x, True):
        return x
    # "the regime in X", "the empire of evil in X": the named state or group inside
    for t in x.subtree:
        if t.i != x.i and t.ent_type_ in ("GPE", "ORG", "NORP") and is_actor(t, True):
            return t
    return x if is_actor(x, True) else None


def _self_error_denied(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "We did nothing wrong", "we don't think we got it wrong": the speaker's side
    denies a charge of error or wrongdoing (first-person subject, negated)."""
    for tok in doc[start:end]:
        if tok.lower_ not in lex.self_error_words:
            continue
        negated = False
        subj_checked = False
        node = tok
        for _ in range(5):
            if node.lower_ in ("nothing", "no", "never") or any(
                c.dep_ == "neg" or c.lower_ in ("nothing", "never") for c in node.children
            ):
                negated = True
            if node.pos_ in ("VERB", "AUX") and not subj_checked:
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.lower_ not in ("we", "i"):
                    break
                subj_checked = True
            if node.head.i == node.i or not (start <= node.head.i < end):
                break
            node = node.head
        if negated and subj_checked:
            return True
    return False


def content_act(doc: Doc, start: int, end: int, lex: Lexicon, is_actor: IsActor) -> Act | None:
    """An accusation or denial carried by a reported content (token range)."""
    words = [t.lower_ for t in doc[start:end]]
    for idiom in lex.denial_idioms:
        n = len(idiom)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == idiom:
                return Act("denial", rule="idiom:" + "-".join(idiom))
    for tok in doc[start:end]:
        if _falsity(tok, lex):
            head = tok.head
            # "the claims are false", "this is nonsense"
            if tok.dep_ in ("acomp", "attr") and head.lemma_ == "be":
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
                if subj is not None and subj.lemma_.lower() in lex.document_nouns:
                    # "the article was false": the document is the claimant
                    return Act("denial", target=subj.i, theme=subj.i, rule="document-is-false")
                if subj is not None and (theme_is_claim(subj, lex) or subj.dep_ == "csubj"):
                    return Act("denial", theme=subj.i, rule="claim-is-false")
                if (
                    subj is not None
                    and subj.lower_ == "it"
                    and any(c.dep_ in ("xcomp", "ccomp") for c in head.children)
                ):
                    return Act("denial", theme=subj.i, rule="wrong-to-suggest")
            # "baseless assertions"
            if tok.dep_ == "amod" and theme_is_claim(head, lex) and head.pos_ == "NOUN":
                return Act("denial", theme=head.i, rule="false-claim")
            if tok.dep_ in ("attr", "acomp") and any(
                c.dep_ in ("xcomp", "ccomp") for c in tok.children
            ):
                return Act("denial", theme=tok.i, rule="wrong-to-suggest")
    targets: list[int] = []
    rule = ""
    for tok in doc[start:end]:
        hit = _blame_target(tok, lex, is_actor)
        if hit is not None and hit[0].i not in targets:
            targets.append(hit[0].i)
            rule = rule or hit[1]
    if targets:
        # "... attacks, which come at the behest of X": the instigator is blamed too
        for tok in doc[start:end]:
            inst = _instigator(tok, lex, is_actor)
            if inst is not None and inst.i not in targets:
                targets.append(inst.i)
        return Act("accusation", target=targets[0], rule=rule, more=targets[1:])
    if _self_error_denied(doc, start, end, lex):
        return Act("denial", rule="self-error-denied")
    return None


def _labelling(verb: Token, lex: Lexicon, is_actor: IsActor) -> Act | None:
    """ "named X as the plotters", "branded X a traitor": X is accused."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    # "as plotters" hangs on the verb, the object, or the object's last conjunct
    label = None
    for host in (verb, obj, *obj.conjuncts):
        label = _pobj(host, ("as",)) or next(
            (c for c in host.children if c.dep_ in ("oprd", "xcomp") and c.pos_ == "NOUN"), None
        )
        if label is not None:
            break
    if label is None or label.lemma_.lower() not in lex.culprit_nouns:
        return None
    # the culprit label itself says the object is a party ("named two bankers as ...")
    obj = partitive(obj)
    if obj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return Act("accusation", target=obj.i, rule="name_as.01")


def _verbal_attack(verb: Token, lex: Lexicon, is_actor: IsActor) -> Act | None:
    """ "attacked X's pledges as vacuous", "slammed X's remarks", "hit out at X"; a
    physical attack ("attacked the convoy", "attacked X's positions") is no speech act."""
    judged = _pobj(verb, ("as",)) is not None
    at = _pobj(verb, ("at", "on")) if verb.lemma_ in ("hit", "lash", "round") else None
    if at is not None and is_actor(at, True):
        return Act("accusation", target=at.i, rule="attack.verbal:at")
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    said = obj.lower_ in lex.speech_objects or obj.lemma_.lower() in lex.speech_objects
    said = said or (theme_is_claim(obj, lex) and obj.pos_ == "NOUN")
    if said or judged:
        poss = next((c for c in obj.children if c.dep_ == "poss"), None)
        if poss is not None and is_actor(poss, True):
            return Act("accusation", target=poss.i, rule="attack.verbal")
        if judged and obj.pos_ == "PROPN" and is_actor(obj, True):
            return Act("accusation", target=obj.i, rule="attack.verbal:as")
    return None


def classify(
    doc: Doc,
    verb: Token,
    frame_kind: str,
    frame_id: str,
    roles: dict[str, tuple[str, ...]],
    content_head: int | None,
    lex: Lexicon,
    is_actor: IsActor,
    content_span: tuple[int, int] | None = None,
) -> Act | None:
    """The act of a reporting frame, or None when it is cancelled or not an act."""
    if cancelled(verb, lex):
        return None
    if frame_id == "name_as.01":
        return _labelling(verb, lex, is_actor)
    if frame_id == "attack.verbal":
        return _verbal_attack(verb, lex, is_actor)
    if frame_kind == "accusation":
        for role in roles.get("target", ()):
            cand: Token | None = None
            if role.startswith("prep:"):
                cand = _pobj(verb, (role[5:],))
            elif role == "dobj:poss":
                obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    cand = next((c for c in obj.children if c.dep_ == "poss"), None)
            elif role == "ccomp:nsubj":
                cc = next((c for c in verb.children if c.dep_ == "ccomp"), None)
                if cc is not None:
                    cand = next((c for c in cc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            else:
                cand = next((c for c in verb.children if c.dep_ == role), None)
            if cand is not None:
                cand = partitive(cand)
            if cand is not None and is_actor(cand, True):
                return Act("accusation", target=cand.i, rule=frame_id)
        return Act("claim", rule=frame_id + ":no-target")
    if frame_kind == "denial":
        objs = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass")]
        if any(c.dep_ == "dative" for c in verb.children):
            return None
        as_false = any(
            c.dep_ == "prep" and c.lower_ == "as" and any(_falsity(t, lex) for t in c.subtree)
            for c in verb.children
        )
        preps = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if frame_id == "reject.01":
            themes = [t for t in objs + preps if theme_is_claim(t, lex)]
            actor_pp = [t for t in preps if is_actor(t, True)]
            if as_false or themes:
                theme = themes[0] if themes else (objs[0] if objs else None)
                target = theme_target(theme, lex, is_actor) if theme is not None else None
                return Act(
                    "denial",
                    target=target.i if target is not None else None,
                    theme=theme.i if theme is not None else None,
                    rule=frame_id,
                )
            if actor_pp and verb.lemma_ in ("hit", "fight", "push"):
                return Act("denial", target=actor_pp[0].i, rule=frame_id + ":at")
            if not objs and not preps and verb.lemma_ in ("hit", "fight", "push"):
                return Act("denial", rule=frame_id)
            return None
        # deny.01
        if not objs:
            return Act("denial", rule=frame_id + ":bare")
        theme = objs[0]
        if not theme_is_claim(theme, lex):
            return None
        target = theme_target(theme, lex, is_actor)
        return Act(
            "denial",
            target=target.i if target is not None else None,
            theme=theme.i,
            rule=frame_id,
        )
    # say.01 and the like: does the content accuse or deny?
    if verb.lemma_ == "call":
        for c in verb.children:
            if c.dep_ == "oprd" and _falsity(c, lex):
                dobj = next((d for d in verb.children if d.dep_ == "dobj"), None)
                if dobj is not None and theme_is_claim(dobj, lex):
                    t = theme_target(dobj, lex, is_actor)
                    return Act("denial", target=t.i if t else None, theme=dobj.i, rule="call-false")
    if content_head is not None and frame_id != "show.01":
        head = doc[content_head]
        start, end = head.left_edge.i, head.right_edge.i + 1
        if content_span is not None:
            while start > 0 and doc[start - 1].idx >= content_span[0]:
                start -= 1
            while end < len(doc) and doc[end].idx < content_span[1]:
                end += 1
        act = content_act(doc, start, end, lex, is_actor)
        if act is not None:
            return act
    return Act("claim", rule=frame_id)
