"""A picture of the network: SVG/PNG with matplotlib (no system binary needed), or DOT text.

Readable with ~50 nodes: people on rings around the user (primaries inside, secondaries outside),
companies on the outer ring, targets coloured by priority, warm paths drawn thick. Big networks
(a LinkedIn import) are cut down to what matters and the picture says what was left out.
"""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from gespraech_assistant import atomic
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.network import (
    ME,
    PRIORITY_ORDER,
    Network,
    best_connected,
    build_network,
    plural,
)
from gespraech_assistant.textnorm import clean_terminal

Format = Literal["svg", "png", "dot"]
MAX_NODES = 60
PRIORITY_COLOURS = {"A": "#d62728", "B": "#ff7f0e", "C": "#e6c200", None: "#8c8c8c"}
COLOURS = {
    "me": "#222222",
    "primary": "#1f77b4",
    "secondary": "#9ecae1",
    "other": "#d9d9d9",
    "company": "#bdbdbd",
    "group": "#2ca02c",
}
PATH_COLOUR = "#6a3d9a"
SUFFIXES = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot"}


class PictureReport(BaseModel):
    path: str
    format: Format
    nodes: int
    edges: int
    warm_paths: int
    left_out: dict[str, int] = Field(default_factory=dict)
    message: str


def format_for(out: Path, explicit: str | None) -> Format:
    if explicit:
        if explicit not in ("svg", "png", "dot"):
            raise UsageError(f"Unknown format {explicit!r}.", "Use --format svg, png or dot.")
        return explicit  # type: ignore[return-value]
    found = SUFFIXES.get(out.suffix.lower())
    if not found:
        raise UsageError(
            f"{out.name}: cannot tell the picture format from the file name.",
            "Name it .svg, .png or .dot, or pass --format svg|png|dot.",
        )
    return found  # type: ignore[return-value]


# ---------------------------------------------------------------- what to draw


def _warm_paths(net: Network, max_hops: int) -> list[list[str]]:
    """Best path per target, most important targets first."""
    best = net.best_paths(max_hops)
    paths = []
    for target in sorted(net.targets, key=lambda t: PRIORITY_ORDER.get(t.priority, 3)):
        found = best.get(f"c:{net.target_key(target)}")
        if found:
            paths.append(found[1])
    return paths


def select(net: Network, max_hops: int, max_nodes: int) -> tuple[set[str], dict[str, int]]:
    """Nodes to draw and what was left out, by kind. Small networks are drawn whole; big ones
    get the user, targets with their warm paths by priority, then the best-connected primaries."""
    graph = net.graph
    connected = {n for n in graph if graph.degree[n] > 0 or graph.nodes[n].get("target")}
    connected.add(ME)
    if len(connected) <= max_nodes:
        chosen = connected
    else:
        chosen = {ME}
        warm_targets = set()
        for path in _warm_paths(net, max_hops):
            if len(chosen | set(path)) <= max_nodes:
                chosen.update(path)
                warm_targets.add(path[-1])
        cold = [
            n
            for n in graph
            if graph.nodes[n].get("target") and n not in warm_targets and n not in chosen
        ]
        cold.sort(key=lambda n: PRIORITY_ORDER.get(graph.nodes[n].get("priority"), 3))
        for node in cold[: max(0, max_nodes - len(chosen)) // 3]:  # leave room for primaries
            chosen.add(node)
        for pid in best_connected(net, list(graph.adj[ME])):
            if len(chosen) >= max_nodes:
                break
            chosen.add(pid)
    left_out: dict[str, int] = {}
    for node in connected - chosen:
        info = graph.nodes[node]
        kind = info["type"]
        if info.get("target"):
            label = "target"
        else:
            label = info.get("relation", kind) if kind == "person" else kind
        left_out[label] = left_out.get(label, 0) + 1
    return chosen, left_out


# ---------------------------------------------------------------- layout


def _ring_of(net: Network, node: str) -> int:
    info = net.graph.nodes[node]
    if node == ME:
        return 0
    if info["type"] == "person":
        return 1 if info.get("relation") == "primary" else 2
    if info["type"] == "group":
        return 2
    return 3


def _mean_angle(angles: list[float]) -> float | None:
    if not angles:
        return None
    x = sum(math.cos(a) for a in angles)
    y = sum(math.sin(a) for a in angles)
    return math.atan2(y, x) % (2 * math.pi) if abs(x) + abs(y) > 1e-9 else angles[0]


def _spread(desired: list[tuple[float, str]]) -> dict[str, float]:
    """Angles close to the desired ones, at least a minimum gap apart, order kept."""
    desired.sort()
    n = len(desired)
    gap = min(2 * math.pi / n, 0.45)
    placed: list[float] = []
    for angle, _ in desired:
        placed.append(max(angle, placed[-1] + gap) if placed else angle)
    overflow = placed[-1] - (placed[0] + 2 * math.pi - gap)
    if overflow > 0:
        placed = [a - overflow * (i / max(n - 1, 1)) for i, a in enumerate(placed)]
    return {node: a % (2 * math.pi) for (_, node), a in zip(desired, placed, strict=True)}


def layout(net: Network, nodes: set[str]) -> dict[str, tuple[float, float]]:
    """Concentric rings (user, primaries, secondaries and groups, companies); each node sits near
    the angle of its neighbours so paths run outwards with few crossings (barycentre method)."""
    rings: dict[int, list[str]] = {1: [], 2: [], 3: []}
    for node in nodes - {ME}:
        rings[_ring_of(net, node)].append(node)
    adjacency = net.graph.adj
    label = {n: net.graph.nodes[n]["label"] for n in nodes}
    inner = sorted(rings[1], key=lambda n: label[n])
    angle = {n: 2 * math.pi * i / max(len(inner), 1) for i, n in enumerate(inner)}
    for _ in range(3):
        for ring in (2, 3):
            desired = []
            for node in sorted(rings[ring], key=lambda n: label[n]):
                mean = _mean_angle([angle[m] for m in adjacency[node] if m in angle and m != node])
                desired.append((mean if mean is not None else 0.0, node))
            if desired:
                angle.update(_spread(desired))
        # primaries re-ordered by the angles of what they lead to
        desired_inner = []
        for node in inner:
            outer = [angle[m] for m in adjacency[node] if m in angle and m not in inner]
            mean = _mean_angle(outer)
            desired_inner.append((mean if mean is not None else angle[node], node))
        ordered = [node for _, node in sorted(desired_inner)]
        angle.update({n: 2 * math.pi * i / max(len(ordered), 1) for i, n in enumerate(ordered)})
    pos = {ME: (0.0, 0.0)}
    radius = 0.0
    for ring, members in rings.items():
        # wide enough that neighbours on a ring keep their distance, and rings stay apart
        radius = max(float(ring), radius + 0.8, len(members) * 0.32 / (2 * math.pi))
        for node in members:
            pos[node] = (radius * math.cos(angle[node]), radius * math.sin(angle[node]))
    return pos


# ---------------------------------------------------------------- styling


def _label(net: Network, node: str, width: int = 18) -> str:
    info = net.graph.nodes[node]
    text = clean_terminal(info["label"]).replace("\n", " ")
    if info.get("target") and info.get("priority"):
        text += f" ({info['priority']})"
    return textwrap.fill(text, width) if width else text


def _colour(net: Network, node: str) -> str:
    info = net.graph.nodes[node]
    if node == ME:
        return COLOURS["me"]
    if info["type"] == "person":
        return COLOURS.get(info.get("relation", "other"), COLOURS["other"])
    if info.get("target"):
        return PRIORITY_COLOURS.get(info.get("priority"), PRIORITY_COLOURS[None])
    return COLOURS[info["type"]]


def _path_edges(paths: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for path in paths for pair in zip(path, path[1:], strict=False)}


def _title(net: Network, warm: int, drawn: int, left_out: dict[str, int]) -> str:
    lang = net.language
    title = msg(
        lang,
        de="Kontaktnetz: {w} von {n} Zielfirmen warm erreichbar",
        en="Contact network: {w} of {n} target companies warm",
        w=warm,
        n=len(net.targets),
    )
    if left_out:
        shown = plural(lang, drawn, ("Weg", "Wege"), ("path", "paths"))
        title += msg(lang, de=" ({d} gezeigt)", en=" ({d} shown)", d=shown)
        title += "\n" + _left_out_text(lang, left_out)
    return title


# kind -> ((de singular, de plural), (en singular, en plural))
_KIND_NAMES = {
    "primary": (("Primärkontakt", "Primärkontakte"), ("primary contact", "primary contacts")),
    "secondary": (
        ("Sekundärkontakt", "Sekundärkontakte"),
        ("secondary contact", "secondary contacts"),
    ),
    "other": (("weitere Person", "weitere Personen"), ("other person", "other people")),
    "company": (("Firma", "Firmen"), ("company", "companies")),
    "group": (
        ("Verein/Alumni/Gremium", "Vereine/Alumni/Gremien"),
        ("club/alumni/board", "clubs/alumni/boards"),
    ),
    "target": (("Zielfirma", "Zielfirmen"), ("target company", "target companies")),
}


def _left_out_text(lang: str, left_out: dict[str, int]) -> str:
    parts = ", ".join(
        plural(lang, n, *_KIND_NAMES.get(kind, ((kind, kind), (kind, kind))))
        for kind, n in sorted(left_out.items())
    )
    return msg(lang, de="nicht gezeigt: {p}", en="not shown: {p}", p=parts)


# ---------------------------------------------------------------- renderers


def render_image(net: Network, nodes: set[str], paths: list[list[str]], fmt: str, title: str):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    matplotlib.rcParams["svg.hashsalt"] = "gespraech"  # reproducible SVG ids
    sub = net.graph.subgraph(nodes)
    pos = layout(net, nodes)
    size = max(10.0, math.sqrt(len(nodes)) * 1.6)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.set_axis_off()
    warm = _path_edges(paths)
    plain = [e for e in sub.edges if frozenset(e) not in warm]
    bold = [e for e in sub.edges if frozenset(e) in warm]
    nx.draw_networkx_edges(sub, pos, edgelist=plain, edge_color="#b0b0b0", width=0.8, ax=ax)
    nx.draw_networkx_edges(sub, pos, edgelist=bold, edge_color=PATH_COLOUR, width=3.0, ax=ax)
    shapes = {"me": "*", "person": "o", "company": "s", "group": "D"}
    for kind, shape in shapes.items():
        members = [n for n in sub if sub.nodes[n]["type"] == kind]
        if not members:
            continue
        nx.draw_networkx_nodes(
            sub,
            pos,
            nodelist=members,
            node_shape=shape,
            node_color=[_colour(net, n) for n in members],
            node_size=[900 if n == ME else 380 for n in members],
            edgecolors=[
                PATH_COLOUR if n in {x for p in paths for x in p} else "white" for n in members
            ],
            linewidths=1.5,
            ax=ax,
        )
    drawable = _glyph_filter()
    labels = {n: drawable(_label(net, n)).replace("$", r"\$") for n in sub}
    offset = {n: (x, y - (0.22 if n == ME else 0.14)) for n, (x, y) in pos.items()}
    nx.draw_networkx_labels(
        sub,
        offset,
        labels=labels,
        font_size=7,
        bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 0.6},
        ax=ax,
    )
    # outside the axes, right of the drawing: inside it would cover labels
    ax.legend(
        handles=_legend(net.language, Line2D),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        fontsize=7,
        frameon=False,
    )
    ax.set_title(drawable(title).replace("$", r"\$"), fontsize=10)
    ax.margins(0.08)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buffer, format=fmt, dpi=150, bbox_inches="tight", metadata=metadata)
    plt.close(fig)
    return buffer.getvalue()


def _glyph_filter():
    """A function dropping characters the drawing font has no glyph for (emoji in a name would
    be an empty box and a 'Glyph missing' warning on stderr)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(), fallback_to_default=True)
    known = set(FT2Font(path).get_charmap())

    def drawable(text: str) -> str:
        kept = "".join(ch for ch in text if ch in "\n\t " or ord(ch) in known)
        lines = [" ".join(line.split()) for line in kept.split("\n")]
        return "\n".join(line for line in lines if line) or "?"

    return drawable


def _legend(lang: str, line):
    def dot(colour: str, marker: str, de: str, en: str):
        return line(
            [],
            [],
            marker=marker,
            color="w",
            markerfacecolor=colour,
            markersize=8,
            label=msg(lang, de=de, en=en),
        )

    return [
        dot(COLOURS["me"], "*", "ich", "me"),
        dot(COLOURS["primary"], "o", "Primärkontakt", "primary contact"),
        dot(COLOURS["secondary"], "o", "Sekundärkontakt", "secondary contact"),
        dot(PRIORITY_COLOURS["A"], "s", "Zielfirma A", "target A"),
        dot(PRIORITY_COLOURS["B"], "s", "Zielfirma B", "target B"),
        dot(PRIORITY_COLOURS["C"], "s", "Zielfirma C", "target C"),
        dot(COLOURS["company"], "s", "andere Firma", "other company"),
        dot(COLOURS["group"], "D", "Verein, Alumni, Gremium", "club, alumni, board"),
        line(
            [], [], color=PATH_COLOUR, linewidth=3, label=msg(lang, de="warmer Weg", en="warm path")
        ),
    ]


def _dot_quote(text: str) -> str:
    text = clean_terminal(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def render_dot(net: Network, nodes: set[str], paths: list[list[str]], title: str) -> bytes:
    """Graphviz DOT text; render it with `dot -Tsvg` if you have Graphviz."""
    shapes = {"me": "doublecircle", "person": "ellipse", "company": "box", "group": "diamond"}
    warm = _path_edges(paths)
    lines = [
        "graph network {",
        f"  graph [label={_dot_quote(title)}, labelloc=t, overlap=false, splines=true];",
        '  node [style=filled, fontname="Helvetica", fontsize=10];',
    ]
    ordered = sorted(nodes, key=lambda n: (_ring_of(net, n), n))
    for node in ordered:
        info = net.graph.nodes[node]
        font = "white" if node == ME or info["type"] == "group" else "black"
        lines.append(
            f"  {_dot_quote(node)} [label={_dot_quote(_label(net, node, 0))}, "
            f"shape={shapes[info['type']]}, fillcolor={_dot_quote(_colour(net, node))}, "
            f"fontcolor={font}];"
        )
    for a, b, data in sorted(net.graph.subgraph(nodes).edges(data=True)):
        style = (
            f"color={_dot_quote(PATH_COLOUR)}, penwidth=3"
            if frozenset((a, b)) in warm
            else 'color="#b0b0b0"'
        )
        lines.append(
            f"  {_dot_quote(a)} -- {_dot_quote(b)} [{style}, tooltip={_dot_quote(data['kind'])}];"
        )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def draw_network(
    net: Network,
    out: Path,
    fmt: str | None = None,
    max_hops: int = 3,
    max_nodes: int = MAX_NODES,
) -> PictureReport:
    chosen_fmt = format_for(out, fmt)
    if out.exists() and out.suffix.lower() not in SUFFIXES:
        raise UsageError(
            f"{out} exists and is not a picture; not overwriting it.",
            "Choose a new file name ending in .svg, .png or .dot.",
        )
    nodes, left_out = select(net, max_hops, max_nodes)
    all_paths = _warm_paths(net, max_hops)
    paths = [p for p in all_paths if set(p) <= nodes]
    title = _title(net, len(all_paths), len(paths), left_out)
    if chosen_fmt == "dot":
        data = render_dot(net, nodes, paths, title)
    else:
        data = render_image(net, nodes, paths, chosen_fmt, title)
    atomic.write_bytes(out, data, keep_backup=False)
    edges = net.graph.subgraph(nodes).number_of_edges()
    message = msg(
        net.language,
        de="Bild geschrieben: {p} ({n}, {e}, {w}).",
        en="Picture written: {p} ({n}, {e}, {w}).",
        p=out,
        n=plural(net.language, len(nodes), ("Knoten", "Knoten"), ("node", "nodes")),
        e=plural(net.language, edges, ("Verbindung", "Verbindungen"), ("link", "links")),
        w=plural(
            net.language, len(paths), ("warmer Weg", "warme Wege"), ("warm path", "warm paths")
        ),
    )
    if left_out:
        message += " " + _left_out_text(net.language, left_out) + "."
    return PictureReport(
        path=str(out),
        format=chosen_fmt,
        nodes=len(nodes),
        edges=edges,
        warm_paths=len(paths),
        left_out=left_out,
        message=message,
    )


def draw(ws, out: Path, fmt: str | None = None, max_hops: int = 3) -> PictureReport:
    return draw_network(build_network(ws), out, fmt, max_hops)
