/* newskg graph view: a node's events on a time axis, each with its sources.
 *
 * In: [{id, date ("YYYY-MM-DD" or shorter, or ""), color, link (an element), cites: [elements]}]. Out: an SVG
 * axis with one dot per dated event (a text <title> each) and the ordered list under it. Text only, no markup.
 */
const KgTimeline = (function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const W = 340, H = 46, PAD = 14;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  /** Days since 1970 of a date written YYYY, YYYY-MM or YYYY-MM-DD; NaN if it is none of those. */
  function day(date) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || "");
    if (!m) return NaN;
    return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1) / 86400000;
  }

  function axis(items) {
    const dated = items.filter((it) => !Number.isNaN(day(it.date)));
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "timeline-axis", role: "img",
                              "aria-label": "time axis of " + dated.length + " dated events" });
    if (!dated.length) return root;
    let lo = Math.min(...dated.map((it) => day(it.date))), hi = Math.max(...dated.map((it) => day(it.date)));
    if (hi - lo < 30) { lo -= 15; hi += 15; }
    const x = (d) => PAD + ((d - lo) / (hi - lo)) * (W - 2 * PAD);
    root.append(svg("line", { x1: PAD, x2: W - PAD, y1: 30, y2: 30, stroke: "#9e9e9e" }));
    const first = new Date(lo * 86400000).getUTCFullYear(), last = new Date(hi * 86400000).getUTCFullYear();
    const step = Math.max(1, Math.ceil((last - first + 1) / 6));
    for (let y = first; y <= last + 1; y += step) {
      const d = Date.UTC(y, 0, 1) / 86400000;
      if (d < lo || d > hi) continue;
      root.append(svg("line", { x1: x(d), x2: x(d), y1: 26, y2: 34, stroke: "#9e9e9e" }));
      const label = svg("text", { x: x(d), y: 45, "font-size": 10, "text-anchor": "middle", fill: "#6b6b70" });
      label.textContent = String(y);
      root.append(label);
    }
    dated.forEach((it, i) => {
      const dot = svg("circle", { cx: x(day(it.date)), cy: 30 - 6 * (i % 3), r: 5, fill: it.color, stroke: "#1d1d1f" });
      const title = svg("title", {});
      title.textContent = it.date + " \u00b7 " + it.link.textContent;
      dot.append(title);
      root.append(dot);
    });
    return root;
  }

  /** The axis and the list, oldest first (undated last). */
  function render(items) {
    const sorted = [...items].sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"));
    const list = document.createElement("ol");
    list.className = "timeline";
    for (const it of sorted) {
      const li = document.createElement("li");
      const when = document.createElement("span");
      when.className = "when";
      when.textContent = it.date || "undated";
      li.append(when, " ", it.link);
      for (const cite of it.cites) li.append(cite);
      list.append(li);
    }
    const wrap = document.createElement("div");
    wrap.append(axis(sorted), list);
    return wrap;
  }

  return { render, day };
})();
