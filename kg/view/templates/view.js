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

  const edgeFrom = (e) => (RELS[e.r].reverse ? e.o : e.s);
  const edgeTo = (e) => (RELS[e.r].reverse ? e.s : e.o);
  const sizeValue = (n, by) => Math.sqrt(1 + (by === "sources" ? n.s || 0 : degree[n.id]));

  // ------------------------------------------------------------------ filters

  const state = {
    classOn: CLASSES.map((c) => c.visible),
    relOn: RELS.map(() => true),
    artOn: ARTS.map(() => true),
    dateFrom: "", dateTo: "",
    hideLonely: false,    // hide nodes with no visible edge
    focus: null,          // Set of node ids, or null
    focusLabel: "",
  };
  const shownNode = new Uint8Array(NODES.length);
  const shownEdge = new Uint8Array(EDGES.length);
  let visibleNodes = 0, visibleEdges = 0;

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

  function computeVisibility() {
    const active = ARTS.map((_, i) => articleActive(i));
    const nodeVis = new Uint8Array(NODES.length), edgeVis = new Uint8Array(EDGES.length);
    for (const n of NODES) {
      nodeVis[n.id] = state.classOn[n.c] && anyActive(n.a, active) && (!state.focus || state.focus.has(n.id)) ? 1 : 0;
    }
    for (const e of EDGES) {
      edgeVis[e.id] = state.relOn[e.r] && nodeVis[e.s] && nodeVis[e.o] && anyActive(e.a, active) ? 1 : 0;
    }
    if (state.hideLonely) {
      const linked = new Uint8Array(NODES.length);
      for (const e of EDGES) if (edgeVis[e.id]) { linked[e.s] = 1; linked[e.o] = 1; }
      for (let i = 0; i < nodeVis.length; i++) nodeVis[i] &= linked[i];
    }
    return { nodeVis, edgeVis };
  }

  // ------------------------------------------------------------------ vis-network

  const large = !!META.large;
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();

  function visNode(n, hidden) {
    const cls = CLASSES[n.c];
    const border = darken(cls.color);
    return {
      id: n.id, label: shorten(n.l, META.maxLabel), shape: cls.shape, value: sizeValue(n, META.sizeBy), hidden,
      color: { background: cls.color, border, highlight: { background: cls.color, border: "#000000" },
               hover: { background: cls.color, border: "#000000" } },
    };
  }

  function visEdge(e, hidden) {
    const rel = RELS[e.r];
    const item = {
      id: e.id, from: edgeFrom(e), to: edgeTo(e), hidden,
      color: { color: rel.color, highlight: rel.color, hover: rel.color, opacity: 0.8 },
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
  nodes.add(NODES.map((n) => { shownNode[n.id] = initial.nodeVis[n.id]; return visNode(n, !shownNode[n.id]); }));
  edges.add(EDGES.map((e) => { shownEdge[e.id] = initial.edgeVis[e.id]; return visEdge(e, !shownEdge[e.id]); }));
  visibleNodes = shownNode.reduce((a, b) => a + b, 0);
  visibleEdges = shownEdge.reduce((a, b) => a + b, 0);

  const network = new vis.Network($("graph"), { nodes, edges }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: !large },
    physics: {
      enabled: true,
      solver: large ? "barnesHut" : "forceAtlas2Based",
      barnesHut: { gravitationalConstant: -6000, centralGravity: 0.3, springLength: 120, springConstant: 0.04, damping: 0.3, theta: 0.8 },
      forceAtlas2Based: { gravitationalConstant: -90, centralGravity: 0.01, springLength: 150,
                          springConstant: 0.06, damping: 0.5, avoidOverlap: large ? 0 : 0.5 },
      maxVelocity: 60, minVelocity: 0.8, timestep: 0.45,
      stabilization: { enabled: true, iterations: META.iterations, updateInterval: large ? 2 : 25, fit: true },
    },
    interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 100,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      scaling: { min: META.sizeMin, max: META.sizeMax,
                 label: { enabled: true, min: 12, max: 22, maxVisible: 30, drawThreshold: large ? 9 : 5 } },
      font: { size: 13, color: "#1d1d1f", strokeWidth: 4, strokeColor: "#ffffff" },
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      smooth: large ? false : { enabled: true, type: "curvedCW", roundness: 0.1 },
      font: { size: 11, color: "#4a4a4f", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      selectionWidth: 2, hoverWidth: 1.5,
    },
  });

  timings.network = performance.now();

  // ------------------------------------------------------------------ physics: stop once settled

  const physicsBox = $("physics");
  const loading = $("loading");

  function stopPhysics() {
    network.setOptions({ physics: { enabled: false } });
    physicsBox.checked = false;
  }

  network.on("stabilizationProgress", (p) => {
    loading.hidden = false;
    $("loading-text").textContent = "Laying out " + plural(visibleNodes, "node") + "\u2026";
    $("loading-bar").value = Math.round((100 * p.iterations) / p.total);
  });
  let ready = false;
  function markReady() {
    loading.hidden = true;
    stopPhysics();
    network.fit();
    ready = true;
    timings.ready = performance.now();
    document.body.dataset.ready = "1";
  }
  network.once("stabilizationIterationsDone", markReady);
  if (!NODES.length) markReady();
  network.on("stabilized", () => { if (physicsBox.checked) stopPhysics(); });
  physicsBox.addEventListener("change", () => {
    if (physicsBox.checked) {
      network.setOptions({ physics: { enabled: true } });
      network.startSimulation();
    } else {
      stopPhysics();
    }
  });
  $("fit").addEventListener("click", () => network.fit({ animation: { duration: 400 } }));

  // ------------------------------------------------------------------ status and filters UI

  function updateStatus() {
    const status = $("status");
    status.textContent = visibleNodes.toLocaleString("en") + " of " + plural(NODES.length, "node") + " \u00b7 "
      + visibleEdges.toLocaleString("en") + " of " + plural(EDGES.length, "edge") + " \u00b7 "
      + plural(ARTS.length, "article");
    status.dataset.nodes = String(visibleNodes);
    status.dataset.edges = String(visibleEdges);
  }

  function applyFilters() {
    const { nodeVis, edgeVis } = computeVisibility();
    const nodeUpdates = [], edgeUpdates = [];
    for (let i = 0; i < nodeVis.length; i++) {
      if (nodeVis[i] !== shownNode[i]) { shownNode[i] = nodeVis[i]; nodeUpdates.push({ id: i, hidden: !nodeVis[i] }); }
    }
    for (let i = 0; i < edgeVis.length; i++) {
      if (edgeVis[i] !== shownEdge[i]) { shownEdge[i] = edgeVis[i]; edgeUpdates.push({ id: i, hidden: !edgeVis[i] }); }
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    visibleNodes = shownNode.reduce((a, b) => a + b, 0);
    visibleEdges = shownEdge.reduce((a, b) => a + b, 0);
    updateStatus();
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
    applyFilters();
    network.fit({ nodes: [...state.focus].filter((n) => shownNode[n]), animation: { duration: 500 } });
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
      el("div", "t-sub", cls.label + " \u00b7 " + plural(degree[id], "connection") + " \u00b7 " + plural(n.s || 0, "source"))];
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

  function showNodePanel(id) {
    const n = NODES[id], cls = CLASSES[n.c];
    const parts = [
      el("h2", null, n.l),
      el("div", "badge", swatch(cls), cls.label + " \u00b7 " + plural(degree[id], "connection") + " \u00b7 "
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
  updateStatus();
  if (META.focus) $("status").title = "focused view around " + META.focus;

  window.kgView = {
    network, nodes, edges, data: DATA,
    isReady: () => ready, timings,
    selectNode, selectEdge, setFocus, clearFocus, search,
    visibleNodeCount: () => visibleNodes,
    visibleEdgeCount: () => visibleEdges,
    isNodeShown: (id) => !!shownNode[id],
  };
})();
