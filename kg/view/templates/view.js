/* newskg graph view: draws the JSON document in #kg-data with vis-network.
 *
 * Every string in the data comes from untrusted articles. It reaches the page only through
 * textContent, DOM construction and setAttribute on attributes that cannot run code; links are
 * made only from http(s) URLs. Never use innerHTML (or vis "title" HTML tooltips) with data.
 */
(function () {
  "use strict";

  const timings = { start: performance.now() };
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  const META = DATA.meta, CLASSES = DATA.classes, RELS = DATA.relations, ARTS = DATA.articles;
  const NODES = DATA.nodes, EDGES = DATA.edges;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const MAX_LIST = 200;
  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------------ small DOM helpers

  /** An element with text content and children; strings become text nodes, never markup. */
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function button(className, text, onClick, title) {
    const b = el("button", className, text);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", onClick);
    return b;
  }

  /** The URL as a string if it is an absolute http(s) URL, else null. */
  function safeUrl(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function shorten(text, max) {
    const t = String(text);
    return t.length > max ? t.slice(0, max - 1) + "\u2026" : t;
  }

  function plural(n, word) {
    return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s");
  }

  const STAR = (() => {
    const pts = [];
    for (let i = 0; i < 10; i++) {
      const r = i % 2 ? 3.2 : 7.5, a = Math.PI / 5 * i - Math.PI / 2;
      pts.push((8 + r * Math.cos(a)).toFixed(1) + "," + (8.5 + r * Math.sin(a)).toFixed(1));
    }
    return pts.join(" ");
  })();
  const POLYGONS = {
    diamond: "8,1 15,8 8,15 1,8", triangle: "8,1.5 15,14 1,14", triangleDown: "1,2 15,2 8,14.5",
    hexagon: "8,1 14.5,4.5 14.5,11.5 8,15 1.5,11.5 1.5,4.5", star: STAR,
  };

  /** A 16x16 SVG of a vis-network shape, for the legend and lists. */
  function swatch(cls) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    let shape;
    if (cls.shape === "dot") {
      shape = document.createElementNS(SVG_NS, "circle");
      shape.setAttribute("cx", "8"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6.5");
    } else if (cls.shape === "square") {
      shape = document.createElementNS(SVG_NS, "rect");
      shape.setAttribute("x", "2"); shape.setAttribute("y", "2");
      shape.setAttribute("width", "12"); shape.setAttribute("height", "12");
    } else {
      shape = document.createElementNS(SVG_NS, "polygon");
      shape.setAttribute("points", POLYGONS[cls.shape] || POLYGONS.diamond);
    }
    shape.setAttribute("fill", cls.color);
    shape.setAttribute("stroke", darken(cls.color));
    svg.append(shape);
    return svg;
  }

  function darken(hex) {
    const n = parseInt(hex.slice(1), 16);
    const f = (v) => Math.max(0, Math.round(v * 0.62)).toString(16).padStart(2, "0");
    return "#" + f(n >> 16) + f((n >> 8) & 255) + f(n & 255);
  }

  // ------------------------------------------------------------------ graph structure, O(N+E)

  const degree = new Int32Array(NODES.length);
  const incident = NODES.map(() => []);
  for (const e of EDGES) {
    degree[e.s]++; degree[e.o]++;
    incident[e.s].push(e.id);
    if (e.o !== e.s) incident[e.o].push(e.id);
  }
  const classCount = CLASSES.map(() => 0);
  for (const n of NODES) classCount[n.c]++;
  const relCount = RELS.map(() => 0);
  for (const e of EDGES) relCount[e.r]++;
  const isEvent = (n) => !!CLASSES[n.c].event && CLASSES[n.c].term !== "Statement";

  const edgeFrom = (e) => (RELS[e.r].reverse ? e.o : e.s);
  const edgeTo = (e) => (RELS[e.r].reverse ? e.s : e.o);
  // sizes and counts follow what is shown: relations whose both ends are shown, distinct sources
  const shownDegree = new Int32Array(NODES.length);
  const sizeValue = (n, by) => Math.sqrt(1 + (by === "sources" ? n.s || 0 : shownDegree[n.id]));

  // ------------------------------------------------------------------ filters

  const state = {
    classOn: CLASSES.map((c) => c.visible),
    relOn: RELS.map(() => true),
    artOn: ARTS.map(() => true),
    dateFrom: "", dateTo: "",
    hideLonely: true,     // hide nodes with no visible edge (isolates): one click shows them
    focus: null,          // Set of node ids, or null
    focusLabel: "",
  };
  const DEFAULT_CLASSES = state.classOn.slice();
  const shownNode = new Uint8Array(NODES.length);
  const shownEdge = new Uint8Array(EDGES.length);
  let visibleNodes = 0, visibleEdges = 0, lonelyHidden = 0;

  function articleActive(i) {
    if (!state.artOn[i]) return false;
    const d = String(ARTS[i].date || "").slice(0, 10);
    if (!d) return true;
    return !(state.dateFrom && d < state.dateFrom) && !(state.dateTo && d > state.dateTo);
  }

  function anyActive(list, active) {
    if (!list || list.length === 0) return true;
    for (const i of list) if (active[i]) return true;
    return false;
  }

  /** Whether the filters are those the page opened with (then the precomputed layout is the one to show). */
  function pristine() {
    return !state.focus && state.hideLonely && !state.dateFrom && !state.dateTo && state.relOn.every(Boolean)
      && state.artOn.every(Boolean) && state.classOn.every((on, i) => on === DEFAULT_CLASSES[i]);
  }

  function computeVisibility() {
    const active = ARTS.map((_, i) => articleActive(i));
    const nodeVis = new Uint8Array(NODES.length), edgeVis = new Uint8Array(EDGES.length);
    for (const n of NODES) {
      nodeVis[n.id] = state.classOn[n.c] && anyActive(n.a, active) && (!state.focus || state.focus.has(n.id)) ? 1 : 0;
    }
    for (const e of EDGES) {
      edgeVis[e.id] = state.relOn[e.r] && nodeVis[e.s] && nodeVis[e.o] && anyActive(e.a, active) ? 1 : 0;
    }
    const linked = new Int32Array(NODES.length);
    for (const e of EDGES) if (edgeVis[e.id]) { linked[e.s]++; if (e.o !== e.s) linked[e.o]++; }
    let lonely = 0;
    for (let i = 0; i < nodeVis.length; i++) {
      if (nodeVis[i] && !linked[i]) {
        lonely++;
        if (state.hideLonely) nodeVis[i] = 0;
      }
    }
    return { nodeVis, edgeVis, linked, lonely };
  }

  // ------------------------------------------------------------------ vis-network

  const large = !!META.large;
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();

  function visNode(n, hidden) {
    const cls = CLASSES[n.c];
    const border = darken(cls.color);
    // no vis label: names are drawn by KgLabels at a readable size, by level of detail
    return {
      id: n.id, x: n.x, y: n.y, shape: cls.shape, value: sizeValue(n, META.sizeBy), hidden,
      color: { background: cls.color, border, highlight: { background: cls.color, border: "#000000" },
               hover: { background: cls.color, border: "#000000" } },
    };
  }

  function visEdge(e, hidden) {
    const rel = RELS[e.r];
    const item = {
      id: e.id, from: edgeFrom(e), to: edgeTo(e), hidden,
      // a link no sentence states (a ministry's country, from the gazetteer) is drawn faint: who did what comes first
      color: { color: rel.color, highlight: rel.color, hover: rel.color, opacity: e.e && e.e.length ? 0.8 : 0.3 },
      width: 1 + Math.min(3, Math.max(0, (e.a || []).length - 1)) * 0.6,
    };
    if (!large) {
      item.label = rel.label;
      item.smooth = { enabled: true, type: "curvedCW", roundness: 0.1 + 0.2 * (e.k || 0) };
    } else if (e.k) {
      item.smooth = { enabled: true, type: "curvedCW", roundness: 0.2 * e.k };
    }
    return item;
  }

  const initial = computeVisibility();
  shownDegree.set(initial.linked);
  lonelyHidden = state.hideLonely ? initial.lonely : 0;
  nodes.add(NODES.map((n) => { shownNode[n.id] = initial.nodeVis[n.id]; return visNode(n, !shownNode[n.id]); }));
  edges.add(EDGES.map((e) => { shownEdge[e.id] = initial.edgeVis[e.id]; return visEdge(e, !shownEdge[e.id]); }));
  visibleNodes = shownNode.reduce((a, b) => a + b, 0);
  visibleEdges = shownEdge.reduce((a, b) => a + b, 0);

  const network = new vis.Network($("graph"), { nodes, edges }, {
    autoResize: true,
    // positions come with the data (kg/view/layout.py): no layout in the page at load
    layout: { randomSeed: 7, improvedLayout: false },
    physics: {
      enabled: false,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.015, springLength: 90,
                          springConstant: 0.08, damping: 0.6, avoidOverlap: 0.2 },
      maxVelocity: 50, minVelocity: 0.8, timestep: 0.4,
      stabilization: { enabled: false, iterations: META.iterations, updateInterval: 25, fit: false },
    },
    interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 100,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      scaling: { min: META.sizeMin, max: META.sizeMax },
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      smooth: large ? false : { enabled: true, type: "curvedCW", roundness: 0.1 },
      font: { size: 11, color: "#4a4a4f", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      scaling: { label: { enabled: false, drawThreshold: 10 } },
      selectionWidth: 2, hoverWidth: 1.5,
    },
  });

  timings.network = performance.now();

  // ------------------------------------------------------------------ names by level of detail

  let labelOrder = [];
  const selectedFirst = [];
  /** Shown nodes, most worth naming first (after the selected node and its neighbours): the largest hub, the
   *  most-reported event, the next hub, the next event... so the first screen says who did what to whom. Hubs
   *  rank by shown relations and sources, events by sources and shown relations. */
  function rankLabels() {
    const hubs = [], events = [];
    for (let i = 0; i < NODES.length; i++) if (shownNode[i]) (isEvent(NODES[i]) ? events : hubs).push(i);
    const hubScore = (i) => shownDegree[i] + 2 * (NODES[i].s || 0);
    const eventScore = (i) => 4 * (NODES[i].s || 0) + shownDegree[i];
    hubs.sort((a, b) => hubScore(b) - hubScore(a) || a - b);
    events.sort((a, b) => eventScore(b) - eventScore(a) || a - b);
    const ids = [];
    for (let k = 0; k < Math.max(hubs.length, events.length); k++) {
      if (k < hubs.length) ids.push(hubs[k]);
      if (k < events.length) ids.push(events[k]);
    }
    labelOrder = ids;
  }
  rankLabels();
  const CLUSTERS = (META.clusters || []).filter((c) => c.size >= 4);
  let layoutIsPristine = true;
  const labels = KgLabels.create(network, {
    base: 45,
    text: (id) => shorten(NODES[id].l, META.maxLabel),
    order: () => (selectedFirst.length ? selectedFirst.concat(labelOrder) : labelOrder),
    clusters: () => (layoutIsPristine ? CLUSTERS : []),
  });

  // ------------------------------------------------------------------ layout: precomputed, re-laid out on filters

  const physicsBox = $("physics");
  const loading = $("loading");
  const RELAYOUT_MAX = 2500;     // above this many shown nodes a filter keeps the precomputed positions
  let moved = false;             // a re-layout moved nodes (put back before the next one)
  let pinned = new Set();        // shown nodes without a shown relation: kept out of the simulation
  let relayingOut = false;

  function stopPhysics() {
    network.setOptions({ physics: { enabled: false } });
    physicsBox.checked = false;
  }

  function fitShown() {
    const ids = [];
    for (let i = 0; i < NODES.length; i++) if (shownNode[i]) ids.push(i);
    network.fit(ids.length && ids.length < NODES.length ? { nodes: ids, animation: false } : { animation: false });
    labels.refit();
  }

  /** Put shown nodes without a shown relation in a compact block under the others, never in a ring. */
  function placeLonely(ids) {
    if (!ids.length) return;
    let minX = Infinity, maxX = -Infinity, maxY = -Infinity;
    const pos = network.getPositions();
    for (let i = 0; i < NODES.length; i++) {
      if (!shownNode[i] || pinned.has(i)) continue;
      const p = pos[i];
      minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y);
    }
    if (minX === Infinity) { minX = maxX = 0; maxY = -140; }
    const cols = Math.max(1, Math.ceil(Math.sqrt(ids.length * 2)));
    const left = (minX + maxX) / 2 - ((cols - 1) * 70) / 2;
    ids.forEach((id, k) => place(id, left + (k % cols) * 70, maxY + 140 + Math.floor(k / cols) * 56));
    network.redraw();
  }

  /** Move a node without a redraw each (vis-network's moveNode schedules one per call). */
  function place(id, x, y) {
    const node = network.body.nodes[id];
    if (node) { node.x = x; node.y = y; }
  }

  /** Only what is shown takes part in the simulation. vis-network simulates hidden nodes and edges too (its
   *  documented behaviour), so a filtered graph would be pulled back by what it hides; the flags are set on the
   *  bodies directly (vis-network 9.1.2, shipped inside pyvis==0.3.2) because a DataSet update of every node costs
   *  a second at 20,000 nodes. Shown nodes without a shown relation stay out too: placeLonely puts them below. */
  function simulateShownOnly() {
    for (let i = 0; i < NODES.length; i++) {
      const node = network.body.nodes[i];
      if (node) node.options.physics = !!shownNode[i] && !pinned.has(i);
    }
    for (let i = 0; i < EDGES.length; i++) {
      const edge = network.body.edges[i];
      if (edge) edge.options.physics = !!shownEdge[i];
    }
    network.physics.updatePhysicsData();
  }

  function relayout() {
    if (moved) for (let i = 0; i < NODES.length; i++) place(i, NODES[i].x, NODES[i].y);  // start from the precomputed
    moved = false;
    pinned = new Set();
    for (let i = 0; i < NODES.length; i++) if (shownNode[i] && !shownDegree[i]) pinned.add(i);
    layoutIsPristine = pristine();
    if (layoutIsPristine || visibleNodes > RELAYOUT_MAX || visibleNodes - pinned.size < 2) {
      network.redraw();
      fitShown();  // the precomputed positions (too many to simulate here: they stay)
      document.body.dataset.layout = layoutIsPristine ? "precomputed" : "kept";
      return;
    }
    moved = true;
    relayingOut = true;
    document.body.dataset.layout = "running";
    const iterations = Math.max(60, Math.min(META.iterations, Math.round(200000 / Math.max(1, visibleNodes))));
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: true, iterations, updateInterval: 25, fit: false } } });
    simulateShownOnly();  // after setOptions, which gives every body the global physics option again
    network.stabilize(iterations);
  }

  network.on("stabilizationProgress", (p) => {
    loading.hidden = false;
    $("loading-text").textContent = "Laying out " + plural(visibleNodes, "node") + "\u2026";
    $("loading-bar").value = Math.round((100 * p.iterations) / p.total);
  });
  network.on("stabilizationIterationsDone", () => {
    loading.hidden = true;
    stopPhysics();
    if (!relayingOut) return;
    relayingOut = false;
    placeLonely([...pinned]);
    fitShown();
    document.body.dataset.layout = "relaid";
  });

  let ready = false;
  function markReady() {
    if (ready) return;
    ready = true;
    timings.ready = performance.now();
    document.body.dataset.ready = "1";
    document.body.dataset.layout = "precomputed";
  }
  fitShown();
  network.once("afterDrawing", () => requestAnimationFrame(markReady));  // interactive once the first frame is drawn
  if (!NODES.length) requestAnimationFrame(markReady);
  network.on("stabilized", () => { if (physicsBox.checked) stopPhysics(); });
  physicsBox.addEventListener("change", () => {
    if (physicsBox.checked) {
      moved = true;
      network.setOptions({ physics: { enabled: true } });
      simulateShownOnly();
      network.startSimulation();
    } else {
      stopPhysics();
    }
  });
  $("fit").addEventListener("click", () => fitShown());

  // ------------------------------------------------------------------ status and filters UI

  function updateStatus() {
    const status = $("status");
    status.textContent = visibleNodes.toLocaleString("en") + " of " + plural(NODES.length, "node") + " \u00b7 "
      + visibleEdges.toLocaleString("en") + " of " + plural(EDGES.length, "edge") + " \u00b7 "
      + plural(ARTS.length, "article");
    status.dataset.nodes = String(visibleNodes);
    status.dataset.edges = String(visibleEdges);
    const lonely = $("lonely");
    lonely.hidden = !lonelyHidden && state.hideLonely;
    lonely.textContent = state.hideLonely ? "show " + plural(lonelyHidden, "unconnected node") : "hide unconnected nodes";
    lonely.setAttribute("aria-pressed", String(!state.hideLonely));
  }

  function applyFilters() {
    const { nodeVis, edgeVis, linked, lonely } = computeVisibility();
    const nodeUpdates = [], edgeUpdates = [];
    const by = $("size-by").value;
    for (let i = 0; i < nodeVis.length; i++) {
      const changedDegree = linked[i] !== shownDegree[i];
      shownDegree[i] = linked[i];
      if (nodeVis[i] !== shownNode[i] || (changedDegree && nodeVis[i] && by === "degree")) {
        shownNode[i] = nodeVis[i];
        nodeUpdates.push({ id: i, hidden: !nodeVis[i], value: sizeValue(NODES[i], by) });
      }
    }
    for (let i = 0; i < edgeVis.length; i++) {
      if (edgeVis[i] !== shownEdge[i]) { shownEdge[i] = edgeVis[i]; edgeUpdates.push({ id: i, hidden: !edgeVis[i] }); }
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    visibleNodes = shownNode.reduce((a, b) => a + b, 0);
    visibleEdges = shownEdge.reduce((a, b) => a + b, 0);
    lonelyHidden = state.hideLonely ? lonely : 0;
    rankLabels();
    updateStatus();
    if (nodeUpdates.length) relayout();
  }

  function checkItem(checked, swatchEl, text, count, dataName, dataValue, onChange, title) {
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.dataset[dataName] = dataValue;
    box.addEventListener("change", () => onChange(box.checked));
    const label = el("label", null, box, swatchEl, el("span", "name", text), count === null ? null : el("span", "count", count));
    if (title) label.title = title;
    return el("li", null, label);
  }

  function buildLegend() {
    const list = $("legend");
    CLASSES.forEach((cls, i) => {
      if (!classCount[i]) return;
      list.append(checkItem(state.classOn[i], swatch(cls), cls.label, classCount[i], "class", cls.term, (on) => {
        state.classOn[i] = on;
        applyFilters();
      }));
    });
  }

  function buildRelations() {
    const list = $("relations");
    RELS.forEach((rel, i) => {
      const line = el("span", "edge-swatch");
      line.style.background = rel.color;
      list.append(checkItem(true, line, rel.label, relCount[i], "relation", rel.name, (on) => {
        state.relOn[i] = on;
        applyFilters();
      }, "kg:" + rel.name));
    });
    const setAll = (on) => {
      state.relOn.fill(on);
      list.querySelectorAll("input").forEach((b) => { b.checked = on; });
      applyFilters();
    };
    $("rel-all").addEventListener("click", () => setAll(true));
    $("rel-none").addEventListener("click", () => setAll(false));
  }

  function articleLine(a) {
    return [String(a.date || "").slice(0, 10), a.outlet, a.headline || a.file || a.iri].filter(Boolean).join(" \u00b7 ");
  }

  function buildArticles() {
    const list = $("articles");
    const sortKey = (i) => String(ARTS[i].date || "9999") + (ARTS[i].headline || ARTS[i].file || "");
    const order = ARTS.map((_, i) => i).sort((x, y) => sortKey(x).localeCompare(sortKey(y)));  // undated last
    for (const i of order) {
      const line = articleLine(ARTS[i]);
      list.append(checkItem(true, null, line, null, "article", String(i), (on) => {
        state.artOn[i] = on;
        applyFilters();
      }, line));
    }
    const setAll = (on) => {
      state.artOn.fill(on);
      list.querySelectorAll("input").forEach((b) => { b.checked = on; });
      applyFilters();
    };
    $("art-all").addEventListener("click", () => setAll(true));
    $("art-none").addEventListener("click", () => setAll(false));
    const dates = ARTS.map((a) => String(a.date || "").slice(0, 10)).filter(Boolean).sort();
    for (const id of ["date-from", "date-to"]) {
      const input = $(id);
      if (dates.length) { input.min = dates[0]; input.max = dates[dates.length - 1]; }
      input.addEventListener("change", () => {
        state.dateFrom = $("date-from").value;
        state.dateTo = $("date-to").value;
        applyFilters();
      });
    }
  }

  $("hide-lonely").checked = state.hideLonely;
  $("lonely").addEventListener("click", () => {
    state.hideLonely = $("hide-lonely").checked = !state.hideLonely;
    applyFilters();
  });
  $("hide-lonely").addEventListener("change", () => {
    state.hideLonely = $("hide-lonely").checked;
    applyFilters();
  });

  $("size-by").value = META.sizeBy;
  $("size-by").addEventListener("change", () => {
    const by = $("size-by").value;
    nodes.update(NODES.map((n) => ({ id: n.id, value: sizeValue(n, by) })));
  });

  // ------------------------------------------------------------------ neighbourhood focus

  function neighbourhood(id, depth) {
    const seen = new Set([id]);
    let frontier = [id];
    for (let d = 0; d < depth; d++) {
      const next = [];
      for (const n of frontier) {
        for (const eid of incident[n]) {
          const e = EDGES[eid], other = e.s === n ? e.o : e.s;
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        }
      }
      frontier = next;
    }
    return seen;
  }

  function setFocus(id, depth) {
    state.focus = neighbourhood(id, depth);
    state.focusLabel = NODES[id].l;
    $("focus-text").textContent = "Showing " + plural(state.focus.size, "node") + " within " + plural(depth, "hop")
      + " of " + NODES[id].l + ".";
    $("focus-bar").hidden = false;
    applyFilters();  // re-lays out what is shown and fits it
  }

  /** Show one cluster of the precomputed layout (its members and nothing else), re-laid out. */
  function focusCluster(ci) {
    const c = META.clusters[ci];
    state.focus = new Set(NODES.filter((n) => n.g === ci).map((n) => n.id));
    state.focusLabel = c.name;
    $("focus-text").textContent = "Showing the cluster " + c.name + " (" + plural(c.size, "node") + ").";
    $("focus-bar").hidden = false;
    applyFilters();
  }

  function buildClusters() {
    const list = $("clusters");
    (META.clusters || []).slice(0, 25).forEach((c, ci) => {
      if (c.size < 4) return;
      list.append(el("li", null, button("node-link", c.name, () => focusCluster(ci), "show only this cluster"),
        el("span", "count", c.size)));
    });
    $("clusters-section").hidden = !list.children.length;
  }

  function clearFocus() {
    state.focus = null;
    $("focus-bar").hidden = true;
    applyFilters();
  }
  $("focus-clear").addEventListener("click", clearFocus);

  // ------------------------------------------------------------------ tooltip

  const tooltip = $("tooltip");

  function showTooltip(lines, pointer) {
    tooltip.replaceChildren(...lines);
    tooltip.hidden = false;
    const wrap = $("graph-wrap").getBoundingClientRect();
    const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    tooltip.style.left = Math.max(4, Math.min(pointer.x + 14, wrap.width - w - 4)) + "px";
    tooltip.style.top = Math.max(4, Math.min(pointer.y + 14, wrap.height - h - 4)) + "px";
  }

  function nodeTooltip(id) {
    const n = NODES[id], cls = CLASSES[n.c];
    const lines = [el("div", "t-title", n.l),
      el("div", "t-sub", cls.label + " \u00b7 " + connections(id) + " \u00b7 " + plural(n.s || 0, "source"))];
    if (n.k && n.k.length) lines.push(el("div", null, "also: " + shorten(n.k.slice(0, 4).join(", "), 160)));
    for (const [title, org] of (n.r || []).slice(0, 2)) lines.push(el("div", null, title + (org >= 0 ? ", " + NODES[org].l : "")));
    for (const [name, values] of (n.d || []).slice(0, 3)) lines.push(el("div", null, name + ": " + shorten(values.join("; "), 120)));
    lines.push(el("div", "t-sub", "click for evidence"));
    return lines;
  }

  function edgeTooltip(id) {
    const e = EDGES[id], rel = RELS[e.r];
    const lines = [el("div", "t-title", shorten(NODES[edgeFrom(e)].l, 60) + " \u2192 " + rel.label + " \u2192 "
      + shorten(NODES[edgeTo(e)].l, 60))];
    if (e.e && e.e.length) lines.push(el("div", null, "\u201c" + shorten(e.e[0][0], 220) + "\u201d"));
    lines.push(el("div", "t-sub", plural((e.e || []).length, "sentence") + " \u00b7 " + plural((e.a || []).length, "article")
      + " \u00b7 click for details"));
    return lines;
  }

  network.on("hoverNode", (p) => showTooltip(nodeTooltip(p.node), p.pointer.DOM));
  network.on("hoverEdge", (p) => showTooltip(edgeTooltip(p.edge), p.pointer.DOM));
  for (const ev of ["blurNode", "blurEdge", "dragStart", "zoom", "click"]) network.on(ev, () => { tooltip.hidden = true; });

  // ------------------------------------------------------------------ side panel

  const panel = $("panel"), panelBody = $("panel-body");

  function nodeLink(id) {
    return button("node-link", NODES[id].l, () => selectNode(id, { zoom: true }), CLASSES[NODES[id].c].label);
  }

  function citation(ai) {
    if (ai === undefined || ai < 0 || !ARTS[ai]) return null;
    const a = ARTS[ai];
    const headline = a.headline || a.file || a.iri;
    const href = safeUrl(a.url);
    let head;
    if (href) {
      head = el("a", null, headline);
      head.href = href;
      head.target = "_blank";
      head.rel = "noopener noreferrer nofollow";
    } else {
      head = el("span", null, headline);
    }
    const rest = [a.outlet, String(a.date || "").slice(0, 10)].filter(Boolean).join(", ");
    const file = a.file && a.file !== headline ? " \u00b7 " + a.file : null;
    return el("div", "cite", "\u2014 ", head, rest ? " \u00b7 " + rest : null, file,
      a.rawUrl ? el("span", "muted", " \u00b7 link not opened (not http/https): " + a.rawUrl) : null);
  }

  function section(title, ...content) {
    return [el("h3", null, title), ...content];
  }

  function evidenceList(items) {
    const list = el("ul", "evidence");
    for (const item of items.slice(0, MAX_LIST)) {
      list.append(el("li", null, el("blockquote", null, item.sentence),
        item.note ? el("div", "cite", item.note) : null, citation(item.article)));
    }
    if (items.length > MAX_LIST) list.append(el("li", "muted", "\u2026 and " + (items.length - MAX_LIST) + " more"));
    return list;
  }

  function articleList(indexes) {
    const list = el("ul");
    for (const ai of indexes.slice(0, MAX_LIST)) {
      const a = ARTS[ai];
      list.append(el("li", null, citation(ai) || a.iri));
    }
    return list;
  }

  function edgeSummary(e) {
    const rel = RELS[e.r];
    return NODES[edgeFrom(e)].l + " \u2192 " + rel.label + " \u2192 " + NODES[edgeTo(e)].l;
  }

  /** Sentences stating a node: its own (events, quotes), else those of its relations. */
  function nodeEvidence(id) {
    const n = NODES[id];
    const seen = new Set(), items = [];
    const add = (sentence, article, note) => {
      const key = sentence + "\u0000" + article;
      if (seen.has(key)) return;
      seen.add(key);
      items.push({ sentence, article, note });
    };
    for (const [sentence, article] of n.e || []) add(sentence, article, "");
    for (const eid of incident[id]) {
      const e = EDGES[eid];
      for (const [sentence, article, title] of e.e || []) {
        add(sentence, article, edgeSummary(e) + (title ? " (" + title + ")" : ""));
      }
    }
    return items;
  }

  function connectionList(id) {
    const list = el("ul");
    const ids = incident[id];
    for (const eid of ids.slice(0, MAX_LIST)) {
      const e = EDGES[eid], rel = RELS[e.r];
      const outgoing = edgeFrom(e) === id;
      const other = outgoing ? edgeTo(e) : edgeFrom(e);
      const relButton = button("link rel-name", (outgoing ? "\u2192 " : "\u2190 ") + rel.label, () => selectEdge(eid),
        "show the evidence for this relation");
      list.append(el("li", "rel-row", relButton, nodeLink(other)));
    }
    if (ids.length > MAX_LIST) list.append(el("li", "muted", "\u2026 and " + (ids.length - MAX_LIST) + " more"));
    return list;
  }

  function depthControls(id) {
    const select = el("select");
    for (const d of [1, 2, 3]) {
      const opt = el("option", null, plural(d, "hop"));
      opt.value = String(d);
      select.append(opt);
    }
    select.value = "2";
    return el("div", "depth-row", button(null, "show only its neighbourhood", () => setFocus(id, Number(select.value))),
      "within", select);
  }

  function openPanel(children) {
    panelBody.replaceChildren(...children.filter(Boolean));
    const wasHidden = panel.hidden;
    panel.hidden = false;
    panel.scrollTop = 0;
    if (wasHidden) network.setSize("100%", "100%");  // the canvas just got narrower
  }

  /** Connections as shown, and how many there are in all when filters hide some. */
  function connections(id) {
    return shownDegree[id] === degree[id] || !shownNode[id] ? plural(degree[id], "connection")
      : plural(shownDegree[id], "connection") + " shown (" + degree[id] + " in all)";
  }

  /** The events of a node: itself if it is one and the events of its parties, else the events it takes part in. */
  function eventsOf(id) {
    const found = new Set();
    const visit = (n) => {
      for (const eid of incident[n]) {
        const e = EDGES[eid], other = e.s === n ? e.o : e.s;
        if (isEvent(NODES[other])) found.add(other);
      }
    };
    if (isEvent(NODES[id])) {
      found.add(id);
      for (const eid of incident[id]) { const e = EDGES[eid]; if (!isEvent(NODES[e.s === id ? e.o : e.s])) visit(e.s === id ? e.o : e.s); }
    } else {
      visit(id);
    }
    return [...found];
  }

  /** The date an event is reported for: its earliest kg:date, else its earliest source's publication date. */
  function eventDate(n) {
    const detail = (n.d || []).find(([name]) => name === "date");
    const dates = detail ? detail[1].map(String).filter((d) => /^\d{4}/.test(d)) : [];
    if (!dates.length) for (const ai of n.a || []) if (ARTS[ai] && ARTS[ai].date) dates.push(String(ARTS[ai].date).slice(0, 10));
    return dates.sort()[0] || "";
  }

  function timeline(id) {
    const ids = eventsOf(id);
    if (!ids.length) return [];
    const items = ids.slice(0, MAX_LIST).map((eid) => {
      const n = NODES[eid];
      return { id: eid, date: eventDate(n), color: CLASSES[n.c].color, link: nodeLink(eid),
               cites: (n.a || []).slice(0, 3).map(citation).filter(Boolean) };
    });
    const more = ids.length > MAX_LIST ? el("p", "muted", "\u2026 and " + (ids.length - MAX_LIST) + " more") : null;
    return section("Timeline (" + ids.length + (ids.length === 1 ? " event)" : " events)"), KgTimeline.render(items), more);
  }

  function nameFirst(id) {
    selectedFirst.length = 0;
    if (id === null) return;
    selectedFirst.push(id);
    for (const eid of incident[id]) {
      const e = EDGES[eid], other = e.s === id ? e.o : e.s;
      if (shownEdge[eid] && !selectedFirst.includes(other)) selectedFirst.push(other);
    }
  }

  function showNodePanel(id) {
    const n = NODES[id], cls = CLASSES[n.c];
    nameFirst(id);
    const parts = [
      el("h2", null, n.l),
      el("div", "badge", swatch(cls), cls.label + " \u00b7 " + connections(id) + " \u00b7 "
        + plural(n.s || 0, "source") + (n.m ? " \u00b7 " + plural(n.m, "mention") : "")),
      el("div", "iri", n.iri),
    ];
    if (n.k && n.k.length) parts.push(...section("Also known as", el("ul", null, ...n.k.map((k) => el("li", null, k)))));
    if (n.r && n.r.length) {
      parts.push(...section("Roles", el("ul", null, ...n.r.map(([title, org]) =>
        el("li", null, title, org >= 0 ? ", " : null, org >= 0 ? nodeLink(org) : null)))));
    }
    if (n.d && n.d.length) {
      const dl = el("dl");
      for (const [name, values] of n.d) dl.append(el("dt", null, name), el("dd", null, values.join("; ")));
      parts.push(...section("Details", dl));
    }
    const evidence = nodeEvidence(id);
    parts.push(...section("Evidence (" + evidence.length + ")",
      evidence.length ? evidenceList(evidence) : el("p", "muted", "No sentence states a relation of this node.")));
    parts.push(...timeline(id));
    parts.push(...section("Connections (" + incident[id].length + ")", connectionList(id), depthControls(id)));
    if (n.a && n.a.length) parts.push(...section("Articles (" + n.a.length + ")", articleList(n.a)));
    openPanel(parts);
    panel.dataset.node = String(id);
    delete panel.dataset.edge;
  }

  function showEdgePanel(id) {
    const e = EDGES[id], rel = RELS[e.r];
    const items = (e.e || []).map(([sentence, article, title]) => ({ sentence, article, note: title ? "role: " + title : "" }));
    const parts = [
      el("h2", null, nodeLink(edgeFrom(e)), " \u2192 " + rel.label + " \u2192 ", nodeLink(edgeTo(e))),
      el("div", "badge", "kg:" + rel.name + " \u00b7 " + NODES[e.s].l + " \u2192 " + NODES[e.o].l),
      ...section("Evidence (" + items.length + ")",
        items.length ? evidenceList(items) : el("p", "muted", "No sentence recorded for this relation.")),
    ];
    if (e.a && e.a.length) parts.push(...section("Articles (" + e.a.length + ")", articleList(e.a)));
    openPanel(parts);
    panel.dataset.edge = String(id);
    delete panel.dataset.node;
  }

  function closePanel() {
    nameFirst(null);
    if (!panel.hidden) {
      panel.hidden = true;
      network.setSize("100%", "100%");
    }
    delete panel.dataset.node;
    delete panel.dataset.edge;
  }
  $("panel-close").addEventListener("click", () => { closePanel(); network.unselectAll(); });

  /** Make a node visible (its class, articles, focus), select it and show its panel. */
  function selectNode(id, opts) {
    if (!shownNode[id]) {
      const n = NODES[id];
      state.classOn[n.c] = true;
      const box = document.querySelector('#legend input[data-class="' + CLASSES[n.c].term + '"]');
      if (box) box.checked = true;
      if (state.focus && !state.focus.has(id)) clearFocus();
      applyFilters();
      if (!shownNode[id] && state.hideLonely) {
        state.hideLonely = $("hide-lonely").checked = false;
        applyFilters();
      }
      if (!shownNode[id]) {
        state.artOn.fill(true);
        state.dateFrom = state.dateTo = "";
        $("date-from").value = $("date-to").value = "";
        document.querySelectorAll("#articles input").forEach((b) => { b.checked = true; });
        applyFilters();
      }
    }
    network.selectNodes([id]);
    showNodePanel(id);
    if (opts && opts.zoom) {
      network.focus(id, { scale: Math.max(1.1, Math.min(network.getScale() * 1.5, 1.6)),
                          animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    }
  }

  function selectEdge(id) {
    if (shownEdge[id]) network.selectEdges([id]);
    showEdgePanel(id);
  }

  network.on("click", (p) => {
    if (p.nodes.length) showNodePanel(p.nodes[0]);
    else if (p.edges.length) showEdgePanel(p.edges[0]);
    else closePanel();
  });

  // ------------------------------------------------------------------ search

  const searchInput = $("search"), results = $("search-results");
  const searchNames = NODES.map((n) => [fold(n.l), ...(n.k || []).map(fold)]);
  let hits = [], active = 0;

  function rank(names, q) {
    let best = 9;
    names.forEach((name, i) => {
      const alias = i > 0 ? 1 : 0;
      let r = 9;
      if (name === q) r = 0;
      else if (name.startsWith(q)) r = 2;
      else if (name.includes(" " + q)) r = 4;
      else if (name.includes(q)) r = 6;
      best = Math.min(best, r + alias);
    });
    return best;
  }

  function search(query) {
    const q = fold(query);
    if (!q) return [];
    const found = [];
    for (let i = 0; i < NODES.length; i++) {
      const r = rank(searchNames[i], q);
      if (r < 9) found.push([r + (CLASSES[NODES[i].c].term === "Statement" ? 5 : 0), -degree[i], NODES[i].l, i]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    return found.slice(0, 15).map((f) => f[3]);
  }

  function renderResults() {
    results.replaceChildren();
    if (!searchInput.value.trim()) return;
    if (!hits.length) { results.append(el("li", "empty", "no match")); return; }
    hits.forEach((id, i) => {
      const n = NODES[id], cls = CLASSES[n.c];
      const li = el("li", i === active ? "active" : null, swatch(cls), el("span", "name", n.l), el("span", "kind", cls.label));
      li.setAttribute("role", "option");
      li.dataset.node = String(id);
      li.addEventListener("click", () => pick(id));
      results.append(li);
    });
  }

  function pick(id) {
    selectNode(id, { zoom: true });
    results.replaceChildren();
  }

  searchInput.addEventListener("input", () => { hits = search(searchInput.value); active = 0; renderResults(); });
  searchInput.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (hits.length) active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      renderResults();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (hits.length) pick(hits[active]);
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      searchInput.value = "";
      hits = [];
      renderResults();
    }
  });
  document.addEventListener("keydown", (ev) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement;
    if (ev.key === "/" && !typing) { searchInput.focus(); ev.preventDefault(); }
    if (ev.key === "Escape" && !typing) { closePanel(); network.unselectAll(); }
  });

  // ------------------------------------------------------------------ start

  $("title").textContent = META.title;
  // what the nodes and edges are: the same lines kg build and kg view print on the terminal
  for (const line of META.counts || []) $("counts").append(el("div", null, line));
  buildLegend();
  buildRelations();
  buildArticles();
  buildClusters();
  updateStatus();
  if (META.focus) $("status").title = "focused view around " + META.focus;

  window.kgView = {
    network, nodes, edges, data: DATA,
    isReady: () => ready, timings,
    selectNode, selectEdge, setFocus, clearFocus, focusCluster, search, labels: () => labels.drawn(),
    visibleNodeCount: () => visibleNodes,
    visibleEdgeCount: () => visibleEdges,
    isNodeShown: (id) => !!shownNode[id],
  };
})();
