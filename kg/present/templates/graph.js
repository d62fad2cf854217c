// The graph page: the whole graph is in #kg-data (see kg/present/payload.py); vis draws a part of it.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("kg-data").textContent);
  const S = D.strings, CL = D.classes, A = D.articles, CI = D.cites, N = D.nodes, E = D.edges;
  const LABEL_PX = 13, LABEL_CHARS = 36, MAX_CITATIONS = 3, BIG = 300;
  const EVENTS = {Strike: 1, Proposal: 1, Resolution: 1, Statement: 1};
  // Node row: [local id, label, class, class bits, size, day, importance, aliases, facts, cites, articles, degree]
  const cls = (i) => CL[N[i][2]].cls, name = (i) => S[N[i][1]], day = (i) => N[i][5];
  const iri = (i) => (/^[a-z]+:/i.test(N[i][0]) ? N[i][0] : D.base + N[i][0]);
  const classesOf = (i) => CL.filter((c, b) => N[i][3] & (1 << b)).map((c) => c.cls);
  const localName = (s) => s.split(/[#/]/).pop();
  const short = (s) => (s.length <= LABEL_CHARS ? s : s.slice(0, LABEL_CHARS - 1) + "…");
  const adj = N.map(() => []), dup = [], seenPair = {};
  E.forEach((e, k) => {
    adj[e[0]].push(k);
    if (e[1] !== e[0]) adj[e[1]].push(k);
    const key = Math.min(e[0], e[1]) + "," + Math.max(e[0], e[1]);
    dup[k] = seenPair[key] = (seenPair[key] || 0) + 1;
  });
  const maxConf = (cites) => cites.reduce((m, c) => Math.max(m, CI[c][2]), -1);
  const edgeConf = E.map((e) => maxConf(e[3]));
  const nodeConf = N.map((n, i) => adj[i].reduce((m, k) => Math.max(m, edgeConf[k]), maxConf(n[9])));

  // ---- hover text, the same as kg.present.drawn.node_tooltip
  function where(c) {
    const a = CI[c][1] >= 0 ? A[CI[c][1]] : null;
    return (a && ([S[a[1]], a[2]].filter(Boolean).join(", ") || localName(S[a[0]]))) || "unknown article";
  }
  const confText = (c) => (CI[c][2] >= 0 ? (CI[c][2] / 100).toFixed(2) : "");
  function withEvidence(head, cites) {
    if (!cites.length) return head;
    const parts = [head, "", "Evidence:"];
    cites.slice(0, MAX_CITATIONS).forEach((c) => {
      const conf = confText(c) ? " · confidence " + confText(c) : "";
      parts.push("“" + S[CI[c][0]] + "”\n    — " + where(c) + conf);
    });
    if (cites.length > MAX_CITATIONS) parts.push("(+" + (cites.length - MAX_CITATIONS) + " more sentences)");
    return parts.join("\n");
  }
  function nodeTip(i) {
    const n = N[i], lines = [name(i) + " — " + classesOf(i).join(", ")];
    if (n[7].length) lines.push("also: " + n[7].map((a) => S[a]).join(", "));
    for (let f = 0; f < n[8].length; f += 2) lines.push(S[n[8][f]] + ": " + S[n[8][f + 1]]);
    return withEvidence(lines.join("\n"), n[9]);
  }
  const edgeHead = (k) => name(E[k][0]) + " → " + S[E[k][2]] + " → " + name(E[k][1]);
  function tip(text) {
    const d = document.createElement("div");
    d.className = "kg-tip";
    d.textContent = text;
    return d;
  }

  // ---- what is drawn
  const drawn = new Uint8Array(N.length), edgeIn = new Uint8Array(E.length);
  D.shown.forEach((i) => { drawn[i] = 1; });
  function visNode(i) {
    const c = CL[N[i][2]];
    return {id: i, name: name(i), cls: c.cls, shape: c.shape, color: c.color, size: N[i][4], text: nodeTip(i),
            title: tip(nodeTip(i))};
  }
  function visEdge(k) {
    const e = E[k], v = {id: k, from: e[0], to: e[1], label: S[e[2]], text: withEvidence(edgeHead(k), e[3])};
    v.title = tip(v.text);
    if (dup[k] > 1) v.smooth = {enabled: true, type: "curvedCW", roundness: 0.2 * (dup[k] - 1)};
    return v;
  }
  function edgesAmongDrawn() {
    const out = [];
    E.forEach((e, k) => { if (!edgeIn[k] && drawn[e[0]] && drawn[e[1]]) { edgeIn[k] = 1; out.push(visEdge(k)); } });
    return out;
  }
  const nodes = new vis.DataSet(D.shown.map(visNode)), edges = new vis.DataSet(edgesAmongDrawn());
  const options = window.kgOptions;
  const network = new vis.Network(document.getElementById("mynetwork"), {nodes, edges}, options);
  window.kgNetwork = network;
  window.kgTiming = {created: performance.now()};
  const status = document.getElementById("kg-status");
  network.on("stabilizationProgress", (p) => {
    status.textContent = "laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });

  // ---- no overlaps at rest: push overlapping nodes apart, on a grid, after the layout and each expansion
  function separate(gap) {
    const ids = nodes.getIds(), pos = network.getPositions(ids), cell = 90;
    for (let round = 0; round < 60; round++) {
      const grid = new Map();
      ids.forEach((i) => {
        const key = Math.floor(pos[i].x / cell) + "," + Math.floor(pos[i].y / cell);
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(i);
      });
      let moved = false;
      ids.forEach((i) => {
        const gx = Math.floor(pos[i].x / cell), gy = Math.floor(pos[i].y / cell);
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
          (grid.get((gx + dx) + "," + (gy + dy)) || []).forEach((j) => {
            if (j <= i) return;
            const a = pos[i], b = pos[j], need = N[i][4] + N[j][4] + gap;
            let x = b.x - a.x, y = b.y - a.y, d = Math.hypot(x, y);
            if (d >= need) return;
            if (d < 0.01) { x = 1; y = (i % 7) - 3; d = Math.hypot(x, y); }
            const push = (need - d) / 2 + 0.5;
            a.x -= x / d * push; a.y -= y / d * push; b.x += x / d * push; b.y += y / d * push;
            moved = true;
          });
        }
      });
      if (!moved) break;
    }
    ids.forEach((i) => network.moveNode(i, pos[i].x, pos[i].y));
  }
  function settle() {
    if (window.kgTiming.stabilized) return;
    network.setOptions({physics: {enabled: false}});
    separate(6);
    network.fit({animation: false});
    window.kgTiming.stabilized = performance.now();
    applyFilters();
  }
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  setTimeout(settle, 20000);  // a slow machine still gets a page that stops moving
  network.once("afterDrawing", () => { window.kgTiming.drawn = performance.now(); });

  // ---- labels: drawn by the page at a fixed 13 px on screen, most important first, none over another
  // label or node; those that do not fit appear as you zoom in (level of detail).
  let hits = new Set(), pinned = -1;
  const widths = new Map();
  function drawLabels(ctx) {
    const ids = nodes.getIds({filter: (n) => !n.hidden}), scale = network.getScale(), pos = network.getPositions(ids);
    const canvas = ctx.canvas, W = canvas.clientWidth, H = canvas.clientHeight, ratio = canvas.width / W || 1;
    const cell = 64, grid = new Map(), placed = [];
    const put = (b) => {
      for (let x = Math.floor(b.x / cell); x <= Math.floor((b.x + b.w) / cell); x++)
        for (let y = Math.floor(b.y / cell); y <= Math.floor((b.y + b.h) / cell); y++) {
          const key = x + "," + y;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(b);
        }
    };
    const clash = (b) => {
      for (let x = Math.floor(b.x / cell); x <= Math.floor((b.x + b.w) / cell); x++)
        for (let y = Math.floor(b.y / cell); y <= Math.floor((b.y + b.h) / cell); y++)
          for (const o of grid.get(x + "," + y) || [])
            if (o.id !== b.id && b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return true;
      return false;
    };
    const screen = {};
    ids.forEach((i) => {
      const p = network.canvasToDOM(pos[i]), r = N[i][4] * scale;
      screen[i] = {p, r};
      put({id: i, x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r});
    });
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_PX + "px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    const rank = (i) => (i === pinned ? 1e9 : 0) + (hits.has(i) ? 1e6 : 0) + N[i][6];
    ids.sort((a, b) => rank(b) - rank(a)).forEach((i) => {
      const {p, r} = screen[i], text = short(name(i));
      if (p.x < -50 || p.y < -50 || p.x > W + 50 || p.y > H + 50) return;
      if (!widths.has(i)) widths.set(i, ctx.measureText(text).width);
      const w = widths.get(i), b = {id: i, x: p.x - w / 2 - 1, y: p.y + r + 2, w: w + 2, h: LABEL_PX + 3};
      if (i !== pinned && clash(b)) return;  // the clicked node keeps its label
      put(b);
      // The size on screen, measured: the font's size times the canvas transform (the zoom does not apply).
      const px = parseFloat(ctx.font) * ctx.getTransform().a / ratio;
      placed.push({id: i, text, px, x: b.x, y: b.y, w: b.w, h: b.h});
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.lineWidth = 3;
      ctx.strokeText(text, p.x, p.y + r + 3);
      ctx.fillStyle = hits.has(i) || i === pinned ? "#000" : "#222";
      ctx.fillText(text, p.x, p.y + r + 3);
    });
    ctx.restore();
    window.kgLabels = placed;
  }
  network.on("afterDrawing", drawLabels);

  // ---- filters: class (legend), article, confidence, days
  const state = {off: {}, article: -1, minConf: 0, from: "", to: ""};
  function passes(i, ignoreClass) {
    if (!ignoreClass && state.off[cls(i)]) return false;
    if (state.article >= 0 && N[i][10].indexOf(state.article) < 0) return false;
    if (state.minConf > 0 && nodeConf[i] >= 0 && nodeConf[i] < state.minConf) return false;
    if (state.from && day(i) && (day(i) < state.from || day(i) > state.to)) return false;
    return true;
  }
  const legendBox = document.getElementById("kg-legend"), counts = {};
  const svgShapes = {
    dot: '<circle cx="7" cy="7" r="6"/>', square: '<rect x="1" y="1" width="12" height="12"/>',
    triangle: '<polygon points="7,1 13,13 1,13"/>', triangleDown: '<polygon points="1,1 13,1 7,13"/>',
    diamond: '<polygon points="7,0 14,7 7,14 0,7"/>', hexagon: '<polygon points="4,1 10,1 13,7 10,13 4,13 1,7"/>',
    star: '<polygon points="7,0 9,5 14,5 10,8 12,14 7,10 2,14 4,8 0,5 5,5"/>'
  };
  const legendText = {};
  CL.forEach((g) => {
    if (!N.some((n) => CL[n[2]].cls === g.cls)) return;
    const label = document.createElement("label"), input = document.createElement("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = g.cls;
    const swatch = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    swatch.setAttribute("viewBox", "0 0 14 14");
    swatch.setAttribute("fill", g.color);
    swatch.innerHTML = svgShapes[g.shape] || svgShapes.dot;
    legendText[g.cls] = document.createElement("span");
    label.append(input, swatch, legendText[g.cls]);
    label.title = "Show or hide " + g.label;
    legendBox.appendChild(label);
    input.addEventListener("change", () => { state.off[g.cls] = !input.checked; applyFilters(); });
  });
  function applyFilters() {
    CL.forEach((g) => { counts[g.cls] = 0; });
    const hidden = {}, nodeUpdates = [];
    nodes.get().forEach((n) => {
      if (passes(n.id, true)) counts[n.cls] += 1;
      hidden[n.id] = !passes(n.id, false);
      if (!!n.hidden !== hidden[n.id]) nodeUpdates.push({id: n.id, hidden: hidden[n.id]});
    });
    nodes.update(nodeUpdates);
    const edgeUpdates = [];
    edges.get().forEach((e) => {
      const h = hidden[e.from] || hidden[e.to] || (state.minConf > 0 && edgeConf[e.id] >= 0 && edgeConf[e.id] < state.minConf);
      if (!!e.hidden !== h) edgeUpdates.push({id: e.id, hidden: h});
    });
    edges.update(edgeUpdates);
    CL.forEach((g) => { if (legendText[g.cls]) legendText[g.cls].textContent = g.label + " (" + counts[g.cls] + ")"; });
    const shown = nodes.length - Object.values(hidden).filter(Boolean).length;
    status.textContent = (shown === nodes.length ? "" : shown + " of ") + nodes.length + " nodes · " +
      edges.length + " edges · " + N.length + " in all";
    status.title = "Drawn: " + nodes.length + " of the " + N.length + " nodes in this page; double-click a node to bring in its neighbours";
    drawStrip();
  }
  const articleBox = document.getElementById("kg-article");
  A.map((a, k) => k).sort((x, y) => (A[y][2] + S[A[y][1]]).localeCompare(A[x][2] + S[A[x][1]])).forEach((k) => {
    const o = document.createElement("option");
    o.value = k;
    o.textContent = [A[k][2], S[A[k][1]] || localName(S[A[k][0]])].filter(Boolean).join(" — ");
    articleBox.appendChild(o);
  });
  articleBox.addEventListener("change", () => { state.article = +articleBox.value; applyFilters(); });
  const conf = document.getElementById("kg-conf"), confVal = document.getElementById("kg-conf-val");
  conf.addEventListener("input", () => {
    state.minConf = Math.round(+conf.value * 100);
    confVal.textContent = conf.value;
    applyFilters();
  });

  // ---- the time strip: events per day; drag to keep a span of days
  const strip = document.getElementById("kg-time"), stripCanvas = document.getElementById("kg-time-canvas");
  const stripLabel = document.getElementById("kg-time-label");
  const dayOrd = (s) => Math.round(Date.parse(s + "T00:00:00Z") / 864e5);
  const ordDay = (o) => new Date(o * 864e5).toISOString().slice(0, 10);
  const eventDays = N.map((n, i) => (EVENTS[cls(i)] && n[5] ? dayOrd(n[5]) : NaN)).filter((x) => !isNaN(x));
  // The strip spans the events' days, cut to the articles' days (a resolution of decades ago sits at the left end).
  const artDays = A.map((a) => (a[2] ? dayOrd(a[2]) : NaN)).filter((x) => !isNaN(x));
  const lo = (xs) => xs.reduce((m, x) => Math.min(m, x), Infinity), hi = (xs) => xs.reduce((m, x) => Math.max(m, x), -Infinity);
  const first = artDays.length ? Math.max(lo(eventDays), lo(artDays) - 60) : lo(eventDays);
  const last = artDays.length ? Math.min(hi(eventDays), hi(artDays) + 1) : hi(eventDays);
  const nDays = eventDays.length && last >= first ? last - first + 1 : 0;
  const bin = (s) => Math.min(Math.max(dayOrd(s), first), last) - first;
  let drag = null;
  function drawStrip() {
    const W = strip.clientWidth, H = strip.clientHeight, ratio = window.devicePixelRatio || 1;
    stripCanvas.width = W * ratio;
    stripCanvas.height = H * ratio;
    const ctx = stripCanvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, W, H);
    if (!nDays) { stripLabel.textContent = "no dated events"; return; }
    const per = new Array(nDays).fill(0), perDrawn = new Array(nDays).fill(0);
    N.forEach((n, i) => {
      if (!EVENTS[cls(i)] || !n[5]) return;
      per[bin(n[5])] += 1;
      if (drawn[i] && passes(i, false)) perDrawn[bin(n[5])] += 1;
    });
    const top = hi(per), bw = W / nDays;
    if (state.from) {
      ctx.fillStyle = "#e3ecff";
      ctx.fillRect(bin(state.from) * bw, 0, (bin(state.to) - bin(state.from) + 1) * bw, H);
    }
    per.forEach((c, d) => {
      const h = c ? 3 + (H - 8) * Math.sqrt(c / top) : 0, hd = c ? h * perDrawn[d] / c : 0;
      ctx.fillStyle = "#c9c9c9";
      ctx.fillRect(d * bw + 0.5, H - h, Math.max(1, bw - 1), h);
      ctx.fillStyle = "#f58231";
      ctx.fillRect(d * bw + 0.5, H - hd, Math.max(1, bw - 1), hd);
    });
    const span = state.from ? state.from + " to " + state.to : ordDay(first) + " to " + ordDay(last);
    stripLabel.textContent = span + " · " + eventDays.length + " events" + (state.from ? " · click to clear" : "");
  }
  const stripDay = (ev) => {
    const r = strip.getBoundingClientRect(), x = Math.min(Math.max(ev.clientX - r.left, 0), r.width - 1);
    return first + Math.floor(x / r.width * nDays);
  };
  function setRange(from, to) {
    state.from = from && to ? (from < to ? from : to) : "";
    state.to = from && to ? (from < to ? to : from) : "";
    applyFilters();
  }
  strip.addEventListener("mousedown", (ev) => { if (nDays) drag = stripDay(ev); });
  window.addEventListener("mouseup", (ev) => {
    if (drag === null) return;
    const end = stripDay(ev), start = drag;
    drag = null;
    if (end === start) setRange("", "");
    else setRange(ordDay(Math.min(start, end)), ordDay(Math.max(start, end)));
  });
  window.addEventListener("resize", drawStrip);

  // ---- expand: bring in a node's neighbours from the whole graph, around it
  function addNodes(ids, around) {
    const fresh = ids.filter((i) => !drawn[i]);
    if (!fresh.length) return [];
    const c = around >= 0 && drawn[around] ? network.getPositions([around])[around] : network.getViewPosition();
    const ring = (around >= 0 ? N[around][4] : 0) + 60 + 12 * Math.sqrt(fresh.length);
    fresh.forEach((i, k) => {
      drawn[i] = 1;
      const a = 2 * Math.PI * k / fresh.length;
      nodes.add(Object.assign(visNode(i), {x: c.x + ring * Math.cos(a), y: c.y + ring * Math.sin(a)}));
    });
    edges.add(edgesAmongDrawn());
    separate(6);
    applyFilters();
    return fresh;
  }
  const neighbours = (i) => [...new Set(adj[i].map((k) => (E[k][0] === i ? E[k][1] : E[k][0])))];
  const expand = (i) => addNodes(neighbours(i), i);
  network.on("doubleClick", (p) => { if (p.nodes.length) expand(p.nodes[0]); });

  // ---- the side panel: pinned by a click, every fact with its evidence, copyable
  const panel = document.getElementById("kg-panel");
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  function citeBox(c) {
    const box = el("div", undefined, "kg-cite"), meta = el("div", undefined, "kg-meta");
    const a = CI[c][1] >= 0 ? A[CI[c][1]] : null;
    meta.textContent = [a && S[a[1]], a && a[2], confText(c) && "confidence " + confText(c)].filter(Boolean).join(" · ");
    const copy = el("button", "Copy", "kg-copy");
    const text = "“" + S[CI[c][0]] + "” — " + where(c) + (confText(c) ? " (confidence " + confText(c) + ")" : "");
    copy.dataset.copy = text;
    copy.addEventListener("click", () => copyText(text, copy));
    meta.appendChild(copy);
    box.append(el("q", S[CI[c][0]]), meta);
    return box;
  }
  function copyText(text, button) {
    const done = () => { button.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => {});
    else {
      const t = el("textarea");
      t.value = text;
      document.body.appendChild(t);
      t.select();
      document.execCommand("copy");
      t.remove();
      done();
    }
  }
  function nodeLink(j) {
    const a = el("span", name(j), "kg-link");
    a.addEventListener("click", () => { addNodes([j], pinned); show(j); network.focus(j, {scale: Math.max(1, network.getScale()), animation: {duration: 300}}); });
    return a;
  }
  function show(i) {
    pinned = i;
    panel.hidden = false;
    panel.replaceChildren();
    const close = el("button", "×", "kg-close");
    close.title = "Close";
    close.addEventListener("click", () => { panel.hidden = true; pinned = -1; network.redraw(); });
    const n = N[i];
    panel.append(close, el("h2", name(i)), el("div", classesOf(i).join(", ") + (n[7].length ? " · also: " + n[7].map((x) => S[x]).join(", ") : "")));
    panel.dataset.node = iri(i);
    const facts = el("dl");
    for (let f = 0; f < n[8].length; f += 2) facts.append(el("dt", S[n[8][f]]), el("dd", S[n[8][f + 1]]));
    panel.append(el("h3", "Facts"), facts);
    n[9].forEach((c) => panel.appendChild(citeBox(c)));
    panel.appendChild(el("h3", "Links (" + adj[i].length + ")"));
    adj[i].forEach((k) => {
      const e = E[k], row = el("div", undefined, "kg-fact");
      row.dataset.edge = k;
      if (e[0] === i) row.append(el("b", S[e[2]] + " → "), nodeLink(e[1]));
      else row.append(nodeLink(e[0]), el("b", " → " + S[e[2]] + " → this"));
      panel.appendChild(row);
      e[3].forEach((c) => panel.appendChild(citeBox(c)));
    });
    panel.appendChild(el("h3", "Articles (" + n[10].length + ")"));
    n[10].forEach((k) => {
      const row = el("div"), link = el("span", S[A[k][1]] || localName(S[A[k][0]]), "kg-link");
      link.title = "Show only what this article says";
      link.dataset.article = k;
      link.addEventListener("click", () => { articleBox.value = k; state.article = k; applyFilters(); });
      row.append(link, el("span", A[k][2] ? " · " + A[k][2] : ""));
      panel.appendChild(row);
    });
    network.selectNodes([i]);
    network.redraw();
  }
  network.on("click", (p) => { if (p.nodes.length) show(p.nodes[0]); });

  // ---- search the whole graph: hits listed (drawn ones first) and highlighted; Enter steps through them
  const search = document.getElementById("kg-search"), found = document.getElementById("kg-found");
  const list = document.getElementById("kg-hits");
  let matches = [], at = -1;
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase(), hit = (s) => s.toLowerCase().indexOf(q) >= 0;
    at = -1;
    const all = !q ? [] : N.map((n, i) => i).filter((i) => [name(i)].concat(N[i][7].map((a) => S[a])).some(hit));
    all.sort((a, b) => drawn[b] - drawn[a] || N[b][6] - N[a][6]);
    matches = all.filter((i) => drawn[i] && passes(i, false));
    hits = new Set(matches);
    network.selectNodes(matches);
    found.textContent = q ? all.length + " found" : "";
    found.title = q ? matches.length + " of them drawn" : "";
    list.replaceChildren();
    all.slice(0, 50).forEach((i) => {
      const li = el("li", name(i) + " — " + cls(i) + (drawn[i] ? "" : " (not drawn: click to bring in)"), drawn[i] ? "" : "kg-out");
      li.dataset.node = i;
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); addNodes([i], -1); show(i); network.focus(i, {scale: 1.2, animation: {duration: 300}}); });
      list.appendChild(li);
    });
    const r = search.getBoundingClientRect();
    list.style.left = r.left + "px";
    list.style.top = r.bottom + 2 + "px";
    list.hidden = !all.length;
    if (matches.length) network.fit({nodes: matches, animation: {duration: 300}});
    else network.redraw();
  });
  search.addEventListener("blur", () => { setTimeout(() => { list.hidden = true; }, 150); });
  search.addEventListener("focus", () => { list.hidden = !list.children.length; });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { list.hidden = true; return; }
    if (ev.key !== "Enter" || !matches.length) return;
    at = (at + 1) % matches.length;
    network.selectNodes([matches[at]]);
    network.focus(matches[at], {scale: 1.2, animation: {duration: 300}});
    found.textContent = (at + 1) + " of " + matches.length;
  });

  window.kg = {
    iri, name, neighbours, expand, show, setRange, counts, drawnIds: () => nodes.getIds(), range: () => [state.from, state.to],
    day, cls,
    find: (label) => N.findIndex((n, i) => name(i) === label), big: nodes.length > BIG,
    visible: () => nodes.getIds({filter: (n) => !n.hidden}),
  };
  applyFilters();
})();
