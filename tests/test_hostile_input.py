"""Hostile input, through every text argument of the schema and every field of an import file.

Each case must end in a clear error (a documented ``extensions.code``, or an import report
naming the record and field) or be treated as plain data, with the graph unchanged unless
the input was a valid edit, and with nothing internal (stack traces, paths, engine
messages) reaching the client. The text arguments are read from the schema itself, so a new
field is covered without touching this file. The injection, one-megabyte and malformed-file
cases run on Neo4j too (``both_engines``); the per-argument sweep (41 cases, about 50 s more
there) and the per-field sweep on the embedded engine.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    build_schema,
    get_named_type,
)
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.schema import schema as app_schema
from graph_service.config import Settings
from graph_service.errors import ImportRejectedError
from graph_service.ontology import RELATION_SPECS, EntityKind, RelationType, kind_properties
from graph_service.ontology.properties import PropertyType
from graph_service.services.access.principal import LOCAL_OPERATOR, Role, acting_as
from graph_service.services.access.tokens import TokenStore
from graph_service.services.ingest import importer
from graph_service.store import GraphStore
from tests import ecosystem

# The served schema read back from its SDL: graphql-core's types to walk, through strawberry's public API.
SCHEMA = build_schema(app_schema.as_str())

DOCUMENTED_CODES = {
    "NOT_FOUND",
    "INVALID_INPUT",
    "FORBIDDEN",
    "LIMIT_EXCEEDED",
    "STORE_UNAVAILABLE",
    "GRAPHQL_VALIDATION_FAILED",
    "UNAUTHENTICATED",
}
# INTERNAL is documented too, but hostile input must never be what breaks the service.
LEAKS = re.compile(
    r"Traceback|File \"|\.py\b|/(?:usr|home|tmp|work|var)/|errMsg|Invalid input|falkordb|redis|"
    r"RecursionError|UnicodeEncodeError|KeyError|TypeError|AttributeError|"
    # Neo4j's status codes and driver modules, for the tests that also run there.
    r"Neo\.(?:ClientError|TransientError|DatabaseError)|neo4j\.",
    re.IGNORECASE,
)

INJECTIONS = [
    "'}) MATCH (n) DETACH DELETE n //",
    '" OR 1=1 //',
    "\\'}) MATCH (n) DETACH DELETE n //",
    "`}) MATCH (n) DETACH DELETE n //",
    "x`) DETACH DELETE n RETURN 1 //",
    "$param",
    "$uid",
    "CALL db.labels()",
    "CALL db.labels() YIELD label RETURN label",
    "高新' UNION MATCH (n) RETURN n //",
    "a\u0000b",
    "\u0000",
    "\ud800",
    "\udfff高新",
    "\ufeff\u202e高新",
    "%s%n{0}{uid}",
    "<script>alert(1)</script>",
    "",
    "长" * 30_000,  # long (180 KB as JSON escapes, three times in a JSON slot), yet under the body limit
]
BIG_INTS = [2**31 - 1, 2**31, -(2**31), -1, 0, 10**18]


def _unwrap(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


@dataclass(frozen=True)
class Slot:
    """One place a text can go: a root field and the path of argument/input-field names to it."""

    root: str  # "query" or "mutation"
    field: str
    path: tuple[str, ...]
    is_list: bool
    is_json: bool

    def __str__(self) -> str:
        return f"{self.root}.{self.field}({'.'.join(self.path)})"


def _text_slots() -> list[Slot]:
    """Every String/ID/JSON argument of every query and mutation, inside input objects too."""
    schema = SCHEMA
    slots: list[Slot] = []

    def walk(root: str, field: str, path: tuple[str, ...], type_: GraphQLInputType, depth: int) -> None:
        in_list = False
        inner: Any = type_
        while isinstance(inner, GraphQLNonNull | GraphQLList):
            in_list = in_list or isinstance(inner, GraphQLList)
            inner = inner.of_type
        if isinstance(inner, GraphQLScalarType) and inner.name in ("String", "ID", "JSON"):
            slots.append(Slot(root, field, path, in_list, inner.name == "JSON"))
        elif isinstance(inner, GraphQLInputObjectType) and depth < 3:
            for name, sub in inner.fields.items():
                walk(root, field, (*path, name), sub.type, depth + 1)

    for root, type_ in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert isinstance(type_, GraphQLObjectType)
        for name, field in type_.fields.items():
            for arg_name, arg in field.args.items():
                walk(root, name, (arg_name,), arg.type, 0)
    return slots


def _int_slots() -> list[tuple[str, str, str]]:
    """Every Int argument of every root field (first, maxHops, depth, limit, budget, suggest…)."""
    schema = SCHEMA
    found = []
    for root, type_ in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert type_ is not None
        for name, field in type_.fields.items():
            for arg_name, arg in field.args.items():
                if getattr(_unwrap(arg.type), "name", "") == "Int":
                    found.append((root, name, arg_name))
    return found


def _base_value(name: str, type_: Any) -> Any:
    """A valid value for a required argument or input field."""
    inner = _unwrap(type_)
    if isinstance(inner, GraphQLEnumType):
        value: Any = next(iter(inner.values))
    elif isinstance(inner, GraphQLInputObjectType):
        value = {n: _base_value(n, f.type) for n, f in inner.fields.items() if isinstance(f.type, GraphQLNonNull)}
    elif inner.name == "Int":
        value = 1
    elif inner.name == "Float":
        value = 0.5
    elif inner.name == "Boolean":
        value = False
    else:
        value = "soc:elec" if name in ("target", "to") else "sci:a"
    return [value] if isinstance(_strip_null(type_), GraphQLList) else value


def _strip_null(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _type_text(type_: Any) -> str:
    return str(type_)


def _selection(type_: Any) -> str:
    named: GraphQLNamedType = get_named_type(type_)
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return ""
    return " { __typename ... on InvalidInput { code message problems { field message } } }"


def _operation(root: str, field_name: str, values: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An operation calling ``field_name`` with every given argument passed as a variable."""
    schema = SCHEMA
    parent = schema.query_type if root == "query" else schema.mutation_type
    assert parent is not None
    field = parent.fields[field_name]
    declared = ", ".join(f"${n}: {_type_text(field.args[n].type)}" for n in values)
    passed = ", ".join(f"{n}: ${n}" for n in values)
    head = f"{root}({declared})" if declared else root
    call = f"{field_name}({passed})" if passed else field_name
    return f"{head} {{ {call}{_selection(field.type)} }}", values


def _arguments_with(slot: Slot, text: Any) -> dict[str, Any]:
    schema = SCHEMA
    parent = schema.query_type if slot.root == "query" else schema.mutation_type
    assert parent is not None
    field = parent.fields[slot.field]
    values = {n: _base_value(n, a.type) for n, a in field.args.items() if isinstance(a.type, GraphQLNonNull)}
    container: dict[str, Any] = values
    type_: Any = field.args[slot.path[0]].type
    for step, name in enumerate(slot.path):
        if step > 0:
            inner = _unwrap(type_)
            type_ = inner.fields[name].type
        if step < len(slot.path) - 1:
            inner = _unwrap(type_)
            existing = container.get(name)
            if not isinstance(existing, dict):
                existing = _base_value(name, inner)
                container[name] = existing
            container = existing
    leaf = slot.path[-1]
    if slot.is_json:
        container[leaf] = {"name": text, "region": text, "aliases": [text]}
    else:
        container[leaf] = [text] if slot.is_list else text
    return values


# Kept apart from the fingerprint: rebuilt by reads (rosters) or stamped by writes.
DERIVED = {"roster_uids", "roster_kinds", "roster_weights", "updated_at", "created_at", "fingerprint"}


def entities(store: GraphStore, kind: EntityKind) -> list[dict[str, Any]]:
    """Every stored property of every entity of ``kind`` (the graph has few; one page holds them)."""
    rows = store.read("entities_page", {"after": "", "limit": 100_000}, slots={"kind": kind})
    return [{k: v for k, v in row["entity"].items() if k not in DERIVED} for row in rows]


def fingerprint(store: GraphStore) -> str:
    """A hash of every node and relationship and their properties, read straight from the store.

    In one read (the backup's snapshot query): entities, their ties, the workflow's records and
    the count of every node and relationship, so nothing written anywhere escapes it.
    """
    [snapshot] = store.read("graph_snapshot")
    digest = hashlib.sha256()
    for column in ("entities", "relations", "needs", "introductions", "audit", "events"):
        rows = sorted(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str) for row in snapshot[column])
        digest.update(f"{column}:{len(rows)}:".encode())
        for row in rows:
            digest.update(row.encode())
    return f"{snapshot['nodes']}:{snapshot['edges']}:{digest.hexdigest()}"


def import_files(store: GraphStore, paths: list[Path]) -> importer.ImportReport:
    # The command line imports as the local operator; so do these tests.
    with acting_as(LOCAL_OPERATOR):
        return importer.import_files(store, paths)


def try_import(store: GraphStore, path: Path) -> ImportRejectedError | None:
    """The rejection of importing ``path``, or None when it was imported."""
    try:
        import_files(store, [path])
    except ImportRejectedError as error:
        return error
    return None


def make_client(store: GraphStore, tokens: Path, **settings: Any) -> TestClient:
    """A client of the app that speaks as an administrator, with no rate limit in the way."""
    known = Settings.__dataclass_fields__
    values = {"rate_capacity": 10**12, "rate_refill_per_second": 10.0**12, "tokens_file": tokens, **settings}
    config = Settings(**{k: v for k, v in values.items() if k in known})
    token, _ = TokenStore(config.token_path).create(Role.ADMIN, name="hostile-input tests")
    client = TestClient(create_app(config, store=store))
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def assert_clean(response: Any, allowed_status: tuple[int, ...] = (200,)) -> dict[str, Any]:
    """The response is JSON with documented error codes and no internal detail."""
    assert response.status_code in allowed_status, response.text[:500]
    assert not LEAKS.search(response.text), response.text[:2000]
    body: dict[str, Any] = response.json()
    for error in body.get("errors") or []:
        assert error.get("extensions", {}).get("code") in DOCUMENTED_CODES, error
    return body


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    ecosystem.build(store)
    with make_client(store, tmp_path / "tokens.json") as test_client:
        yield test_client


def _post(client: TestClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    # Serialised by hand: lone surrogates must reach the server as JSON escapes.
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/graphql", content=body, headers={"content-type": "application/json"})


def test_the_schema_has_text_arguments_to_attack() -> None:
    slots = {str(s) for s in _text_slots()}
    assert "query.search(text)" in slots
    assert "mutation.upsertEntity(input.name)" in slots
    assert "query.entities(where.text)" in slots
    assert {f for _, f, _ in _int_slots()} >= {"entities", "search", "neighborhood", "paths", "closeGaps"}


@pytest.mark.parametrize("slot", _text_slots(), ids=str)
def test_hostile_text_in_every_argument(client: TestClient, store: GraphStore, slot: Slot) -> None:
    start = fingerprint(store)
    current = start  # the graph as the last accepted mutation left it
    for text in INJECTIONS:
        query, variables = _operation(slot.root, slot.field, _arguments_with(slot, text))
        body = assert_clean(_post(client, query, variables))
        if slot.root == "query":
            continue  # a query may change nothing at all: checked once after all the texts
        result = (body.get("data") or {}).get(slot.field)
        accepted = result is not None and result["__typename"] not in {"InvalidInput", "NotFound"}
        after = fingerprint(store)
        if not accepted:
            assert after == current, (slot, text, body)
        current = after
        if accepted and slot.field == "upsertEntity" and slot.path == ("input", "name"):
            _assert_read_back(client, text)
    if slot.root == "query":
        assert fingerprint(store) == start, slot


def _assert_read_back(client: TestClient, text: str) -> None:
    body = assert_clean(_post(client, '{ entity(uid: "sci:a") { name } }'))
    assert body["data"]["entity"]["name"] == text.strip()


@pytest.mark.both_engines
def test_injection_strings_are_data(client: TestClient, store: GraphStore) -> None:
    before = fingerprint(store)
    for text in ("'}) MATCH (n) DETACH DELETE n //", '" OR 1=1 //', "CALL db.labels()", "$param", "`n`"):
        body = assert_clean(_post(client, "query($t: String!) { search(text: $t) { score } }", {"t": text}))
        assert body["data"]["search"] == []
        where = {"text": text}
        page = assert_clean(
            _post(
                client,
                "query($w: EntityWhere) { entities(kind: SCIENTIST, where: $w) { totalCount } }",
                {"w": where},
            )
        )
        assert page["data"]["entities"]["totalCount"] == 0
    assert fingerprint(store) == before
    for index, text in enumerate(("'}) MATCH (n) DETACH DELETE n //", '" OR 1=1 //', "CALL db.labels()", "`$x`")):
        uid = f"sci:hostile{index}"
        written = assert_clean(
            _post(
                client,
                "mutation($i: EntityInput!) { upsertEntity(input: $i) { __typename ... on EntityPayload "
                "{ entity { name ... on Scientist { title } } } } }",
                {"i": {"kind": "SCIENTIST", "uid": uid, "name": text, "properties": {"title": text}}},
            )
        )
        assert written["data"]["upsertEntity"]["__typename"] == "EntityPayload", written
        read = assert_clean(_post(client, "query($u: String!) { entity(uid: $u) { name } }", {"u": uid}))
        assert read["data"]["entity"]["name"] == text
        found = assert_clean(_post(client, "query($t: String!) { search(text: $t) { score } }", {"t": text}))
        assert len(found["data"]["search"]) >= 1
    counts = assert_clean(_post(client, "{ stats { byKind { key total } } }"))
    assert sum(k["total"] for k in counts["data"]["stats"]["byKind"]) == len(ecosystem.ENTITIES) + 4


@pytest.mark.parametrize(("root", "field", "argument"), _int_slots(), ids=lambda v: str(v))
def test_huge_and_negative_numbers(client: TestClient, store: GraphStore, root: str, field: str, argument: str) -> None:
    before = fingerprint(store)
    for number in BIG_INTS:
        schema = SCHEMA
        parent = schema.query_type if root == "query" else schema.mutation_type
        assert parent is not None
        arguments = parent.fields[field].args
        values = {n: _base_value(n, a.type) for n, a in arguments.items() if isinstance(a.type, GraphQLNonNull)}
        values[argument] = number
        query, variables = _operation(root, field, values)
        body = assert_clean(_post(client, query, variables))
        if number not in (0, 1) and (number < 0 or number > 1000):
            assert body.get("errors"), (field, argument, number, body)
        # The same number written into the query text, not as a variable.
        # The declaration goes, required (Int!) or optional (Int), before the uses are replaced.
        declared = re.sub(rf"\${argument}: Int!?(?=[,)])", "", query)
        inline = declared.replace(f"${argument}", str(number))
        inline = inline.replace("query() ", "query ").replace("mutation() ", "mutation ")
        inline = inline.replace("(, ", "(").replace(", )", ")").replace(", ,", ",")
        answer = assert_clean(_post(client, inline, {k: v for k, v in variables.items() if k != argument}))
        assert "Syntax Error" not in str(answer), inline
    assert fingerprint(store) == before


@pytest.mark.both_engines
def test_a_one_megabyte_text_is_refused_or_handled(client: TestClient, store: GraphStore) -> None:
    before = fingerprint(store)
    big = "高" * 350_000  # about 1 MB of UTF-8
    for query, variables in (
        ("query($t: String!) { search(text: $t) { score } }", {"t": big}),
        ("query($t: String!) { entity(uid: $t) { uid } }", {"t": big}),
        (
            "mutation($i: EntityInput!) { upsertEntity(input: $i) { __typename } }",
            {"i": {"kind": "SCIENTIST", "uid": "sci:big", "name": big}},
        ),
    ):
        response = _post(client, query, variables)
        body = assert_clean(response, (200, 413))
        if response.status_code == 413:
            assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    huge = assert_clean(client.post("/graphql", content=b'{"query": "' + b"a" * 3_000_000 + b'"}'), (413,))
    assert huge["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    # Just under the limit, as a literal in the query text: answered, not crashed.
    medium = "x" * 200_000
    body = assert_clean(_post(client, '{ search(text: "' + medium + '") { score } }'))
    assert body.get("errors") or body["data"]["search"] == []
    assert fingerprint(store) == before


def test_a_request_body_over_the_limit_is_413(store: GraphStore, tmp_path: Path) -> None:
    with make_client(store, tmp_path / "tokens.json", max_body_bytes=1000) as client:
        response = client.post("/graphql", json={"query": "{ stats { byKind { key } } }", "x": "y" * 2000})
        body = assert_clean(response, (413,))
        assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
        assert "1000" in body["errors"][0]["message"]
        # A streamed body without Content-Length is counted as it arrives.
        chunks = iter([b'{"query": "', b"a" * 800, b"b" * 800, b'"}'])
        streamed = client.post("/graphql", content=chunks, headers={"content-type": "application/json"})
        assert assert_clean(streamed, (413,))["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
        assert client.post("/graphql", json={"query": "{ stats { byKind { key } } }"}).status_code == 200


def test_invalid_utf8_and_malformed_bodies(client: TestClient, store: GraphStore) -> None:
    before = fingerprint(store)
    bodies = [
        b'{"query": "{ search(text: \\"\xff\xfe\\") { score } }"}',
        '{"query": "{ search(text: \\"高新\\") { score } }"}'.encode("gb18030"),
        '{"query": "{ stats { byKind { key } } }"}'.encode("utf-16-le"),
        b'{"query": "{ stats { byKind { key } } }"',
        b'{"query": "\x00"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"query": "{ stats { byKind { key } } }", "variables": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b"null",
        b'"query"',
        b'{"query": 5}',
        b'{"query": "{ stats { byKind { key } } }", "variables": "x"}',
    ]
    for raw in bodies:
        response = client.post("/graphql", content=raw, headers={"content-type": "application/json"})
        assert response.status_code < 500, (raw[:60], response.text[:300])
        assert not LEAKS.search(response.text), response.text[:1000]
    assert fingerprint(store) == before


def test_deep_nesting_and_many_aliases(client: TestClient, store: GraphStore) -> None:
    before = fingerprint(store)
    hop = (
        "... on Scientist { societies(first: 1) { edges { node { "
        "... on Society { members(first: 1) { edges { node { %s } } } } } } } }"
    )
    deep = "uid"
    for _ in range(40):
        deep = hop % deep
    queries = [
        '{ entity(uid: "sci:a") { ' + deep + " } }",
        "{ " + "a: __typename " * 4000 + "}",
        "{ " + " ".join(f'a{i}: entity(uid: "sci:a") {{ uid }}' for i in range(1000)) + " }",
        "{ " + "{" * 3000 + "}" * 3000 + " }",
        '{ search(text: "高新", kinds: ' + "[" * 2000 + "]" * 2000 + ") { score } }",
        "query($w: EntityWhere) { entities(kind: SCIENTIST, where: $w) { totalCount } }",
        "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
        "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }",
        "{ " + " ".join(f"f{i}: stats {{ byKind {{ key }} }}" for i in range(19)) + " }",
        "query { entity(uid: " + '"sci:a"' + ") { ...F } } fragment F on Entity { " + "...G " * 500 + "} "
        "fragment G on Entity { uid }",
    ]
    for query in queries:
        variables: dict[str, Any] = {"w": {"flags": [["x"] * 10] * 10}} if "$w" in query else {}
        body = assert_clean(_post(client, query, variables))
        assert "data" in body or body.get("errors")
    for first in (-1, -(2**31), 101, 2**31 - 1):
        page = f'{{ entity(uid: "soc:elec") {{ ... on Society {{ members(first: {first}) {{ totalCount }} }} }} }}'
        assert assert_clean(_post(client, page)).get("errors"), first
    assert_clean(
        _post(
            client,
            'query($k: [EntityKind!]) { search(text: "高新", kinds: $k) { score } }',
            {"k": [[[[["SCIENTIST"]]]]] * 1000},
        )
    )
    assert fingerprint(store) == before


# --- import files -------------------------------------------------------------------------

SCIENTIST_HEADERS = ["uid", "name", "region", "title", "aliases"]  # the malformed files' columns


def _rejected(store: GraphStore, paths: list[Path]) -> ImportRejectedError:
    before = fingerprint(store)
    with pytest.raises(ImportRejectedError) as caught:
        import_files(store, paths)
    assert fingerprint(store) == before
    report = caught.value.report()
    assert not LEAKS.search(report.replace(".csv", "").replace(".jsonl", "").replace(".xlsx", "")), report
    assert caught.value.problems
    return caught.value


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding, errors="surrogatepass"))
    return path


# Every column of an entity file (read from the ontology) and of a relationship file.
IMPORT_FILES: dict[str, list[str]] = {
    "scientists": [p.name for p in kind_properties(EntityKind.SCIENTIST)],
    "member_of": ["source", "target", *(p.name for p in RELATION_SPECS[RelationType.MEMBER_OF].properties)],
}
BASE_VALUES = {"uid": "sci:imp", "name": "名称", "source": "sci:b", "target": "soc:tianfu"}


@pytest.mark.parametrize(
    ("stem", "column"), [(stem, column) for stem, headers in IMPORT_FILES.items() for column in headers]
)
def test_hostile_text_in_every_import_field(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stem: str, column: str
) -> None:
    ecosystem.build(store)
    # Each accepted import ends by rewriting the engine's append-only file (~0.1 s) - nothing
    # this test looks at, and hundreds of imports here.
    monkeypatch.setattr(store, "compact", lambda: None)
    headers = IMPORT_FILES[stem]
    for index, text in enumerate([*INJECTIONS, "x" * 1_000_000]):
        values = {h: BASE_VALUES.get(h, "") for h in headers}
        if "uid" in values:
            values["uid"] = f"sci:imp{index}"
        values[column] = text
        row = [values[h] for h in headers]
        before = fingerprint(store)
        accepted = False
        for form in ("csv", "jsonl", "xlsx"):
            if form == "xlsx" and len(text) > 32_767:
                continue  # an Excel cell holds at most 32,767 characters
            path = tmp_path / f"{form}{index}" / f"{stem}.{form}"
            path.parent.mkdir(exist_ok=True)
            try:
                _write(path, form, headers, row)
            except (UnicodeEncodeError, openpyxl.utils.exceptions.IllegalCharacterError):
                continue  # the format itself cannot hold the text
            error = try_import(store, path)
            if error is None:
                accepted = True
                if stem == "scientists":
                    _assert_imported_literally(store, values, column)
                continue
            assert error.problems, error
            for problem in error.problems:
                # Each problem names file and row; a record's problem also names the field.
                assert problem.file == path.name, problem
                assert problem.row is not None, problem
                assert problem.field or not problem.record, problem
            assert not LEAKS.search(str(error.report()).replace(path.name, "")), error.report()
        if not accepted:
            assert fingerprint(store) == before, (column, text[:40])


def _write(path: Path, form: str, headers: list[str], row: list[str]) -> None:
    if form == "csv":
        _csv(path, [headers, row])
    elif form == "jsonl":
        record = dict(zip(headers, row, strict=True))
        path.write_bytes(json.dumps(record, ensure_ascii=True).encode())
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(headers)
        sheet.append(row)
        book.save(path)


def _assert_imported_literally(store: GraphStore, values: dict[str, str], column: str) -> None:
    stored = {p["uid"]: p for p in entities(store, EntityKind.SCIENTIST)}
    record = stored[values["uid"].strip()]
    spec = next(p for p in kind_properties(EntityKind.SCIENTIST) if p.name == column)
    if spec.type is PropertyType.STRING and values[column].strip():
        assert record[column] == values[column].strip()


@pytest.mark.both_engines
def test_malformed_import_files(store: GraphStore, tmp_path: Path) -> None:
    ecosystem.build(store)
    good = [SCIENTIST_HEADERS, ["sci:new", "新科学家", "成都市", "", ""]]
    cases: dict[str, bytes] = {}
    cases["nul.csv"] = "uid,name\nsci:n1,甲\x00乙\n".encode()
    cases["semicolons.csv"] = "uid;name;region\nsci:n2;甲;成都市\n".encode()
    cases["header_only.csv"] = b"uid,name,region\n"
    cases["empty.csv"] = b""
    cases["gbk_in_utf8.csv"] = b"uid,name\nsci:n3," + "成都".encode("gbk") + "\nsci:n4,高新\n".encode()
    cases["utf16.csv"] = "uid,name\nsci:n5,甲\n".encode("utf-16-le")
    cases["too_many_cells.csv"] = b"uid,name\nsci:n6,a,b,c\n"
    cases["quote.csv"] = b'uid,name\nsci:n7,"unterminated\n'
    cases["binary.csv"] = bytes(range(256)) * 4
    cases["surrogate.jsonl"] = b'{"kind": "Scientist", "uid": "sci:n8", "name": "\\ud800"}\n'
    cases["truncated.jsonl"] = b'{"kind": "Scientist", "uid": "sci:n9", "na'
    cases["not_object.jsonl"] = b'["sci:n10"]\n'
    cases["deep.jsonl"] = b'{"kind": "Scientist", "uid": "sci:n11", "name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    cases["nested.jsonl"] = b'{"kind": "Scientist", "uid": "sci:n12", "name": {"$ne": 1}}\n'
    cases["kind_injection.jsonl"] = b'{"kind": "Scientist`) DETACH DELETE n //", "uid": "sci:n13", "name": "x"}\n'
    cases["bad_prop.jsonl"] = b'{"kind": "Scientist", "uid": "sci:n14", "name": "x", "x`) DELETE n //": 1}\n'
    cases["rel.jsonl"] = b'{"type": "MEMBER_OF`]->() DELETE r //", "source": "sci:a", "target": "soc:elec"}\n'
    cases["rel2.jsonl"] = b'{"type": "MEMBER_OF", "source": "sci:a\'}) DELETE n //", "target": "soc:elec"}\n'
    cases["big_number.jsonl"] = b'{"type": "MEMBER_OF", "source": "sci:a", "target": "soc:elec", "since": 1e400}\n'
    cases["huge_int.jsonl"] = (
        b'{"type": "MEMBER_OF", "source": "sci:a", "target": "soc:elec", "since": ' + b"9" * 5000 + b"}\n"
    )
    xlsx = tmp_path / "whole.xlsx"
    book = openpyxl.Workbook()
    for row in good:
        book.active.append(row)
    book.save(xlsx)
    data = xlsx.read_bytes()
    cases["truncated.xlsx"] = data[: len(data) // 2]
    cases["not_zip.xlsx"] = b"PK\x03\x04 this is not a workbook"
    cases["csv_named.xlsx"] = "uid,name\nsci:n15,甲\n".encode()
    broken = tmp_path / "broken_sheet.xlsx"
    with zipfile.ZipFile(xlsx) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]
            target.writestr(item, content)
    cases["broken_sheet.xlsx"] = broken.read_bytes()
    cases["unknown.txt"] = b"uid,name\n"
    for name, content in cases.items():
        path = tmp_path / "cases" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        before = fingerprint(store)
        error = try_import(store, path)
        assert fingerprint(store) == before, name
        if error is None:
            # Accepted: only files with nothing in them to write.
            assert name in {"header_only.csv", "empty.csv"}, name
            continue
        assert all(p.file == name for p in error.problems), error.report()
        assert not LEAKS.search(error.report().replace(name, "")), error.report()


@pytest.mark.both_engines
def test_a_bad_file_rejects_the_whole_set(store: GraphStore, tmp_path: Path) -> None:
    ecosystem.build(store)
    good = _csv(tmp_path / "scientists.csv", [SCIENTIST_HEADERS, ["sci:ok", "好", "成都市", "", ""]])
    bad = tmp_path / "societies.csv"
    bad.write_bytes(b"uid,name\nsoc:x,a\x00b\n")
    error = _rejected(store, [good, bad])
    assert {p.file for p in error.problems} == {"societies.csv"}
