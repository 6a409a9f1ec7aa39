"""Binding values into SPARQL text for servers that only speak the protocol.

The SPARQL 1.1 Protocol has no parameter binding, so a remote store sends bound values
as a ``VALUES`` block placed first in the outermost ``WHERE`` group: a join with the
rest of the pattern, which for a variable of that group is the same as substituting
the value. Values are written in their N-Triples form by pyoxigraph (escaped there),
never from raw strings, and variable names are checked, so nothing a user typed
becomes SPARQL syntax.

>>> from pyoxigraph import Literal
>>> inject_values('SELECT ?d WHERE { ?d <urn:id> ?id }', {"id": Literal('x" } DROP ALL #')})
'SELECT ?d WHERE { VALUES (?id) { ("x\\\\" } DROP ALL #") }\\n ?d <urn:id> ?id }'
>>> query_form("PREFIX a: <http://a/> # SELECT in a comment\\nASK { ?s a:p ?o }")
'ASK'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import QueryError

__all__ = [
    "dataset_clauses",
    "inject_rows",
    "inject_values",
    "mentioned_variables",
    "query_form",
    "silence_graph_drops",
    "strip_dataset",
    "values_reach_everywhere",
]

# One token of SPARQL text, enough to tell structure (braces, keywords, variables) from
# what is inside strings, IRIs and comments. Long strings follow the grammar's
# STRING_LITERAL_LONG rules; an IRI is only an IRIREF (so "<" alone is an operator).
_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"
                |'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
                |\"(?:[^\"\\\n\r]|\\.)*\"
                |'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\U000effff]+)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<word>[^\s{}()\[\];,'\"<>\#?$]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_VARNAME = re.compile(r"[A-Za-z0-9_]+")


def _spans(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each token, whitespace and comments left out."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield kind, m.group(), m.start(), m.end()


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, end offset) of each token, whitespace and comments left out."""
    for kind, tok, _, end in _spans(text):
        yield kind, tok, end


@lru_cache(maxsize=512)
def query_form(text: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE``, ``ASK``, ``UPDATE``, or None when unknown."""
    for kind, tok, _ in _tokens(text):
        if kind != "word":
            continue
        word = tok.upper()
        if word in _FORMS:
            return word
        if word in _UPDATES:
            return "UPDATE"
    return None


@lru_cache(maxsize=512)
def mentioned_variables(text: str) -> frozenset[str]:
    """The names of the variables a query mentions (``?x`` and ``$x`` alike)."""
    return frozenset(tok[1:] for kind, tok, _ in _tokens(text) if kind == "var")


@lru_cache(maxsize=512)
def _where_brace(text: str) -> int | None:
    """The offset just after the ``{`` that opens the outermost WHERE group."""
    depth = 0
    after_where = False
    form = None
    for kind, tok, end in _tokens(text):
        if kind == "word" and depth == 0:
            word = tok.upper()
            if word == "WHERE":
                after_where = True
            elif form is None and word in _FORMS:
                form = word
        elif kind == "open":
            # "SELECT * { ... }" and "ASK { ... }" may leave out the WHERE keyword; the
            # first group of a CONSTRUCT is its template, so it needs the keyword.
            if depth == 0 and (after_where or form in ("SELECT", "ASK")):
                return end
            depth += 1
        elif kind == "close":
            depth -= 1
    return None


def _value(term: object, name: str) -> str:
    if isinstance(term, BlankNode):
        raise QueryError(f"?{name}: a blank node cannot be bound in a query sent to a server")
    if not isinstance(term, NamedNode | Literal):
        raise TypeError(
            f"?{name} must be bound to a pyoxigraph NamedNode or Literal, not {type(term).__name__}"
        )
    # N-Triples form, escaped by pyoxigraph; valid as a SPARQL DataBlockValue.
    return str(term)


def _choices(bound: object, name: str) -> list[str]:
    """One value, or each of a list of values (a variable that may be any of them)."""
    if isinstance(bound, list | tuple):
        if not bound:
            raise QueryError(f"?{name}: an empty list of values matches nothing")
        return [_value(term, name) for term in bound]
    return [_value(bound, name)]


def inject_values(text: str, bindings: Mapping[str, object], *, apart: bool = False) -> str:
    """``text`` with ``bindings`` joined in as a VALUES block opening its WHERE group.

    A value may be a list of terms: the variable is then any of them (one VALUES row
    each), which is how a page of statements is fetched in one query.

    Variables the query does not mention are left out (binding them would change
    nothing but the columns of ``SELECT *``). Raises :class:`~kg.errors.QueryError`
    when the query has no group to put the values in (e.g. ``DESCRIBE <x>``, or the
    short ``CONSTRUCT WHERE`` form, which allows only triple patterns).

    Bound like this, a value is seen wherever the outermost group's solutions are: in
    its patterns, FILTERs, OPTIONALs and the projection. It is not seen inside a
    sub-SELECT, or by a FILTER inside a nested group, which pyoxigraph's substitution
    would reach; the bundled queries use neither.

    ``apart`` writes one block per variable, which joins to the same rows as one block
    of their product. Which to write is up to the engine: Virtuoso 7 fails to compile
    some queries given one block of several variables ("SP031 ...
    ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED": an actor bound with a date that a
    FILTER compares), where pyoxigraph's optimiser only sees that a pattern's subject and
    predicate are bound together when one block binds both (``?s ?role ?actor`` with the
    two apart scans every triple of the predicate: 0.1 ms -> 58 ms at 10M triples).
    """
    mentioned = mentioned_variables(text)
    names = []
    for name in bindings:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
        if name in mentioned:
            names.append(name)
    if not names:
        return text
    choices = [_choices(bindings[n], n) for n in names]
    if apart:
        return _insert(text, "".join(_block([n], c) for n, c in zip(names, choices, strict=True)))
    return _insert(text, _block(names, [" ".join(row) for row in itertools.product(*choices)]))


def inject_rows(text: str, names: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """``text`` with a VALUES block of whole rows opening its WHERE group: ``names[i]``
    is the ``i``-th term of each row. Where :func:`inject_values` binds each variable to
    any of its values, this pairs them, e.g. each statement of a page with its place:

    >>> from pyoxigraph import Literal, NamedNode
    >>> rows = [(NamedNode("urn:a"), Literal("1")), (NamedNode("urn:b"), Literal("2"))]
    >>> inject_rows("SELECT ?n WHERE { ?s <urn:p> ?o }", ["s", "n"], rows)
    'SELECT ?n WHERE { VALUES (?s ?n) { (<urn:a> "1") (<urn:b> "2") }\\n ?s <urn:p> ?o }'

    Every name must be a variable name and every row as long as ``names``; an empty
    list of rows matches nothing, so it is refused.
    """
    for name in names:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
    written = []
    for row in rows:
        if len(row) != len(names):
            raise QueryError(f"a row of {len(row)} values for {len(names)} variables")
        written.append(" ".join(_value(term, name) for term, name in zip(row, names, strict=True)))
    if not written:
        raise QueryError("an empty list of rows matches nothing")
    return _insert(text, _block(list(names), written))


def _block(names: list[str], rows: list[str]) -> str:
    """``VALUES (?names...) { (row) ... }``, each row its values written out."""
    body = " ".join(f"({row})" for row in rows)
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}\n"


def _insert(text: str, block: str) -> str:
    """``text`` with ``block`` opening its WHERE group."""
    at = _where_brace(text)
    if at is None or (query_form(text) == "CONSTRUCT" and _short_construct(text)):
        raise QueryError("bound values need a query with a WHERE group")
    return text[:at] + block + text[at:]


def _short_construct(text: str) -> bool:
    """``CONSTRUCT WHERE { ... }``: the keyword WHERE straight after CONSTRUCT."""
    previous = None
    for kind, tok, _ in _tokens(text):
        if kind == "word" and tok.upper() == "WHERE":
            return previous == "CONSTRUCT"
        if kind == "word":
            previous = tok.upper()
        elif kind == "open":
            return False
    return False


def dataset_clauses(text: str) -> list[tuple[int, int]]:
    """Where the query's own ``FROM`` and ``FROM NAMED`` clauses are (start, end)."""
    found: list[tuple[int, int]] = []
    tokens = list(_spans(text))
    depth = 0
    for i, (kind, tok, start, _) in enumerate(tokens):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and tok.upper() == "FROM":
            j = i + 1
            if j < len(tokens) and tokens[j][1].upper() == "NAMED":
                j += 1
            if j < len(tokens) and tokens[j][0] in ("iri", "word"):
                found.append((start, tokens[j][3]))
    return found


def strip_dataset(text: str) -> str:
    """The query without its FROM / FROM NAMED clauses.

    The protocol's ``default-graph-uri`` and ``named-graph-uri`` take precedence over
    them; Virtuoso merges the two instead, so they are removed before sending.

    >>> strip_dataset("SELECT * FROM <urn:a> FROM NAMED <urn:b> WHERE { ?s ?p ?o }")
    'SELECT *   WHERE { ?s ?p ?o }'
    """
    for start, end in reversed(dataset_clauses(text)):
        text = text[:start] + text[end:]
    return text


def silence_graph_drops(text: str) -> str:
    """``DROP GRAPH`` and ``CLEAR GRAPH`` made ``SILENT``.

    Virtuoso refuses a non-silent DROP or CLEAR of a graph that holds triples but was
    never made with CREATE GRAPH (as every graph written by INSERT or the Graph Store
    Protocol is); SILENT makes it do what the standard says. The one difference left:
    dropping a graph that does not exist is not an error.

    >>> silence_graph_drops("DROP GRAPH <urn:g> ; clear graph <urn:h> ; DROP SILENT GRAPH <urn:i>")
    'DROP SILENT GRAPH <urn:g> ; clear SILENT graph <urn:h> ; DROP SILENT GRAPH <urn:i>'
    """
    tokens = list(_spans(text))
    inserts = []
    depth = 0
    for i, (kind, tok, _, end) in enumerate(tokens[:-1]):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif (
            kind == "word"
            and depth == 0
            and tok.upper() in ("DROP", "CLEAR")
            and tokens[i + 1][1].upper() == "GRAPH"
        ):
            inserts.append(end)
    for at in reversed(inserts):
        text = text[:at] + " SILENT" + text[at:]
    return text


@lru_cache(maxsize=512)
def values_reach_everywhere(sparql: str) -> bool:
    """Whether a VALUES block opening the WHERE group binds a variable everywhere it is
    used: no sub-SELECT, and every FILTER in the WHERE group or an OPTIONAL's group."""
    depth = 0
    optional_depths: list[int] = []
    selects = 0
    previous = ""
    for kind, token, _ in _tokens(sparql):
        if kind == "open":
            depth += 1
            if previous == "OPTIONAL":
                optional_depths.append(depth)
        elif kind == "close":
            if optional_depths and optional_depths[-1] == depth:
                optional_depths.pop()
            depth -= 1
        elif kind == "word":
            word = token.upper()
            if word == "SELECT":
                selects += 1
            elif word == "FILTER" and depth > 1 and depth not in optional_depths[-1:]:
                return False
        previous = token.upper() if kind == "word" else ""
    return selects <= 1
