/* newskg graph view: the names drawn on the canvas, by level of detail.
 *
 * vis-network draws a label at a fixed size in graph units, so a fitted 600-node graph shows 6 px text and a
 * 5,000-node one none. Instead, the page draws the names itself after each frame, at a readable screen size:
 * the most important shown nodes first (the order comes from view.js), each only if it does not overlap a name
 * already drawn, up to a budget that grows with the zoom; the largest clusters get their name too. Text goes
 * through fillText only (never markup). `drawn()` lists what the last frame drew, with its size in CSS pixels.
 */
const KgLabels = (function () {
  "use strict";

  const CELL = 64;         // px: the collision grid
  const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

  /**
   * @param {object} network  the vis.Network
   * @param {object} opts     base: names at the fitted zoom; text(id); order(): shown ids, most important first;
   *                          clusters(): [{name, x, y, r}] to name, or []
   */
  function create(network, opts) {
    let fitScale = null;
    let drawn = [];
    const body = network.body;

    function budget(scale) {
      const zoom = Math.max(1, scale / fitScale);
      return Math.round(opts.base * zoom * zoom);
    }

    function draw(ctx) {
      const scale = network.getScale();
      if (fitScale === null) fitScale = scale;
      const canvas = ctx.canvas;
      const ratio = canvas.width / Math.max(1, canvas.clientWidth);
      const width = canvas.clientWidth, height = canvas.clientHeight;
      const grid = new Map();
      const out = [];

      function free(x0, y0, x1, y1) {
        for (let gx = Math.floor(x0 / CELL); gx <= Math.floor(x1 / CELL); gx++) {
          for (let gy = Math.floor(y0 / CELL); gy <= Math.floor(y1 / CELL); gy++) {
            for (const b of grid.get(gx + "," + gy) || []) {
              if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) return false;
            }
          }
        }
        return true;
      }
      function take(box) {
        for (let gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
          for (let gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
            const key = gx + "," + gy;
            if (!grid.has(key)) grid.set(key, []);
            grid.get(key).push(box);
          }
        }
      }

      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";

      // cluster names: above their disc, while the disc is large on screen and the zoom is not deep
      if (scale < fitScale * 3) {
        let named = 0;
        ctx.font = "600 14px " + FONT;
        for (const c of opts.clusters()) {
          if (named >= 12) break;
          const r = c.r * scale;
          if (r < 70) continue;
          const p = network.canvasToDOM({ x: c.x, y: c.y - c.r });
          const w = ctx.measureText(c.name).width;
          const box = [p.x - w / 2 - 3, p.y - 20, p.x + w / 2 + 3, p.y - 2];
          if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height || !free(...box)) continue;
          take(box);
          ctx.lineWidth = 4; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#6b6b70";
          ctx.strokeText(c.name, p.x, p.y - 19);
          ctx.fillText(c.name, p.x, p.y - 19);
          named++;
          out.push({ cluster: c.name, text: c.name, px: 14, x: p.x, y: p.y - 19 });
        }
      }

      let left = budget(scale);
      let rank = 0;
      for (const id of opts.order()) {
        if (left <= 0) break;
        const node = body.nodes[id];
        rank++;
        if (!node || node.options.hidden) continue;
        const p = network.canvasToDOM({ x: node.x, y: node.y });
        if (p.x < -50 || p.x > width + 50 || p.y < -20 || p.y > height + 10) continue;
        const px = rank <= 8 ? 15 : 13;
        ctx.font = (rank <= 8 ? "600 " : "") + px + "px " + FONT;
        const text = opts.text(id);
        const w = ctx.measureText(text).width;
        const top = p.y + (node.options.size || 10) * scale + 2;
        const box = [p.x - w / 2 - 2, top - 1, p.x + w / 2 + 2, top + px + 2];
        if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height || !free(...box)) continue;
        take(box);
        ctx.lineWidth = 4; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#1d1d1f";
        ctx.strokeText(text, p.x, top);
        ctx.fillText(text, p.x, top);
        out.push({ id, text, px, x: p.x, y: top });
        left--;
      }
      ctx.restore();
      drawn = out;
    }

    network.on("afterDrawing", draw);
    return {
      /** What the last frame drew: [{id | cluster, text, px, x, y}], px the font size in CSS pixels. */
      drawn: () => drawn,
      /** The view was just fitted: the next frame's zoom is the level of detail's starting point. */
      refit() { fitScale = null; },
    };
  }

  return { create };
})();
