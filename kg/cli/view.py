"""``kg view``: write the interactive graph page for a built graph, or print graph statistics."""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

EPILOG = """examples:
  kg view out/graph.trig                         write out/graph.html (the whole graph)
  kg view out --focus Huawei --depth 2           write out/graph-huawei.html: Huawei and 2 hops around it
  kg view out/graph.trig -o /tmp/g.html          choose the output file
  kg view out/graph.trig --stats                 print counts, top-10 degree centrality, components
  kg view oxigraph:graph.db -o graph.html        a persistent Oxigraph store (default: graph.html beside it)

exit status: 0 written (or printed); 2 bad input: no graph there, or --focus names no entity
(the message suggests the nearest names).
"""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "view",
        help="write the interactive HTML graph (one offline file), or print graph statistics",
        description="Write the interactive relationship graph of a built graph as one self-contained HTML "
                    "file that works offline, or print statistics with --stats.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    p.add_argument("graph", help="graph file (.trig, .ttl, .nq, .nt, .jsonld), build folder, or oxigraph:PATH")
    p.add_argument("-o", "--out", type=Path, default=None,
                   help="HTML file to write (default: graph.html beside the graph, graph-NAME.html with --focus)")
    p.add_argument("--focus", metavar="NAME", help="show only the nodes around the node(s) with this name or alias")
    p.add_argument("--depth", type=int, default=2, help="hops around --focus (default: 2)")
    p.add_argument("--title", help="page title")
    p.add_argument("--no-statements", action="store_true", help="leave quotes (kg:Statement) out of the page")
    p.add_argument("--stats", action="store_true",
                   help="print statistics instead of writing the page (add --out to write it too)")
    p.set_defaults(run=run)


def run(args) -> int:
    from kg.errors import InputError
    from kg.sparql.run import open_graph
    from kg.store.files import find_graph_file
    from kg.view.counts import count_view
    from kg.view.network import focus_subgraph, graph_stats, to_networkx
    from kg.view.page import write_view

    if args.depth < 0:
        raise InputError(f"--depth must be 0 or more, not {args.depth}")
    if args.graph.startswith("oxigraph:"):  # a store: the page goes beside its folder unless -o says where
        graph_file = Path(args.graph[len("oxigraph:"):])
        graph = open_graph(args.graph)
    else:
        graph_file = find_graph_file(Path(args.graph))
        graph = open_graph(graph_file)
    G = to_networkx(graph, statements=not args.no_statements)
    if args.focus:
        G = focus_subgraph(G, args.focus, args.depth)
    counts = count_view(G).lines()
    if args.stats:
        print(format_stats(graph_stats(G), counts=counts))
        if args.out is None:
            return 0
    out = args.out or default_output(graph_file, args.focus)
    write_view(G, out, title=args.title)
    print(f"wrote {out}\n  " + "\n  ".join(counts), file=sys.stderr)
    return 0


def default_output(graph_file: Path, focus: str | None) -> Path:
    """graph.html beside the graph file; graph-<name>.html for a focused view."""
    if not focus:
        return graph_file.with_name("graph.html")
    slug = re.sub(r"[^a-z0-9]+", "-", focus.lower()).strip("-")[:40] or "focus"
    return graph_file.with_name(f"graph-{slug}.html")


def format_stats(stats: dict, *, counts: list[str] = ()) -> str:
    """The text printed by ``kg view --stats``; ``counts`` (:func:`kg.view.counts.count_view`) say what the nodes
    and edges are."""
    lines = [
        f"nodes: {stats['nodes']:,}   edges: {stats['edges']:,}   articles: {stats['articles']:,}",
        *(f"  {line}" for line in counts),
        "by class: " + ", ".join(f"{n} {k}" for k, n in stats["by_kind"].items()),
        "by relation: " + ", ".join(f"{n} {k}" for k, n in stats["by_relation"].items()),
        f"weakly connected components: {stats['components']:,} (largest: "
        + ", ".join(str(n) for n in stats["largest_components"]) + f"; isolated nodes: {stats['isolated']:,})",
        "",
        "top degree centrality:",
    ]
    width = max((len(printable(t["label"])[:50]) for t in stats["top_degree_centrality"]), default=0)
    for rank, t in enumerate(stats["top_degree_centrality"], 1):
        lines.append(f"  {rank:>2}. {printable(t['label'])[:50]:<{width}}  {t['kind']:<15} degree {t['degree']:>4}  "
                     f"centrality {t['centrality']:.3f}")
    return "\n".join(lines)


def printable(text: str) -> str:
    """Text with control characters (terminal escape sequences from hostile names) shown as U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)
