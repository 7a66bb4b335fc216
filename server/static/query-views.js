// The query page's ways of showing results, as YASR plugins: a table that reads (numbers as numbers,
// dates and durations in words, our IRIs by their labels, linked to their pages), a map of the States
// a column holds (our own geometry, /query/world.json: no tiles, no third-party request), a timeline
// of a column of dates, and a bar chart of a label and a count. Each downloads the numbers behind it
// as CSV. A query picks its first view with a `#defaultView:Map` line, as the Wikidata Query Service
// reads it; the table is always there.
"use strict";

const CcmViews = (() => {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
  const NUMBERS = new Set(["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
    "unsignedLong", "unsignedShort", "unsignedByte"].map((t) => XSD + t));
  const DATES = new Set(["date", "dateTime", "dateTimeStamp"].map((t) => XSD + t));
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  const VIEWS = { Table: "ccmTable", Map: "ccmMap", Timeline: "ccmTimeline", BarChart: "ccmChart" };
  const ROWS_DRAWN = 2000; // past this, the table says so and the download has them all
  const context = { base: "", labels: new Map(), prefixes: {}, world: null, worldUrl: "" };

  function configure({ base, labels, prefixes, worldUrl }) {
    Object.assign(context, { base, labels, prefixes, worldUrl });
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  const isNumber = (t) => t && t.type !== "uri" && t.type !== "bnode" && NUMBERS.has(t.datatype);
  const isDate = (t) => t && t.type !== "uri" && DATES.has(t.datatype) && /^\d{4}-\d\d-\d\d/.test(t.value);

  function dateWords(value) {
    const [y, m, d] = value.slice(0, 10).split("-").map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }

  // "P8Y" -> "8 years", "P1Y6M" -> "1 year and 6 months", "P30D" -> "30 days"
  function durationWords(value) {
    const m = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(value);
    if (!m) return value;
    const units = ["year", "month", "week", "day", "hour", "minute", "second"];
    const parts = units.map((u, i) => [Number(m[i + 2] || 0), u]).filter(([n]) => n)
      .map(([n, u]) => `${n} ${u}${n === 1 ? "" : "s"}`);
    if (!parts.length) return "no time";
    const words = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
    return m[1] ? `minus ${words}` : words;
  }

  function prefixed(iri) {
    for (const [p, ns] of Object.entries(context.prefixes)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
    }
    return iri;
  }

  // what a reader sees of a value, as text (the table's cells, the chart's labels, the CSV's names)
  function words(term) {
    if (!term) return "";
    if (term.type === "uri") return context.labels.get(term.value) || prefixed(term.value);
    if (term.type === "bnode") return "(a node without a name)";
    if (isNumber(term)) return Number(term.value).toLocaleString("en");
    if (isDate(term)) return dateWords(term.value);
    if (term.datatype === XSD + "duration") return durationWords(term.value);
    if (term.datatype === XSD + "boolean") return term.value === "true" ? "yes" : "no";
    return term.value;
  }

  function href(iri) {
    return iri.startsWith(context.base) ? "/" + iri.slice(context.base.length) : iri;
  }

  function cell(term, showLanguage) {
    if (!term) return "";
    if (term.type === "uri") return element("a", { href: href(term.value), title: term.value }, words(term));
    if (isDate(term)) return element("time", { datetime: term.value }, words(term));
    const text = words(term);
    const lang = term["xml:lang"];
    if (lang && showLanguage) return element("span", {}, text, " ", element("span", { class: "lang" }, lang));
    if (term.datatype && !isNumber(term) && !DATES.has(term.datatype) && term.datatype !== RDF_LANG
        && term.datatype !== XSD + "string" && term.datatype !== XSD + "duration" && term.datatype !== XSD + "boolean") {
      return element("span", { title: prefixed(term.datatype) }, text);
    }
    return text;
  }

  function csv(header, rows) {
    const quote = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return [header, ...rows].map((r) => r.map((v) => quote(String(v ?? ""))).join(",")).join("\r\n") + "\r\n";
  }

  function download(name, header, rows, title) {
    return { getData: () => csv(header, rows), contentType: "text/csv", filename: `${name}.csv`, title };
  }

  // each view's button icon, a few strokes of SVG (no icon font, no emoji the machine may lack)
  const ICONS = {
    table: "M2 3h12v10H2zM2 6.5h12M2 10h12M6 3v10",
    map: "M1.5 4l4-1.5 5 1.5 4-1.5v9.5l-4 1.5-5-1.5-4 1.5zM5.5 2.5v9.5M10.5 4v9.5",
    timeline: "M1.5 8h13M4 5v6M8 4v8M12 6v4",
    chart: "M2 3h7v2.5H2zM2 7h11v2.5H2zM2 11h4.5v2.5H2z",
  };
  function icon(name) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(svg.namespaceURI, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "1.4");
    svg.append(path);
    return svg;
  }

  class View {
    constructor(yasr) {
      this.yasr = yasr;
      this.hideFromSelection = false;
    }
    get vars() { return this.yasr.results?.getVariables() || []; }
    get rows() { return this.yasr.results?.getBindings() || []; }
    // a SELECT's solutions (JSON or XML: YASR reads both into the JSON shape)
    selectResults() { return !!this.yasr.results?.getAsJson()?.results; }
    // the columns whose every value passes `test` (and that have at least one value)
    columns(test) {
      return this.vars.filter((v) => {
        const values = this.rows.map((r) => r[v]).filter(Boolean);
        return values.length && values.every(test);
      });
    }
    root(className) {
      const out = element("div", { class: `ccm-view ${className}` });
      this.yasr.resultsEl.append(out);
      return out;
    }
  }

  class Table extends View {
    constructor(yasr) { super(yasr); this.priority = 20; this.label = "Table"; }
    canHandleResults() { return this.selectResults() || this.yasr.results?.getBoolean() !== undefined; }
    getIcon() { return icon("table"); }
    draw() {
      const out = this.root("ccm-table");
      const answer = this.yasr.results.getBoolean();
      if (answer !== undefined) {
        out.append(element("p", { class: "ccm-boolean" }, answer ? "Yes: the pattern matches." : "No: nothing matches."));
        return;
      }
      const vars = this.vars, rows = this.rows;
      // a language tag is shown only where a column's values differ in it
      const multilingual = new Set(vars.filter((v) => new Set(rows.map((r) => r[v]?.["xml:lang"]).filter(Boolean)).size > 1));
      const count = rows.length.toLocaleString("en");
      out.append(element("p", { class: "ccm-count" }, rows.length === 1 ? "1 row" : `${count} rows`,
        rows.length > ROWS_DRAWN ? ` (the first ${ROWS_DRAWN.toLocaleString("en")} shown; the download has all)` : ""));
      const table = element("table");
      const head = element("tr", {}, element("th", { scope: "col", class: "n" }, element("span", { class: "visually-hidden" }, "row")));
      for (const v of vars) head.append(element("th", { scope: "col" }, v));
      table.append(element("thead", {}, head));
      const body = element("tbody");
      rows.slice(0, ROWS_DRAWN).forEach((row, i) => {
        const tr = element("tr", {}, element("th", { scope: "row", class: "n" }, String(i + 1)));
        for (const v of vars) tr.append(element("td", isNumber(row[v]) ? { class: "num" } : {}, cell(row[v], multilingual.has(v))));
        body.append(tr);
      });
      table.append(body);
      out.append(element("div", { class: "ccm-scroll", tabindex: "0", role: "region", "aria-label": "results" }, table));
    }
    download(name) {
      // the full IRIs and the values as they are, every row
      const rows = this.rows.map((r) => this.vars.map((v) => r[v]?.value ?? ""));
      return download(name || "results", this.vars, rows, "Download the table (CSV)");
    }
  }

  function loadWorld() {
    if (!context.world) context.world = fetch(context.worldUrl).then((r) => (r.ok ? r.json() : { states: {} }));
    return context.world;
  }

  class MapView extends View {
    constructor(yasr) { super(yasr); this.priority = 5; this.label = "Map"; loadWorld(); }
    getIcon() { return icon("map"); }
    // a column of IRIs any of which is a State we have an outline for (known once /query/world.json is in)
    stateColumn() {
      const states = this.statesKnown;
      if (!states) return null;
      return this.vars.find((v) => this.rows.some((r) => r[v]?.type === "uri" && states[r[v].value])) || null;
    }
    canHandleResults() {
      if (!this.selectResults()) return false;
      // until the outlines are in, any column of our IRIs may be one of States
      if (!this.statesKnown) return this.vars.some((v) => this.rows.some((r) => r[v]?.type === "uri" && r[v].value.startsWith(context.base)));
      return this.stateColumn() !== null;
    }
    async draw() {
      const world = await loadWorld();
      this.statesKnown = world.states;
      const out = this.root("ccm-map");
      const column = this.stateColumn();
      if (!column) {
        out.append(element("p", {}, "No column of these results holds States."));
        return;
      }
      // colour by the first other column with a few distinct values (a status, a rule), if any
      const others = this.vars.filter((v) => v !== column);
      const by = others.find((v) => {
        const values = new Set(this.rows.map((r) => words(r[v])).filter(Boolean));
        return values.size > 1 && values.size <= 8 && !this.rows.every((r) => isDate(r[v]) || !r[v]);
      });
      const categories = by ? [...new Set(this.rows.map((r) => words(r[by])))] : [];
      const colour = (row) => (by ? `ccm-c${categories.indexOf(words(row[by])) % 8}` : "ccm-c0");
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", `0 0 ${world.width} ${world.height}`);
      svg.setAttribute("role", "group"); // not "img": its States are links
      svg.setAttribute("aria-label", `Map of the ${new Set(this.rows.map((r) => r[column]?.value)).size} States in the column ${column}`);
      const listed = new Map();
      for (const row of this.rows) if (row[column]?.type === "uri" && !listed.has(row[column].value)) listed.set(row[column].value, row);
      for (const [iri, [name, path]] of Object.entries(world.states)) {
        const row = listed.get(iri);
        const shape = document.createElementNS(svg.namespaceURI, "path");
        shape.setAttribute("d", path);
        shape.setAttribute("class", row ? colour(row) : "ccm-other");
        const title = document.createElementNS(svg.namespaceURI, "title");
        title.textContent = row ? [name, ...others.map((v) => words(row[v])).filter(Boolean)].join(": ") : name;
        shape.append(title);
        if (row) {
          const link = document.createElementNS(svg.namespaceURI, "a");
          link.setAttribute("href", href(iri));
          link.append(shape);
          svg.append(link);
        } else {
          svg.append(shape);
        }
      }
      out.append(element("div", { class: "ccm-map-frame" }, svg));
      if (by) {
        const legend = element("ul", { class: "ccm-legend", "aria-label": `colours: ${by}` });
        categories.forEach((c, i) => legend.append(element("li", {}, element("span", { class: `swatch ccm-c${i % 8}` }), c)));
        out.append(legend);
      }
      const missing = [...listed.keys()].filter((iri) => !world.states[iri]);
      out.append(element("p", { class: "ccm-count" }, `${listed.size - missing.length} States on the map`,
        missing.length ? `; not on it: ${missing.map((iri) => context.labels.get(iri) || iri).join(", ")}` : ""));
    }
    download(name) {
      const column = this.stateColumn() || this.vars[0];
      const others = this.vars.filter((v) => v !== column);
      const rows = this.rows.map((r) => [r[column]?.value ?? "", words(r[column]), ...others.map((v) => r[v]?.value ?? "")]);
      return download(name || "map", [column, `${column}_name`, ...others], rows, "Download the map's States (CSV)");
    }
  }

  class Timeline extends View {
    constructor(yasr) { super(yasr); this.priority = 4; this.label = "Timeline"; }
    getIcon() { return icon("timeline"); }
    dateColumn() { return this.vars.find((v) => this.rows.some((r) => isDate(r[v]))) || null; }
    canHandleResults() { return this.selectResults() && this.dateColumn() !== null; }
    draw() {
      const out = this.root("ccm-timeline");
      const column = this.dateColumn();
      const others = this.vars.filter((v) => v !== column);
      const dated = this.rows.filter((r) => isDate(r[column])).sort((a, b) => a[column].value.localeCompare(b[column].value));
      const first = Number(dated[0][column].value.slice(0, 4)), last = Number(dated.at(-1)[column].value.slice(0, 4));
      out.append(element("p", { class: "ccm-count" }, `${dated.length} dated rows, ${first === last ? first : `${first} to ${last}`}`,
        dated.length < this.rows.length ? `; ${this.rows.length - dated.length} without a date` : ""));
      // a strip of the years with a mark per row, then the rows under their year
      const span = Math.max(1, last - first + 1);
      const strip = element("div", { class: "ccm-strip", "aria-hidden": "true" });
      for (const row of dated) {
        const [y, m, d] = row[column].value.slice(0, 10).split("-").map(Number);
        const at = ((y - first) + (m - 1) / 12 + (d - 1) / 365) / span;
        strip.append(element("span", { class: "mark", style: `left: ${(at * 100).toFixed(2)}%` }));
      }
      strip.append(element("span", { class: "from" }, String(first)), element("span", { class: "to" }, String(last)));
      out.append(strip);
      let year = null, list = null;
      for (const row of dated) {
        const y = row[column].value.slice(0, 4);
        if (y !== year) {
          year = y;
          list = element("ol");
          out.append(element("section", {}, element("h3", {}, y), list));
        }
        const what = others.map((v) => cell(row[v], false)).filter((c) => c !== "");
        const item = element("li", {}, element("time", { datetime: row[column].value }, words(row[column])));
        what.forEach((c, i) => item.append(i ? " · " : " ", c));
        list.append(item);
      }
    }
    download(name) {
      const column = this.dateColumn();
      const others = this.vars.filter((v) => v !== column);
      const rows = this.rows.filter((r) => isDate(r[column])).map((r) => [r[column].value, ...others.map((v) => words(r[v]))]);
      return download(name || "timeline", [column, ...others], rows, "Download the timeline's dates (CSV)");
    }
  }

  class Chart extends View {
    constructor(yasr) { super(yasr); this.priority = 3; this.label = "Bar chart"; }
    getIcon() { return icon("chart"); }
    parts() {
      const numbers = this.columns(isNumber);
      const labels = this.vars.filter((v) => !numbers.includes(v));
      return numbers.length >= 1 && labels.length >= 1 ? { value: numbers.at(-1), labels } : null;
    }
    canHandleResults() { return this.selectResults() && this.rows.length > 0 && this.rows.length <= 500 && this.parts() !== null; }
    draw() {
      const out = this.root("ccm-chart");
      const { value, labels } = this.parts();
      const max = Math.max(...this.rows.map((r) => Number(r[value]?.value || 0)), 1);
      out.append(element("p", { class: "ccm-count" }, `${value}, by ${labels.join(" and ")}`));
      const list = element("ol", { class: "bars" });
      for (const row of this.rows) {
        const n = Number(row[value]?.value || 0);
        const name = element("span", { class: "name" });
        labels.map((v) => cell(row[v], false)).filter((c) => c !== "").forEach((c, i) => name.append(i ? " · " : "", c));
        list.append(element("li", {}, name,
          element("span", { class: "bar", style: `width: ${((n / max) * 100).toFixed(1)}%` }),
          element("span", { class: "value" }, n.toLocaleString("en"))));
      }
      out.append(list);
    }
    download(name) {
      const { value, labels } = this.parts();
      const rows = this.rows.map((r) => [...labels.map((v) => words(r[v])), r[value]?.value ?? ""]);
      return download(name || "chart", [...labels, value], rows, "Download the chart's numbers (CSV)");
    }
  }

  function register(Yasr) {
    Yasr.registerPlugin("table", Yasr.plugins.table, false); // ours reads better; YASR's is off
    Yasr.registerPlugin("ccmTable", Table);
    Yasr.registerPlugin("ccmMap", MapView);
    Yasr.registerPlugin("ccmTimeline", Timeline);
    Yasr.registerPlugin("ccmChart", Chart);
  }

  // the plugin a query asks for with `#defaultView:Map` (a Wikidata Query Service name), else the table
  function wanted(query) {
    const m = /^\s*#\s*defaultView:\s*(\w+)/m.exec(query);
    return (m && VIEWS[m[1]]) || "ccmTable";
  }

  return { configure, register, wanted, plugins: Object.values(VIEWS) };
})();
