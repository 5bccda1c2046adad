// speechkit report: draws the page from the data embedded in #report-data.
// Tables are filtered, sorted and paginated here (the page stays quick at 1,000 speeches);
// charts are Vega-Lite specs made by speechkit.report.charts, drawn as SVG by vega-embed.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const L = D.labels;
  const PAGE = 25;
  // Columns kept in the data (and equal to the CLI's) but not shown in tables.
  const HIDDEN = new Set(["source", "start", "end"]);
  const LONG = new Set(["sentence", "heading", "variants"]);
  // Whole numbers printed without thousands separators (years, positions, levels).
  const PLAIN = new Set(["year", "ordinal", "number", "level", "announced", "found", "start", "end"]);
  const SELECTS = new Set(["kind", "category", "hardness", "type", "comparator", "ok", "speech", "docname", "pattern"]);

  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) node.append(kid);
    return node;
  }
  const label = (key) => L[key] || key.replace(/^meta_/, "");
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  function show(value, column) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? "✓" : "✗";
    if (typeof value === "number" && Number.isInteger(value) && !PLAIN.has(column)) return value.toLocaleString("en-US");
    return String(value);
  }
  const records = (tbl) => tbl.rows.map((r) => Object.fromEntries(tbl.columns.map((c, i) => [c, r[i]])));

  // A table over {columns, rows}: text filter, a menu per categorical column, sort, pages.
  function table(host, key, tbl, opts) {
    opts = opts || {};
    const all = tbl.columns;
    const shown = all.filter((c) => (opts.show || []).includes(c)
      || (!HIDDEN.has(c) && !(opts.hide || []).includes(c)));
    shown.sort((a, b) => LONG.has(a) - LONG.has(b));
    const at = Object.fromEntries(all.map((c, i) => [c, i]));
    const rows = opts.rows || tbl.rows;
    const state = { q: "", sel: {}, sort: null, dir: 1, page: 0 };
    Object.assign(state.sel, opts.select || {});
    const controls = el("div", { class: "controls" });
    const search = el("input", { type: "search", placeholder: L.filter, "aria-label": L.filter });
    search.addEventListener("input", () => { state.q = search.value.trim().toLowerCase(); state.page = 0; draw(); });
    controls.append(search);
    for (const c of shown) {
      if (!SELECTS.has(c)) continue;
      const values = [...new Set(rows.map((r) => show(r[at[c]], c)))].sort();
      if (values.length < 2 && !(c in state.sel)) continue;
      const menu = el("select", { "data-filter": c, "aria-label": label(c) },
        el("option", { value: "", text: label(c) + ": " + L.all }),
        ...values.map((v) => el("option", { value: v, text: v || "—" })));
      menu.value = state.sel[c] || "";
      menu.addEventListener("change", () => { state.sel[c] = menu.value; state.page = 0; draw(); });
      controls.append(menu);
    }
    const count = el("span", { class: "count" });
    const prev = el("button", { text: L.prev, onclick: () => { state.page--; draw(); } });
    const next = el("button", { text: L.next, onclick: () => { state.page++; draw(); } });
    controls.append(prev, count, next);
    const head = el("tr", {}, ...shown.map((c) => el("th", { "data-col": c, text: label(c), title: c })));
    const body = el("tbody");
    const t = el("table", { "data-table": key }, el("thead", {}, head), body);
    host.append(controls, el("div", { class: "tbl-wrap" }, t));
    head.addEventListener("click", (ev) => {
      const c = ev.target.dataset.col;
      if (!c) return;
      state.dir = state.sort === c ? -state.dir : (typeof rows[0]?.[at[c]] === "number" ? -1 : 1);
      state.sort = c;
      draw();
    });
    function visible() {
      let out = rows.filter((r) => Object.entries(state.sel).every(([c, v]) => !v || show(r[at[c]], c) === v));
      if (state.q) out = out.filter((r) => r.some((v) => v !== null && String(v).toLowerCase().includes(state.q)));
      if (state.sort) {
        const i = at[state.sort];
        out = out.slice().sort((a, b) => {
          const x = a[i], y = b[i];
          if (x === y) return 0;
          if (x === null || x === undefined || x === "") return 1;
          if (y === null || y === undefined || y === "") return -1;
          return (x < y ? -1 : 1) * state.dir;
        });
      }
      return out;
    }
    function draw() {
      const out = visible();
      const pages = Math.max(1, Math.ceil(out.length / PAGE));
      state.page = Math.min(Math.max(0, state.page), pages - 1);
      body.replaceChildren(...out.slice(state.page * PAGE, (state.page + 1) * PAGE).map((r) => {
        const tr = el("tr", { class: opts.warn && opts.warn(r, at) ? "warn" : null });
        for (const c of shown) {
          const v = r[at[c]];
          const cls = typeof v === "number" ? "num" : LONG.has(c) ? "long" : c === "id" || c === "speech" ? "id" : null;
          tr.append(el("td", { "data-col": c, class: cls, title: c === "speech" ? D.labels_of[v] : null, text: show(v, c) }));
        }
        return tr;
      }));
      for (const th of head.children) {
        th.className = th.dataset.col === state.sort ? (state.dir > 0 ? "sorted-asc" : "sorted-desc") : "";
      }
      count.textContent = `${L.page} ${state.page + 1} ${L.of} ${pages} · ${out.length} ${L.rows}`;
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      const hidden = pages === 1 && rows.length <= PAGE;
      prev.hidden = next.hidden = hidden;
    }
    draw();
  }

  function chart(host, spec) {
    window.vegaEmbed(host, spec, { renderer: "svg", actions: false, mode: "vega-lite" })
      .catch((err) => console.error("chart failed:", err));
  }

  // The outline: one collapsible block per speech, its tree built when first opened.
  function outline(host) {
    const items = records(D.directives);
    const checks = records(D.announcements);
    const bySpeech = new Map();
    for (const it of items) {
      if (!bySpeech.has(it.speech)) bySpeech.set(it.speech, []);
      bySpeech.get(it.speech).push(it);
    }
    const speeches = records(D.speeches);
    const controls = el("div", { class: "controls" });
    const search = el("input", { type: "search", placeholder: L.filter, "aria-label": L.filter });
    const list = el("div");
    const count = el("span", { class: "count" });
    const state = { q: "", page: 0 };
    const prev = el("button", { text: L.prev, onclick: () => { state.page--; draw(); } });
    const next = el("button", { text: L.next, onclick: () => { state.page++; draw(); } });
    const toggle = (open) => () => list.querySelectorAll("details").forEach((d) => { d.open = open; });
    controls.append(search, el("button", { text: L.expand_all, onclick: toggle(true) }),
      el("button", { text: L.collapse_all, onclick: toggle(false) }), prev, count, next);
    search.addEventListener("input", () => { state.q = search.value.trim().toLowerCase(); state.page = 0; draw(); });
    host.append(controls, list);
    const per = 50;
    function draw() {
      const out = speeches.filter((s) => !state.q || (s.id + " " + s.title).toLowerCase().includes(state.q));
      const pages = Math.max(1, Math.ceil(out.length / per));
      state.page = Math.min(Math.max(0, state.page), pages - 1);
      list.replaceChildren(...out.slice(state.page * per, (state.page + 1) * per).map(block));
      count.textContent = `${L.page} ${state.page + 1} ${L.of} ${pages} · ${out.length} ${L.speeches}`;
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      prev.hidden = next.hidden = speeches.length <= per;
    }
    function block(s) {
      const own = bySpeech.get(s.id) || [];
      const warns = checks.filter((c) => c.speech === s.id);
      const bad = warns.filter((c) => c.announced !== c.found);
      const summary = el("summary", {}, `${s.ordinal} ${s.title}`,
        el("span", { class: "badge", "data-count": own.length, text: `${own.length} ${L.rows}` }),
        bad.length ? el("span", { class: "badge warn", text: `⚠ ${bad.length}` }) : null);
      const d = el("details", { class: "speech", "data-speech": s.id }, summary);
      d.addEventListener("toggle", () => {
        if (!d.open || d.dataset.built) return;
        d.dataset.built = "1";
        if (warns.length) {
          d.append(el("ul", { class: "warnings" }, ...warns.map((c) => el("li",
            { class: c.announced !== c.found ? "warn" : null },
            `${c.announced !== c.found ? "⚠" : "✓"} ${c.phrase}: ${fill(L.mismatch, { a: c.announced, f: c.found })}`))));
        }
        d.append(own.length ? tree(own) : el("p", { class: "note", text: L.no_outline }));
      }, { once: false });
      return d;
    }
    draw();
  }

  function tree(items) {
    const nodes = new Map([["", { kids: [] }]]);
    const node = (path) => {
      if (nodes.has(path)) return nodes.get(path);
      const n = { item: null, path, kids: [] };
      nodes.set(path, n);
      parent(path).kids.push(n);
      return n;
    };
    const parent = (path) => node(path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "");
    for (const it of items) node(it.path).item = it;
    function render(n) {
      const it = n.item;
      const line = [el("span", { class: "path", text: n.path }),
        el("span", { class: "marker", text: it ? it.marker : "" }), it ? it.heading : ""];
      const attrs = { "data-path": n.path, "data-item": it ? "1" : null };
      if (!n.kids.length) return el("li", attrs, ...line);
      const d = el("details", { open: n.path.includes(".") ? null : "" }, el("summary", {}, ...line),
        el("ul", {}, ...n.kids.map(render)));
      return el("li", attrs, d);
    }
    return el("div", { class: "tree" }, el("ul", {}, ...nodes.get("").kids.map(render)));
  }

  // Labels, navigation, provenance.
  document.querySelectorAll("[data-label]").forEach((n) => { n.textContent = label(n.dataset.label); });
  const nav = document.getElementById("nav");
  for (const s of document.querySelectorAll("section[data-section]")) {
    nav.append(el("a", { href: "#" + s.id, text: label(s.dataset.section) }));
  }
  document.getElementById("generated").textContent =
    fill(L.generated, { v: D.version }) + " " + D.sources.map((s) => s.source).join(", ");

  // Overview.
  const srcCols = Object.keys(D.sources[0] || {});
  table(document.getElementById("sources-table"), "sources",
    { columns: srcCols, rows: D.sources.map((s) => srcCols.map((c) => s[c])) }, { show: ["source"] });
  table(document.getElementById("speeches-table"), "speeches", D.speeches, { hide: ["invisible"] });

  // Slogans.
  const kindAt = D.slogans.columns.indexOf("kind");
  if (kindAt >= 0) {
    table(document.getElementById("discoveries-table"), "discoveries", D.slogans,
      { rows: D.slogans.rows.filter((r) => r[kindAt] !== "lexicon"), hide: ["first_speech", "category", "per_10k"] });
  }
  const H = D.heatmap;
  document.getElementById("heatmap-title").textContent = H.by === "speech" ? L.heatmap : `${L.heatmap_group} (${H.by})`;
  if (H.formulations.length < H.all_formulations || H.rows.length < H.all_rows) {
    document.getElementById("heatmap-note").textContent = fill(L.heatmap_note,
      { f: H.formulations.length, F: H.all_formulations, r: H.rows.length, R: H.all_rows });
  }
  table(document.getElementById("slogans-table"), "slogans", D.slogans);

  // Targets.
  const I = D.indicators;
  document.getElementById("indicators-note").textContent = I.all === 0 ? L.no_indicators
    : I.shown < I.all ? fill(L.indicator_note, { n: I.shown, N: I.all }) : "";
  const grid = document.getElementById("indicator-charts");
  D.charts.indicators.forEach((spec) => {
    const host = el("div", { class: "chart", "data-chart": "indicator" });
    grid.append(host);
    chart(host, spec);
  });
  const hasKind = D.targets.columns.includes("kind");
  table(document.getElementById("targets-table"), "targets", D.targets,
    { select: hasKind ? { kind: "target" } : {} });

  // Outline.
  table(document.getElementById("announcements-table"), "announcements", D.announcements,
    { warn: (r, at) => r[at.announced] !== r[at.found] });
  outline(document.getElementById("outline-tree"));

  // Context (KWIC).
  const sampled = Object.entries(D.kwic.speeches).filter(([, [all, kept]]) => kept < all);
  document.getElementById("kwic-note").textContent = fill(L.kwic_note, { n: D.kwic.formulations.length, w: D.kwic.window })
    + (sampled.length ? " " + fill(L.kwic_sample, { n: Math.max(...sampled.map(([, [, k]]) => k)),
      list: sampled.map(([name, [all, kept]]) => `${name} ${kept}/${all}`).join(", ") }) : "");
  table(document.getElementById("kwic-table"), "kwic", D.kwic, { hide: ["from", "to", "raw_start", "raw_end"] });

  for (const host of document.querySelectorAll(".chart[data-chart]")) {
    const spec = D.charts[host.dataset.chart];
    if (spec && !Array.isArray(spec)) chart(host, spec);
  }
})();
