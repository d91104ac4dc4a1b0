"""Soak: mixed good and hostile queries against a running ``kg serve``, on both engines, loopback only.

    python -m benchmarks.soak [--seconds 300] [--clients 4] [--engine memory --engine oxigraph] [--json OUT]

Builds the examples, starts ``kg serve --port 0`` on 127.0.0.1 for each engine, and has ``--clients``
threads send requests for ``--seconds`` (and at most ``--max-requests`` each): bundled and ad-hoc good
queries, and attacks (SERVICE and FROM in every spelling, updates, cartesian products, VALUES blow-ups,
catastrophic REGEX, big bodies, rebinding Host names, malformed text). A loopback listener must see no
connection. Reported per engine: requests, crashes (the server process gone, a 500, a refused
connection), outbound connections, good-query latency (p50/p99/max), and the peak memory of the server
with its query workers. Every request goes to 127.0.0.1; every loop is bounded in count and time.
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG_BIN = Path(sys.executable).parent / "kg"


class Listener:
    """A loopback TCP listener counting connections (nothing may reach it)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()


def good_queries() -> list[tuple[str, str]]:
    """(path-and-query, kind) of good requests."""
    out = []
    for name, params in [("offers", {}), ("sanctions-by-body", {}), ("sanctions-on-target", {"target": "Huawei"}),
                         ("roles", {"person": "mnuchin"}), ("sources", {"entity": "ZTE"}), ("mentions", {}),
                         ("timeline", {})]:
        out.append((f"/queries/{name}?" + urllib.parse.urlencode(params), "good"))
    adhoc = ["SELECT ?o ?label WHERE { ?o a kg:Offer ; rdfs:label ?label }",
             "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
             "ASK { ?s a kg:Sanction }",
             "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(REGEX(?l, '^hu', 'i')) } LIMIT 20",
             "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a kg:Company ; rdfs:label ?l } LIMIT 50",
             "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)"]
    out += [("/sparql?" + urllib.parse.urlencode({"query": q}), "good") for q in adhoc]
    return out


def hostile_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/x"
    values = " ".join(str(i) for i in range(300))
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ #\r SERVICE<{url}>{{ ?s ?p ?o }} \n}}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * #\r FROM <{url}>\nWHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <{url}>",
        "DROP ALL",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }} ORDER BY ?c",
        'SELECT * WHERE { VALUES ?x { "' + "a" * 29 + '!" } FILTER(REGEX(?x, "^(a|a)+$")) }',
        "SELECT ?x WHERE { ?x a kg:Offer FILTER( }",
        "SELECT * WHERE { " + "{ " * 400 + "?s ?p ?o" + " }" * 400 + " }",
    ]


def request(base: str, path: str, *, data: bytes | None = None, headers: dict | None = None, timeout: float = 60):
    req = urllib.request.Request(base + path, data=data, headers=headers or {})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            return resp.status, time.perf_counter() - t0
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code, time.perf_counter() - t0
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        return f"error:{type(exc).__name__}", time.perf_counter() - t0


def soak(engine: str, graph: Path, *, seconds: float, clients: int, max_requests: int, seed: int = 7) -> dict:
    import psutil

    listener = Listener()
    proc = subprocess.Popen([str(KG_BIN), "serve", str(graph), "--port", "0", "--engine", engine, "--timeout", "3",
                             "--max-concurrent", "4"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    base = line.split("graph view ", 1)[1].split()[0].rstrip("/")
    server = psutil.Process(proc.pid)
    peak = {"rss": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                procs = [server, *server.children(recursive=True)]
                peak["rss"] = max(peak["rss"], sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.25)

    threading.Thread(target=sample, daemon=True).start()
    good = good_queries()
    hostile = hostile_queries(listener.port)
    stats = {"requests": 0, "good": 0, "good_ok": 0, "hostile": 0, "status": {}, "crashes": 0, "latency": []}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(i: int):
        rnd = random.Random(seed + i)
        for _ in range(max_requests):
            if time.monotonic() > deadline or proc.poll() is not None:
                return
            roll = rnd.random()
            if roll < 0.6:
                path, _ = rnd.choice(good)
                status, took = request(base, path)
                kind = "good"
            elif roll < 0.9:
                q = rnd.choice(hostile)
                status, took = request(base, "/sparql", data=q.encode(),
                                       headers={"Content-Type": "application/sparql-query"})
                kind = "hostile"
            elif roll < 0.95:
                status, took = request(base, "/sparql?query=ASK%7B%7D", headers={"Host": "127.0.0.1.attacker.example"})
                kind = "hostile"
            else:
                status, took = request(base, "/sparql", data=b"x" * 2_000_000,
                                       headers={"Content-Type": "application/sparql-query"})
                kind = "hostile"
            with lock:
                stats["requests"] += 1
                stats[kind] += 1
                stats["status"][str(status)] = stats["status"].get(str(status), 0) + 1
                if status == 500 or (isinstance(status, str) and "Refused" in status):
                    stats["crashes"] += 1
                if kind == "good":
                    stats["latency"].append(took)
                    stats["good_ok"] += status == 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    elapsed = time.monotonic() - t0
    alive = proc.poll() is None
    stop.set()
    time.sleep(0.5)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    listener.stop.set()
    lat = sorted(stats.pop("latency"))
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [0] * 99
    return {"engine": engine, "seconds": round(elapsed, 1), **stats, "crashes": stats["crashes"] + (not alive),
            "server_alive_at_end": alive, "outbound_connections": listener.connections,
            "good_p50_ms": round(1000 * q[49], 1), "good_p99_ms": round(1000 * q[98], 1),
            "good_max_ms": round(1000 * lat[-1], 1) if lat else 0, "peak_rss_mb": round(peak["rss"] / 2**20)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--max-requests", type=int, default=100_000, help="per client")
    ap.add_argument("--engine", action="append", choices=["memory", "oxigraph"])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-soak-") as tmp:
        subprocess.run([str(KG_BIN), "build", str(ROOT / "examples" / "articles"), "--out", tmp, "-q"], check=True)
        results = [soak(e, Path(tmp), seconds=args.seconds, clients=args.clients, max_requests=args.max_requests)
                   for e in (args.engine or ["memory", "oxigraph"])]
    for r in results:
        print(json.dumps(r))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all(r["crashes"] == 0 and r["outbound_connections"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
