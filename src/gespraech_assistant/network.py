"""Warm paths: the contact list matched against the target list as a graph.

Nodes are the user ("me"), people, companies and groups (alumni, clubs, boards). Edges come from
contacts.csv (primary, introduced_by, current company), targets.csv (listed contacts), free text
in contact notes and in notes about a person (former employers, affiliations) and mentions of
other contacts in history and notes. Company names are matched tolerantly (legal forms, case,
accents ignored). Path search is one hop-bounded Dijkstra from the user for all targets at once,
so `match` on thousands of contacts stays fast.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Literal

import networkx as nx
from pydantic import BaseModel, Field

from gespraech_assistant import affiliations
from gespraech_assistant.errors import UsageError, ambiguous_name
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import find_contacts, load_contacts, load_targets
from gespraech_assistant.models import Contact, Target
from gespraech_assistant.textnorm import fold, words
from gespraech_assistant.textnorm import normalize_company as _normalize_company
from gespraech_assistant.textnorm import normalize_name as _normalize_name
from gespraech_assistant.workspace import Workspace

# The same company and person names come up thousands of times in a LinkedIn-sized list.
normalize_company = functools.lru_cache(maxsize=65536)(_normalize_company)
normalize_name = functools.lru_cache(maxsize=65536)(_normalize_name)


@functools.lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """Folded words of a note; each note is read for mentions, industries and places."""
    return tuple(words(text))


ME = "me"
DEFAULT_MAX_HOPS = 3
# Order matters: direct primary > introduced_by > works at > listed contact > former employer >
# shared affiliation > mention. A path's strength is the product of its edges.
STRENGTH = {
    "primary": 0.95,
    "introduced": 0.85,
    "works_at": 0.8,
    "contact_for": 0.7,
    "former": 0.6,
    "affiliation": 0.45,
    "mention": 0.35,
}
# Both were at a company, but nothing says they were there at the same time: weaker than
# colleagues.
SHARED_PAST_FACTOR = 0.7
# Person -> group -> person is two edges; each half carries the square root so the pair is 0.45.
_GROUP_EDGE = math.sqrt(STRENGTH["affiliation"])
PRIORITY_ORDER = {"A": 0, "B": 1, "C": 2, None: 3}
MAX_NOTE_BYTES = 500_000

StepKind = Literal[
    "primary",
    "introduced",
    "introduced_by",
    "works_at",
    "contact_for",
    "former",
    "colleague",
    "former_colleague",
    "shared_past",
    "shared",
    "mention",
]

# Relationship tags shown as the reason for a primary contact: folded tag -> (de, en).
RELATION_TAGS = {
    "ex-kollege": ("Ex-Kollege", "ex-colleague"),
    "ex-kollegin": ("Ex-Kollegin", "ex-colleague"),
    "exkollege": ("Ex-Kollege", "ex-colleague"),
    "ex-colleague": ("Ex-Kollege", "ex-colleague"),
    "former colleague": ("Ex-Kollege", "ex-colleague"),
    "kollege": ("Kollege", "colleague"),
    "kollegin": ("Kollegin", "colleague"),
    "colleague": ("Kollege", "colleague"),
    "ex-chef": ("Ex-Chef", "former boss"),
    "ex-chefin": ("Ex-Chefin", "former boss"),
    "ex-boss": ("Ex-Chef", "former boss"),
    "nachbar": ("Nachbar", "neighbour"),
    "nachbarin": ("Nachbarin", "neighbour"),
    "neighbour": ("Nachbar", "neighbour"),
    "neighbor": ("Nachbar", "neighbour"),
    "freund": ("Freund", "friend"),
    "freundin": ("Freundin", "friend"),
    "friend": ("Freund", "friend"),
    "mentor": ("Mentor", "mentor"),
    "mentorin": ("Mentorin", "mentor"),
    "studienkollege": ("Studienkollege", "fellow student"),
    "studienkollegin": ("Studienkollegin", "fellow student"),
    "alumni": ("Alumni", "alumni"),
    "familie": ("Familie", "family"),
    "family": ("Familie", "family"),
    "coach": ("Coach", "coach"),
    "kunde": ("Kunde", "client"),
    "kundin": ("Kundin", "client"),
    "client": ("Kunde", "client"),
    "dienstleister": ("Dienstleister", "service provider"),
    "lieferant": ("Lieferant", "supplier"),
    "supplier": ("Lieferant", "supplier"),
    "verein": ("Verein", "club"),
    "turnverein": ("Turnverein", "sports club"),
}
# Industry words folded onto one canonical stem, so 'Medizintechnik' matches the tag 'medtech'.
_INDUSTRY_STEMS = [
    ("medtech", ("medtech", "medizintech", "medizinaltech", "medical device", "medizinprodukt")),
    ("pharma", ("pharma",)),
    ("logistik", ("logisti", "spedition", "supply chain")),
    (
        "energie",
        ("energ", "strom", "solar", "wind", "batterie", "battery", "stadtwerk", "kraftwerk"),
    ),
    ("digital health", ("digital health", "digital-health", "ehealth", "e-health")),
    ("bank", ("bank", "finanz", "finance")),
    ("versicherung", ("versicher", "insuranc")),
    ("beratung", ("berat", "consult")),
    ("it", ("software", "informatik", "iot", "telekom", "telecom")),
    ("maschinenbau", ("maschinenbau", "machine", "industrie")),
    ("spital", ("spital", "hospital", "klinik", "gesundheit")),
    ("handel", ("handel", "retail", "detailhandel")),
]


# ---------------------------------------------------------------- contracts


class PathStep(BaseModel):
    kind: StepKind
    name: str = Field(description="the person or company this step reaches")
    node_type: Literal["person", "company", "group"]
    via: str = Field(default="", description="shared company or group for colleague/shared steps")
    detail: str = Field(default="", description="reason, e.g. the tags of a primary contact")
    strength: float
    text: str


class WarmPath(BaseModel):
    target: str
    steps: list[PathStep]
    hops: int = Field(description="people between you and the target, the target person included")
    strength: float
    text: str


class Suggestion(BaseModel):
    name: str
    company: str = ""
    reasons: list[str]


class PathsResult(BaseModel):
    target: str
    target_kind: Literal["company", "person", "unknown"]
    priority: str | None = None
    max_hops: int
    warm: bool
    paths: list[WarmPath]
    suggestions: list[Suggestion] = Field(default_factory=list)
    mentioned_in: list[str] = Field(
        default_factory=list, description="notes naming a target that is on neither list"
    )
    message: str


class MatchItem(BaseModel):
    company: str
    priority: str | None
    industry: str = ""
    location: str = ""
    warm: bool
    path: WarmPath | None = None
    advice: str = ""
    suggestions: list[Suggestion] = Field(default_factory=list)


class MatchReport(BaseModel):
    items: list[MatchItem]
    warm: int
    total: int
    max_hops: int
    summary: str


class WalkthroughItem(BaseModel):
    company: str
    priority: str | None
    reasons: list[str]
    known_contacts: list[str]
    score: float


# ---------------------------------------------------------------- companies


class CompanyIndex:
    """Canonical company keys: 'ALPENBLICK MEDTECH SA' and 'Alpenblick' -> 'alpenblick medtech'."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._by_first: dict[str, list[str]] = defaultdict(list)

    def add(self, name: str) -> str:
        key = self.resolve(name) or normalize_company(name)
        if key and key not in self.names:
            self.names[key] = name.strip()
            self._by_first[key.split()[0]].append(key)
        return key

    def resolve(self, name: str) -> str | None:
        """The known key for a name, or None. A leading word sequence is enough if unambiguous."""
        key = normalize_company(name)
        if not key:
            return None
        if key in self.names:
            return key
        parts = key.split()
        candidates = [
            known
            for known in self._by_first.get(parts[0], [])
            if _prefix_match(parts, known.split())
        ]
        return candidates[0] if len(candidates) == 1 else None

    def resolve_prefix(self, name: str) -> str | None:
        """'Medivo GmbH Leiter Einkauf' -> 'medivo': the longest leading words naming a company."""
        parts = name.split()
        for end in range(len(parts), 0, -1):
            key = self.resolve(" ".join(parts[:end]))
            if key:
                return key
        return None


def _prefix_match(a: list[str], b: list[str]) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_[: len(short)] == short and len(short[0]) >= 4


# ---------------------------------------------------------------- the graph


@dataclass
class Network:
    """The graph and the lookups built once per command."""

    ws: Workspace
    graph: nx.Graph
    contacts: list[Contact]
    targets: list[Target]
    companies: CompanyIndex
    person_ids: dict[str, list[str]] = field(default_factory=dict)  # normalized name -> ids
    company_notes: dict[str, list[str]] = field(default_factory=dict)  # company key -> texts
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (path, company, body)
    _best: dict[int, dict[str, tuple[float, list[str]]]] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.ws.language

    def target_key(self, target: Target) -> str:
        return self.companies.resolve(target.company) or normalize_company(target.company)

    def person_id(self, contact: Contact) -> str | None:
        ids = self.person_ids.get(normalize_name(contact.name), [])
        for pid in ids:
            node = self.graph.nodes[pid]
            if same_key(node.get("company_key", ""), normalize_company(contact.company)):
                return pid
        return ids[0] if ids else None

    def best_paths(self, max_hops: int) -> dict[str, tuple[float, list[str]]]:
        if max_hops not in self._best:
            self._best[max_hops] = _bounded_dijkstra(self.graph, ME, max_hops)
        return self._best[max_hops]


def same_key(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or _prefix_match(a.split(), b.split()))


def _link(graph: nx.Graph, a: str, b: str, kind: str, strength: float, **attrs: str) -> None:
    """Keep the strongest reason between two nodes."""
    if a == b:
        return
    current = graph.get_edge_data(a, b)
    kinds = {kind} | (current["kinds"] if current else set())
    if current and current["strength"] >= strength:
        current["kinds"] = kinds
        return
    graph.add_edge(
        a, b, kind=kind, kinds=kinds, strength=strength, cost=-math.log(strength), **attrs
    )


def _read_notes(folder: Path) -> list[tuple[str, dict[str, str], str]]:
    """(relative path, front matter, body) of every Markdown file below folder."""
    from gespraech_assistant.index.chunking import parse_front_matter, read_note_text

    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            if path.stat().st_size > MAX_NOTE_BYTES:
                continue
            text, _problem = read_note_text(path)
        except OSError:
            continue
        parsed = parse_front_matter(text)
        body = "\n".join(line for _, line in parsed.body_lines)
        out.append((f"{folder.name}/{path.relative_to(folder).as_posix()}", parsed.meta, body))
    return out


class _Builder:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.graph = nx.Graph()
        self.companies = CompanyIndex()
        self.person_ids: dict[str, list[str]] = defaultdict(list)
        self.company_notes: dict[str, list[str]] = defaultdict(list)
        self.notes: list[tuple[str, str, str]] = []

    def build(self) -> Network:
        contacts = load_contacts(self.ws.contacts_path, self.ws.root).records
        targets = load_targets(self.ws.targets_path, self.ws.root).records
        self.graph.add_node(ME, type="me", label=msg(self.ws.language, de="Ich", en="me"))
        for target in targets:
            self._target(target)
        for contact in contacts:
            self._person(contact)
        for contact in contacts:
            self._contact_edges(contact)
        for target in targets:
            self._listed_contacts(target)
        self._notes()
        return Network(
            ws=self.ws,
            graph=self.graph,
            contacts=contacts,
            targets=targets,
            companies=self.companies,
            person_ids=dict(self.person_ids),
            company_notes=dict(self.company_notes),
            notes=self.notes,
        )

    # nodes
    def _company(self, name: str) -> str:
        key = self.companies.add(name)
        node = f"c:{key}"
        if node not in self.graph:
            self.graph.add_node(node, type="company", label=self.companies.names[key], key=key)
        return node

    def _target(self, target: Target) -> None:
        node = self._company(target.company)
        self.graph.nodes[node].update(
            target=True,
            priority=target.priority,
            industry=target.industry,
            location=target.location,
            label=target.company.strip(),
        )

    def _person(self, contact: Contact) -> str:
        norm = normalize_name(contact.name)
        pid = f"p:{norm}" if not self.person_ids[norm] else f"p:{norm}#{len(self.person_ids[norm])}"
        self.person_ids[norm].append(pid)
        company_key = self.companies.add(contact.company) if contact.company.strip() else ""
        self.graph.add_node(
            pid,
            type="person",
            label=contact.name.strip(),
            relation=contact.relation,
            company=contact.company.strip(),
            company_key=company_key,
            tags=contact.tags,
            contact=contact,
        )
        return pid

    def _find_person(self, name: str) -> str | None:
        ids = self.person_ids.get(normalize_name(name))
        return ids[0] if ids else None

    def _group(self, kind: str, name: str) -> str:
        key = normalize_company(name)
        node = f"g:alumni {key}" if kind == "alumni" else f"g:{key}"
        if node not in self.graph:
            label = name.strip()
            if kind == "alumni":
                label = msg(self.ws.language, de="{n}-Alumni", en="{n} alumni", n=label)
            self.graph.add_node(node, type="group", label=label, key=key)
        return node

    # edges
    def _contact_edges(self, contact: Contact) -> None:
        pid = self._find_person_exact(contact)
        if contact.relation == "primary":
            _link(self.graph, ME, pid, "primary", STRENGTH["primary"])
        if contact.introduced_by.strip():
            introducer = self._find_person(contact.introduced_by) or self._external(
                contact.introduced_by
            )
            _link(
                self.graph,
                introducer,
                pid,
                "introduced",
                STRENGTH["introduced"],
                introducer=introducer,
            )
        if contact.company.strip():
            _link(self.graph, pid, self._company(contact.company), "works_at", STRENGTH["works_at"])
        if contact.notes.strip():
            self._affiliations(pid, contact.notes, "contacts.csv")
            self._mentions(pid, contact.notes, "contacts.csv")

    def _find_person_exact(self, contact: Contact) -> str:
        for pid in self.person_ids[normalize_name(contact.name)]:
            if self.graph.nodes[pid]["contact"] is contact:
                return pid
        raise AssertionError(contact.name)  # every contact got a node in _person

    def _external(self, name: str) -> str:
        """Someone named as introducer who is not on the list: a node the user can't reach."""
        norm = normalize_name(name)
        pid = f"p:{norm}"
        if pid not in self.graph:
            self.graph.add_node(pid, type="person", label=name.strip(), relation="other")
            self.person_ids[norm].append(pid)
        return pid

    def _listed_contacts(self, target: Target) -> None:
        company = self._company(target.company)
        for name in re.split(r"[;,/\n]", target.contacts):
            pid = self._find_person(name) if name.strip() else None
            if pid:
                _link(self.graph, pid, company, "contact_for", STRENGTH["contact_for"])

    def _affiliations(self, pid: str, text: str, source: str) -> None:
        own_key = self.graph.nodes[pid].get("company_key", "")
        for aff in affiliations.extract_affiliations(text):
            if aff.kind == "former":
                key = self.companies.resolve_prefix(aff.name)
                if key is None and aff.certain:
                    key = self.companies.add(aff.name)
                if not key or same_key(key, own_key):
                    continue
                company = self._company(self.companies.names[key])
                _link(self.graph, pid, company, "former", STRENGTH["former"], source=source)
                edge = self.graph.get_edge_data(pid, company)
                if aff.start and aff.end and not edge.get("period"):
                    edge["period"] = (aff.start, aff.end)  # to tell colleagues from predecessors
            else:
                group = self._group(aff.kind, aff.name)
                _link(self.graph, pid, group, aff.kind, _GROUP_EDGE, source=source)

    def _mentions(self, pid: str, text: str, source: str) -> None:
        for other in self._mentioned_people(text):
            if other != pid:
                _link(self.graph, pid, other, "mention", STRENGTH["mention"], source=source)

    def _mentioned_people(self, text: str) -> set[str]:
        """Contacts named in full ('Martin Keller') in a text: word bigrams and trigrams."""
        tokens = _words(text)
        found: set[str] = set()
        for size in (2, 3):
            for i in range(len(tokens) - size + 1):
                ids = self.person_ids.get(" ".join(tokens[i : i + size]))
                if ids:
                    found.add(ids[0])
        return found

    def _notes(self) -> None:
        for rel, meta, body in _read_notes(self.ws.notes_dir):
            self.notes.append((rel, meta.get("company", ""), body))
            person = self._find_person(meta["person"]) if meta.get("person") else None
            if person:
                self._affiliations(person, body, rel)
                self._mentions(person, body, rel)
            elif meta.get("company"):
                key = self.companies.add(meta["company"])
                self.company_notes[key].append(body)
                self._company(meta["company"])
        for rel, meta, body in _read_notes(self.ws.history_dir):
            person = self._find_person(meta.get("contact", "")) if meta.get("contact") else None
            if person:
                self._mentions(person, body, rel)


_CACHE: dict[Path, tuple[tuple, Network]] = {}


def _signature(ws: Workspace) -> tuple:
    """What the graph is built from: a changed, added or removed file changes it."""
    files = [ws.contacts_path, ws.targets_path, ws.config_path]
    for folder in (ws.notes_dir, ws.history_dir):
        if folder.is_dir():
            files.extend(sorted(folder.rglob("*.md")))
    out = []
    for path in files:
        try:
            stat = path.stat()
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((str(path), None, None))
    return tuple(out)


def build_network(ws: Workspace) -> Network:
    """The graph of a workspace; rebuilt only when one of its files changed (the brief asks
    for the path to the partner and for the walkthrough in one run)."""
    signature = _signature(ws)
    cached = _CACHE.get(ws.root)
    if cached and cached[0] == signature and cached[1].language == ws.language:
        return cached[1]
    net = _Builder(ws).build()
    _CACHE.clear()  # one workspace at a time is enough; keeps memory flat
    _CACHE[ws.root] = (signature, net)
    return net


# ---------------------------------------------------------------- search


def _bounded_dijkstra(
    graph: nx.Graph, source: str, max_hops: int
) -> dict[str, tuple[float, list[str]]]:
    """Cheapest path to every node with at most max_hops people on it (the user not counted).

    States are (node, people so far), so a cheap long path never hides a valid shorter one.
    """
    best_state: dict[tuple[str, int], float] = {(source, 0): 0.0}
    pred: dict[tuple[str, int], tuple[str, int] | None] = {(source, 0): None}
    heap: list[tuple[float, int, str, int]] = [(0.0, 0, source, 0)]
    tie = count(1)
    result: dict[str, tuple[float, tuple[str, int]]] = {}
    # A state is useless once the node was settled cheaper (popped earlier) with no more hops.
    settled_hops: dict[str, int] = {}
    is_person = {n: d["type"] == "person" for n, d in graph.nodes(data=True)}
    adjacency = graph.adj
    inf = math.inf
    while heap:
        cost, _, node, hops = heapq.heappop(heap)
        if hops >= settled_hops.get(node, max_hops + 1):
            continue
        settled_hops[node] = hops
        if node not in result:
            result[node] = (cost, (node, hops))
        for neighbour, data in adjacency[node].items():
            n_hops = hops + 1 if is_person[neighbour] else hops
            if n_hops > max_hops or neighbour == source:
                continue
            if n_hops >= settled_hops.get(neighbour, max_hops + 1):
                continue
            new_cost = cost + data["cost"]
            state = (neighbour, n_hops)
            if new_cost < best_state.get(state, inf):
                best_state[state] = new_cost
                pred[state] = (node, hops)
                heapq.heappush(heap, (new_cost, next(tie), neighbour, n_hops))
    paths: dict[str, tuple[float, list[str]]] = {}
    for node, (cost, state) in result.items():
        path = []
        cursor: tuple[str, int] | None = state
        while cursor is not None:
            path.append(cursor[0])
            cursor = pred[cursor]
        paths[node] = (cost, path[::-1])
    return paths


def count_hops(graph: nx.Graph, path: list[str]) -> int:
    return sum(1 for n in path[1:] if graph.nodes[n]["type"] == "person")


def _primary_detail(net: Network, node: str) -> str:
    lang = net.language
    info = net.graph.nodes[node]
    notes = info["contact"].notes if info.get("contact") else ""
    in_notes = re.findall(r"[\w-]+", fold(notes)[:200])
    labels: dict[str, str] = {}  # keyed by the English label: 'Ex-Kollegin' == 'Ex-Kollege'
    for tag in in_notes + re.split(r"[;,]", info.get("tags", "")):
        pair = RELATION_TAGS.get(fold(tag).strip())
        if pair and pair[1] not in labels:
            labels[pair[1]] = pair[0] if lang == "de" else pair[1]
    return ", ".join(labels.values())


def _step_text(lang: str, kind: str, name: str, via: str, detail: str, source: str) -> str:
    de, en = {
        "primary": ("{name} (kenne ich direkt{detail})", "{name} (primary{detail})"),
        "introduced": ("hat {name} vorgestellt", "introduced {name}"),
        "introduced_by": ("wurde von {name} vorgestellt", "was introduced by {name}"),
        "works_at": ("arbeitet bei {name}", "works at {name}"),
        "contact_for": (
            "Ansprechperson bei {name} (Zielfirmenliste)",
            "contact at {name} (target list)",
        ),
        "former": ("früher bei {name}", "formerly at {name}"),
        "colleague": ("arbeitet mit {name} bei {via}", "works with {name} at {via}"),
        "former_colleague": (
            "kennt {name} von {via} (frühere Kollegen)",
            "former colleague of {name} at {via}",
        ),
        "shared_past": ("{name} – beide waren bei {via}", "{name} – both worked at {via}"),
        "shared": ("über {via}: {name}", "via {via}: {name}"),
        "mention": ("kennt {name} (erwähnt in {source})", "knows {name} (mentioned in {source})"),
    }[kind]
    return msg(
        lang,
        de=de,
        en=en,
        name=name,
        via=via,
        detail=f", {detail}" if detail else "",
        source=source,
    )


def explain(net: Network, path: list[str]) -> WarmPath:
    """Turn a node path (starting at the user) into explained steps."""
    graph = net.graph
    steps: list[PathStep] = []
    i = 1
    while i < len(path):
        prev, node = path[i - 1], path[i]
        data = graph.edges[prev, node]
        info = graph.nodes[node]
        is_hub = info["type"] in ("company", "group") and i + 1 < len(path)
        if is_hub:
            nxt = path[i + 1]
            second = graph.edges[node, nxt]
            strength = data["strength"] * second["strength"]
            if info["type"] == "group":
                kind = "shared"
            elif "former" not in (data["kind"], second["kind"]):
                kind = "colleague"
            elif _were_colleagues(graph, prev, nxt, data, second):
                kind = "former_colleague"
            else:
                kind, strength = "shared_past", strength * SHARED_PAST_FACTOR
            steps.append(_step(net, kind, nxt, strength, via=info["label"]))
            i += 2
            continue
        kind = data["kind"]
        if kind == "contact_for" and "former" in data["kinds"]:
            kind = "former"  # 'früher bei X' explains more than 'listed as contact'
        if kind == "introduced" and data.get("introducer") == node:
            kind = "introduced_by"
        if kind in ("board", "member", "alumni"):
            kind = "shared"
        detail = _primary_detail(net, node) if kind == "primary" else ""
        steps.append(
            _step(net, kind, node, data["strength"], detail=detail, source=data.get("source", ""))
        )
        i += 1
    strength = math.prod(s.strength for s in steps)
    target = graph.nodes[path[-1]]["label"]
    text = " → ".join(s.text for s in steps)
    return WarmPath(
        target=target,
        steps=steps,
        hops=count_hops(graph, path),
        strength=round(strength, 4),
        text=text,
    )


def _were_colleagues(graph: nx.Graph, a: str, b: str, edge_a: dict, edge_b: dict) -> bool:
    """At the company at the same time: their years overlap, or a note links the two directly
    ('kennt Karin Studer aus der gemeinsamen Zeit in Uzwil')."""
    if a != ME and graph.has_edge(a, b):
        return True
    first, second = edge_a.get("period"), edge_b.get("period")
    if first and second:
        return first[0] <= second[1] and second[0] <= first[1]
    return False


def _step(
    net: Network, kind: str, node: str, strength: float, via: str = "", detail: str = "", source=""
) -> PathStep:
    info = net.graph.nodes[node]
    name = info["label"]
    return PathStep(
        kind=kind,  # type: ignore[arg-type]
        name=name,
        node_type=info["type"] if info["type"] != "me" else "person",
        via=via,
        detail=detail,
        strength=round(strength, 4),
        text=_step_text(net.language, kind, name, via, detail, source),
    )


def _other_paths(net: Network, node: str, max_hops: int, limit: int) -> list[list[str]]:
    """Further simple paths, cheapest first (Yen's algorithm), within the hop limit."""
    found: list[list[str]] = []
    try:
        generator = nx.shortest_simple_paths(net.graph, ME, node, weight="cost")
        for examined, path in enumerate(generator):
            if examined >= limit * 8 or len(found) >= limit:
                break
            if count_hops(net.graph, path) <= max_hops:
                found.append(path)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        pass
    return found


def _rank(net: Network, paths: list[list[str]]) -> list[WarmPath]:
    unique = {tuple(p): p for p in paths}
    explained = [explain(net, p) for p in unique.values()]
    # Strongest first; among equally strong, the shorter one.
    explained.sort(key=lambda w: (-w.strength, w.hops))
    return explained


# ---------------------------------------------------------------- industry and location


@functools.lru_cache(maxsize=65536)
def _industry_words(text: str) -> frozenset[str]:
    folded = " ".join(_words(text))
    return frozenset(canon for canon, stems in _INDUSTRY_STEMS if any(s in folded for s in stems))


def industry_words(text: str) -> set[str]:
    """Canonical industry stems in a text ('Medizintechnik / Sensorik' -> {'medtech', ...})."""
    return set(_industry_words(text)) if text.strip() else set()


def _tag_words(text: str) -> set[str]:
    return {w for w in _words(text) if len(w) >= 4}


def _location_words(location: str) -> set[str]:
    return {w for w in words(location) if len(w) >= 4}


class _Profiles:
    """What each primary contact is close to: industries and places, for 'who to ask next'."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.by_industry: dict[str, list[str]] = defaultdict(list)
        self.by_place: dict[str, list[str]] = defaultdict(list)
        self.primaries: list[str] = [n for n in net.graph.adj[ME]]
        target_info = {net.target_key(t): t for t in net.targets}
        for pid in self.primaries:
            info = net.graph.nodes[pid]
            contact: Contact = info["contact"]
            target = target_info.get(info.get("company_key", ""))
            industries = (
                industry_words(contact.company)
                | industry_words(contact.role)
                | industry_words(contact.tags)
                | industry_words(contact.notes)
            )
            places = _tag_words(contact.tags) | _tag_words(contact.notes)
            if target:
                industries |= industry_words(target.industry)
                places |= _location_words(target.location)
            for word in industries:
                self.by_industry[word].append(pid)
            for word in places:
                self.by_place[word].append(pid)

    @functools.cache  # noqa: B019 - one _Profiles per command
    def _best_connected(self, limit: int) -> list[str]:
        return best_connected(self.net, self.primaries)[:limit]

    def suggest(self, industry: str, location: str, limit: int = 3) -> list[Suggestion]:
        lang = self.net.language
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[str]] = defaultdict(list)
        industry_reason = msg(lang, de="Branche {w}", en="industry {w}", w=industry)
        for word in industry_words(industry):
            for pid in self.by_industry.get(word, []):
                scores[pid] += 2
                reasons[pid].append(industry_reason)
        place_reason = msg(lang, de="Region {w}", en="region {w}", w=location)
        for word in _location_words(location):
            for pid in self.by_place.get(word, []):
                scores[pid] += 1
                reasons[pid].append(place_reason)
        degree = self.net.graph.degree
        if not scores:
            ranked = self._best_connected(limit)
            for pid in ranked:
                reasons[pid].append(
                    msg(
                        lang,
                        de="gut vernetzt ({n} in Ihren Listen)",
                        en="well connected ({n} in your lists)",
                        n=plural(
                            lang, degree[pid] - 1, ("Verbindung", "Verbindungen"), ("link", "links")
                        ),
                    )
                )
        else:
            ranked = sorted(scores, key=lambda p: (-scores[p], -degree[p], p))[:limit]
        out = []
        for pid in ranked:
            info = self.net.graph.nodes[pid]
            unique = list(dict.fromkeys(reasons[pid]))
            out.append(Suggestion(name=info["label"], company=info["company"], reasons=unique))
        return out


def plural(lang: str, n: int, de: tuple[str, str], en: tuple[str, str]) -> str:
    """'1 warmer Weg', '2 warme Wege': the count with the right form."""
    one, many = de if lang == "de" else en
    return f"{n} {one if n == 1 else many}"


def paths_through(net: Network, max_hops: int = DEFAULT_MAX_HOPS) -> dict[str, int]:
    """Per primary contact: how many targets their best warm path starts with them."""
    counts: dict[str, int] = defaultdict(int)
    best = net.best_paths(max_hops)
    for target in net.targets:
        found = best.get(f"c:{net.target_key(target)}")
        if found and len(found[1]) > 1:
            counts[found[1][1]] += 1
    return counts


def best_connected(net: Network, primaries: list[str]) -> list[str]:
    """Primaries by links in the lists, then by warm paths to targets through them, then by
    name - so a big import of equally linked contacts is not cut alphabetically at 'A'."""
    degree, through = net.graph.degree, paths_through(net)
    return sorted(
        primaries,
        key=lambda p: (-degree[p], -through.get(p, 0), fold(net.graph.nodes[p]["label"]), p),
    )


# ---------------------------------------------------------------- public API


def _resolve_target(net: Network, query: str) -> tuple[str, str] | None:
    """('company'|'person', node id) for a company or person name, tolerant."""
    key = net.companies.resolve(query)
    if key and f"c:{key}" in net.graph:
        return "company", f"c:{key}"
    found = find_contacts(net.contacts, query)
    if len(found) > 1:
        raise ambiguous_name(net.language, query, [c.name for c in found[:8]])
    if found:
        pid = net.person_id(found[0])
        if pid:
            return "person", pid
    return None


def find_paths(
    ws: Workspace, target: str, max_hops: int = DEFAULT_MAX_HOPS, limit: int = 5
) -> PathsResult:
    """Warm paths to a target company or person, strongest first; suggestions when there is none."""
    lang = ws.language
    if max_hops < 1:
        raise UsageError(
            msg(lang, de="--max-hops muss mindestens 1 sein.", en="--max-hops must be at least 1."),
            msg(lang, de="Zum Beispiel --max-hops 3.", en="Use e.g. --max-hops 3."),
        )
    if not target.strip():
        raise UsageError(
            msg(lang, de="Kein Ziel angegeben.", en="No target given."),
            msg(
                lang,
                de='Eine Firma oder Person nennen, z. B. gespraech paths "Alpenblick".',
                en='Name a company or person, e.g. gespraech paths "Alpenblick".',
            ),
        )
    net = build_network(ws)
    return paths_in(net, target, max_hops, limit)


def paths_in(net: Network, target: str, max_hops: int, limit: int = 5) -> PathsResult:
    lang = net.language
    resolved = _resolve_target(net, target)
    if resolved is None:
        return _not_on_lists(net, target, max_hops)
    kind, node = resolved
    info = net.graph.nodes[node]
    best = net.best_paths(max_hops).get(node)
    raw = ([best[1]] if best else []) + (_other_paths(net, node, max_hops, limit) if best else [])
    ranked = _rank(net, raw)[:limit]
    if ranked:
        message = msg(
            lang,
            de="{n} zu {t}.",
            en="{n} to {t}.",
            n=plural(lang, len(ranked), ("warmer Weg", "warme Wege"), ("warm path", "warm paths")),
            t=info["label"],
        )
        suggestions: list[Suggestion] = []
    else:
        industry, location = _industry_location(net, node)
        suggestions = _Profiles(net).suggest(industry, location)
        message = _cold_message(lang, info["label"], max_hops, suggestions)
    return PathsResult(
        target=info["label"],
        target_kind=kind,  # type: ignore[arg-type]
        priority=info.get("priority"),
        max_hops=max_hops,
        warm=bool(ranked),
        paths=ranked,
        suggestions=suggestions,
        message=message,
    )


def _not_on_lists(net: Network, target: str, max_hops: int) -> PathsResult:
    """A name on neither list: say which notes mention it, and who could know people there
    (contacts at the companies whose notes mention it, e.g. a competitor)."""
    lang = net.language
    notes = notes_mentioning(net, target)
    suggestions = _via_note_companies(net, target, notes) or _Profiles(net).suggest("", "")
    add = msg(
        lang,
        de="Tragen Sie die Firma in targets.csv ein (mit Branche und Ort), dann zeigt "
        "gespraech paths warme Wege und wen Sie fragen können.",
        en="Add the company to targets.csv (with industry and location); then gespraech paths "
        "shows warm paths and whom to ask.",
    )
    if notes:
        first = msg(
            lang,
            de="«{t}» steht nicht in contacts.csv oder targets.csv, wird aber in Ihren Notizen "
            "erwähnt: {f}.",
            en="{t!r} is not in contacts.csv or targets.csv, but your notes mention it: {f}.",
            t=target,
            f=", ".join(path for path, _ in notes),
        )
    else:
        first = msg(
            lang,
            de="«{t}» kommt weder in contacts.csv, targets.csv noch in den Notizen vor.",
            en="{t!r} is not in contacts.csv, targets.csv or the notes.",
            t=target,
        )
    return PathsResult(
        target=target,
        target_kind="unknown",
        max_hops=max_hops,
        warm=False,
        paths=[],
        suggestions=suggestions,
        mentioned_in=[path for path, _ in notes],
        message=f"{first} {add}",
    )


def notes_mentioning(net: Network, name: str) -> list[tuple[str, str]]:
    """(note path, the note's company) of notes naming the company as a whole word."""
    key = normalize_company(name)
    if len(key) < 3:
        return []
    wanted = f" {key} "
    return [
        (path, company)
        for path, company, body in net.notes
        if wanted in " " + " ".join(_words(body)) + " "
    ]


def _via_note_companies(net: Network, name: str, notes: list[tuple[str, str]]) -> list[Suggestion]:
    """Primary contacts working at a company whose notes mention the name."""
    lang = net.language
    out: list[Suggestion] = []
    for path, company in notes:
        key = net.companies.resolve(company) if company else None
        if not key:
            continue
        for pid in net.graph.adj[ME]:
            info = net.graph.nodes[pid]
            if same_key(info.get("company_key", ""), key) and info["label"] not in {
                s.name for s in out
            }:
                reason = msg(
                    lang,
                    de="arbeitet bei {c}; {f} nennt {n}",
                    en="works at {c}; {f} names {n}",
                    c=info["company"],
                    f=path,
                    n=name,
                )
                out.append(
                    Suggestion(name=info["label"], company=info["company"], reasons=[reason])
                )
    return out[:3]


def _industry_location(net: Network, node: str) -> tuple[str, str]:
    info = net.graph.nodes[node]
    if info["type"] == "company":
        return info.get("industry", ""), info.get("location", "")
    key = info.get("company_key", "")
    company = net.graph.nodes.get(f"c:{key}", {}) if key else {}
    return company.get("industry", ""), company.get("location", "")


def _cold_message(lang: str, name: str, max_hops: int, suggestions: list[Suggestion]) -> str:
    names = _and_list(lang, [s.name for s in suggestions])
    if not suggestions:
        return msg(
            lang,
            de="Kein warmer Weg zu {t} (bis {h} Personen). Noch keine Primärkontakte in der Liste.",
            en="No warm path to {t} (up to {h} people). No primary contacts on the list yet.",
            t=name,
            h=max_hops,
        )
    return msg(
        lang,
        de="Kein warmer Weg zu {t} (bis {h} Personen). Fragen Sie als Nächstes {s} nach "
        "Kontakten dort.",
        en="No warm path to {t} (up to {h} people). Ask {s} next about contacts there.",
        t=name,
        h=max_hops,
        s=names,
    )


def _and_list(lang: str, names: list[str]) -> str:
    """'A', 'A und B', 'A, B und C' (en: 'A, B and C')."""
    if len(names) <= 1:
        return "".join(names)
    return msg(lang, de="{a} und {b}", en="{a} and {b}", a=", ".join(names[:-1]), b=names[-1])


def match(ws: Workspace, max_hops: int = DEFAULT_MAX_HOPS) -> MatchReport:
    """Every target by priority: the best warm path, or cold with the next people to ask."""
    net = build_network(ws)
    return match_in(net, max_hops)


def match_in(net: Network, max_hops: int = DEFAULT_MAX_HOPS) -> MatchReport:
    lang = net.language
    best = net.best_paths(max_hops)
    profiles: _Profiles | None = None
    items: list[MatchItem] = []
    ordered = sorted(
        net.targets, key=lambda t: (PRIORITY_ORDER.get(t.priority, 3), fold(t.company))
    )
    for target in ordered:
        node = f"c:{net.target_key(target)}"
        found = best.get(node)
        item = MatchItem(
            company=target.company,
            priority=target.priority,
            industry=target.industry,
            location=target.location,
            warm=found is not None,
        )
        if found:
            item.path = explain(net, found[1])
            first = item.path.steps[0].name
            item.advice = msg(
                lang,
                de="{p} um eine Vorstellung bitten.",
                en="Ask {p} for an introduction.",
                p=first,
            )
        else:
            profiles = profiles or _Profiles(net)
            item.suggestions = profiles.suggest(target.industry, target.location)
            item.advice = _cold_advice(lang, item.suggestions)
        items.append(item)
    warm = sum(1 for i in items if i.warm)
    summary = msg(
        lang,
        de="{w} von {n} Zielfirmen warm erreichbar (bis {h} Personen).",
        en="{w} of {n} target companies warm (up to {h} people).",
        w=warm,
        n=len(items),
        h=max_hops,
    )
    if not items:
        summary += " " + msg(
            lang,
            de="targets.csv ist leer: Zielfirmen eintragen (gespraech targets add FIRMA).",
            en="targets.csv is empty: add target companies (gespraech targets add COMPANY).",
        )
    return MatchReport(items=items, warm=warm, total=len(items), max_hops=max_hops, summary=summary)


def _cold_advice(lang: str, suggestions: list[Suggestion]) -> str:
    if not suggestions:
        return msg(
            lang,
            de="Erst Kontakte sammeln: Primärkontakte in contacts.csv eintragen.",
            en="Collect contacts first: add your primary contacts to contacts.csv.",
        )
    return msg(
        lang,
        de="Fragen Sie {s} nach Kontakten dort; sonst über Anlässe oder LinkedIn suchen.",
        en="Ask {s} about contacts there; otherwise look for events or LinkedIn.",
        s=_and_list(lang, [s.name for s in suggestions]),
    )


def warm_path_to_contact(ws: Workspace, name: str) -> WarmPath | None:
    """The best warm path to one contact (for the brief), or None when there is none."""
    net = build_network(ws)
    found = find_contacts(net.contacts, name)
    if not found:
        return None
    pid = net.person_id(found[0])
    best = net.best_paths(DEFAULT_MAX_HOPS + 1).get(pid) if pid else None
    return explain(net, best[1]) if best else None


# ---------------------------------------------------------------- walkthrough


def _competitor_keys(net: Network, partner_key: str) -> set[str]:
    """Targets named as competitors in notes about the partner's company, or naming it."""
    text = "\n".join(
        affiliations.competitor_text(t) for t in net.company_notes.get(partner_key, [])
    )
    folded = " " + " ".join(words(text)) + " "
    keys = {net.target_key(t) for t in net.targets if f" {net.target_key(t)} " in folded}
    for target in net.targets:
        notes = [target.notes, *net.company_notes.get(net.target_key(target), [])]
        for note in notes:
            for name in affiliations.competitor_of(note):
                if same_key(net.companies.resolve_prefix(name) or "", partner_key):
                    keys.add(net.target_key(target))
    return keys


def _partner_industries(net: Network, partner: Contact, partner_key: str) -> set[str]:
    found = industry_words(partner.company) | industry_words(partner.tags)
    for target in net.targets:
        if net.target_key(target) == partner_key:
            found |= industry_words(target.industry)
    for note in net.company_notes.get(partner_key, []):
        explicit = re.search(r"(?im)^\W*(?:branche|industry)\W*:\s*(.+)$", note)
        if explicit:
            found |= industry_words(explicit.group(1))
    return found


def _partner_former(net: Network, partner: Contact) -> set[str]:
    pid = net.person_id(partner)
    keys = set()
    if pid:
        for neighbour, data in net.graph.adj[pid].items():
            if data["kind"] == "former":
                keys.add(net.graph.nodes[neighbour]["key"])
    for aff in affiliations.extract_affiliations(partner.notes):
        key = net.companies.resolve_prefix(aff.name) if aff.kind == "former" else None
        if key:
            keys.add(key)
    return keys


def _known_contacts(net: Network, target: Target, key: str, partner: Contact) -> list[str]:
    names = [
        c.name
        for c in net.contacts
        if c.company and same_key(normalize_company(c.company), key) and c.name != partner.name
    ]
    listed = [n.strip() for n in re.split(r"[;,/\n]", target.contacts) if n.strip()]
    wanted = normalize_name(partner.name)
    return list(dict.fromkeys(n for n in names + listed if normalize_name(n) != wanted))


def walkthrough(
    ws: Workspace, partner: Contact, language: str, network: Network | None = None
) -> list[WalkthroughItem]:
    """Targets worth walking through with this partner, best first, each with its reasons."""
    net = network or build_network(ws)
    lang = language
    partner_key = net.companies.resolve(partner.company) or normalize_company(partner.company)
    industries = _partner_industries(net, partner, partner_key)
    former = _partner_former(net, partner)
    competitors = _competitor_keys(net, partner_key) if partner_key else set()
    items = []
    for target in net.targets:
        key = net.target_key(target)
        if partner_key and same_key(key, partner_key):
            continue
        score, reasons = 0.0, []
        if any(same_key(key, f) for f in former):
            score += 3
            reasons.append(
                msg(lang, de="{p} war früher dort", en="{p} used to work there", p=partner.name)
            )
        if key in competitors:
            score += 2
            reasons.append(
                msg(
                    lang,
                    de="Konkurrent von {c} (laut Notizen)",
                    en="competitor of {c} (from your notes)",
                    c=partner.company,
                )
            )
        shared = industries & industry_words(target.industry)
        if shared:
            score += 2
            reasons.append(
                msg(
                    lang,
                    de="gleiche Branche wie {p} ({i})",
                    en="same industry as {p} ({i})",
                    p=partner.name,
                    i=target.industry,
                )
            )
        known = _known_contacts(net, target, key, partner)
        if not known and reasons:
            score += 0.5
            reasons.append(msg(lang, de="dort noch kein Kontakt", en="no contact there yet"))
        score += {"A": 1.0, "B": 0.6, "C": 0.3}.get(target.priority or "", 0.0)
        if target.priority:
            reasons.append(msg(lang, de="Priorität {p}", en="priority {p}", p=target.priority))
        items.append(
            WalkthroughItem(
                company=target.company,
                priority=target.priority,
                reasons=reasons,
                known_contacts=known,
                score=round(score, 2),
            )
        )
    items.sort(key=lambda i: (-i.score, PRIORITY_ORDER.get(i.priority, 3), fold(i.company)))
    return items
