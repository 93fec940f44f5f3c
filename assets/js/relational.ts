// The relational-capacity self-assessment (layouts/veiviser/relasjonell-kapasitet.html).
//
// Without JavaScript the page describes the six factors and the steps a–h. This module builds the
// assessment from the page's <script type="application/json" data-relational-data> block: one
// form per relation (a name and six 1–5 ratings), a grouped bar chart drawn as SVG with DOM APIs,
// a table with the same numbers, and a suggestion of which step to start with where the scores
// are lowest. The factor -> step mapping, the steps and every text come from the page.
//
// Privacy: the answers live only in this tab's memory and DOM. Nothing is written to
// localStorage, sessionStorage, cookies or IndexedDB, and nothing is sent anywhere.

interface Factor {
  id: string;
  name: string;
  question: string;
  start: string[];
}

interface StepRef {
  id: string;
  title: string;
}

interface Data {
  factors: Factor[];
  steps: StepRef[];
  even: string[];
  strings: Record<string, string>;
  max: number;
}

interface Relation {
  key: number; // stable, for element ids
  fieldset: HTMLFieldSetElement;
  legend: HTMLLegendElement;
  name: HTMLInputElement;
  remove: HTMLButtonElement;
}

const SVG = "http://www.w3.org/2000/svg";

/** Colours (each at least 3:1 against white) and a pattern per relation, so that the bars can be
 * told apart without colour. */
const LOOKS: { color: string; pattern: "solid" | "diagonal" | "dots" | "cross" | "horizontal" | "vertical" }[] = [
  { color: "#00507a", pattern: "solid" },
  { color: "#a33b00", pattern: "diagonal" },
  { color: "#2f6b2f", pattern: "dots" },
  { color: "#6b2c91", pattern: "cross" },
  { color: "#4d4d4d", pattern: "horizontal" },
  { color: "#7a5c00", pattern: "vertical" },
];

export function initRelational(root: Document): void {
  const section = root.querySelector<HTMLElement>("[data-relational]");
  const app = section?.querySelector<HTMLElement>("[data-relational-app]");
  const raw = section?.querySelector("[data-relational-data]")?.textContent;
  if (!section || !app || !raw) return;
  const data = JSON.parse(raw) as Data;
  if (!Array.isArray(data.factors) || data.factors.length === 0) return;
  new Assessment(root, section, app, data).start();
}

/** Fills "{name}"-style placeholders; values may be text or DOM nodes. */
function fill(tpl: string, values: Record<string, string | (string | Node)[]>): (string | Node)[] {
  const out: (string | Node)[] = [];
  let last = 0;
  for (const m of tpl.matchAll(/\{(\w+)\}/g)) {
    out.push(tpl.slice(last, m.index));
    const v = values[m[1]];
    if (v === undefined) out.push(m[0]);
    else if (typeof v === "string") out.push(v);
    else out.push(...v);
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(tpl.slice(last));
  return out.filter((x) => x !== "");
}

function fillText(tpl: string, values: Record<string, string>): string {
  return tpl.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);
}

/** "a", "a og b", "a, b og c", as DOM nodes. */
function joinList(items: (string | Node)[], and: string): (string | Node)[] {
  const out: (string | Node)[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(i === items.length - 1 ? ` ${and} ` : ", ");
    out.push(item);
  });
  return out;
}

/** Norwegian number: one decimal at most, decimal comma. */
function formatNumber(n: number): string {
  const r = Math.round(n * 10) / 10;
  return (Number.isInteger(r) ? String(r) : r.toFixed(1)).replace(".", ",");
}

export function average(scores: (number | null)[]): number | null {
  const rated = scores.filter((s): s is number => s !== null);
  return rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null;
}

class Assessment {
  private readonly s: Record<string, string>;
  private readonly relations: Relation[] = [];
  private nextKey = 1;
  private readonly form: HTMLFormElement;
  private readonly list: HTMLElement;
  private readonly addButton: HTMLButtonElement;
  private readonly maxNote: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly tableWrap: HTMLElement;
  private readonly suggestions: HTMLElement;

  constructor(
    private readonly doc: Document,
    private readonly section: HTMLElement,
    private readonly app: HTMLElement,
    private readonly data: Data,
  ) {
    this.s = data.strings ?? {};
    const el = this.el.bind(this);

    this.form = el("form", { class: "rk-form", autocomplete: "off", novalidate: "" });
    this.form.addEventListener("submit", (e) => e.preventDefault());
    const scale = el("p", { class: "rk-scale", id: "rk-scale" }, this.t("scale"));
    this.list = el("div", { class: "rk-relations" });
    this.addButton = el("button", { type: "button", class: "secondary rk-add" }, this.t("add"));
    this.maxNote = el("span", { class: "rk-max" }, fillText(this.t("max"), { max: String(this.max()) }));
    this.maxNote.hidden = true;
    this.form.append(scale, this.list, el("p", { class: "rk-actions" }, this.addButton, " ", this.maxNote));

    const results = el("section", { class: "rk-results", "aria-labelledby": "rk-results-heading" });
    this.chart = el("figure", { class: "rk-chart" });
    this.legend = el("ul", { class: "rk-legend", "aria-label": this.t("legend") });
    this.tableWrap = el("div", { class: "scroll-region rk-table-wrap", role: "region", tabindex: "0", "aria-labelledby": "rk-caption" });
    this.suggestions = el("ul", { class: "rk-suggestions" });
    const print = el("button", { type: "button", class: "secondary" }, this.t("print"));
    print.addEventListener("click", () => {
      this.setPrintDate();
      this.doc.defaultView?.print();
    });
    results.append(
      el("h3", { id: "rk-results-heading" }, this.t("results")),
      this.chart,
      this.tableWrap,
      el("h4", { id: "rk-suggestions-heading" }, this.t("suggestions")),
      this.suggestions,
      el("p", { class: "rk-print-action" }, print),
    );
    this.app.append(this.form, results);
  }

  start(): void {
    this.section.classList.add("is-enhanced");
    this.section.querySelectorAll<HTMLElement>("[data-relational-nojs]").forEach((e) => (e.hidden = true));
    this.section.querySelectorAll<HTMLElement>("[data-relational-privacy]").forEach((e) => (e.hidden = false));
    this.addButton.addEventListener("click", () => {
      const r = this.addRelation();
      r?.name.focus();
    });
    this.form.addEventListener("input", () => this.render());
    this.form.addEventListener("change", () => this.render());
    const win = this.doc.defaultView;
    win?.addEventListener("beforeprint", () => this.setPrintDate());
    let width = this.chart.clientWidth;
    win?.addEventListener("resize", () => {
      // Redraw at the new width so that the chart's text keeps its size.
      if (this.chart.clientWidth !== width) {
        width = this.chart.clientWidth;
        this.renderChart();
      }
    });
    this.addRelation();
    this.setPrintDate();
  }

  private max(): number {
    return Math.max(1, Math.min(LOOKS.length, Number(this.data.max) || LOOKS.length));
  }

  private t(key: string): string {
    return this.s[key] ?? key;
  }

  private el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Record<string, string> = {},
    ...children: (string | Node)[]
  ): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  }

  private svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
    const e = this.doc.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // --- the form ------------------------------------------------------------------------------

  private addRelation(): Relation | null {
    if (this.relations.length >= this.max()) return null;
    const el = this.el.bind(this);
    const key = this.nextKey++;
    const prefix = `rk-${key}`;
    const fieldset = el("fieldset", { class: "rk-relation", "data-rk-relation": String(key) });
    const legend = el("legend", { class: "rk-relation-legend" });
    const name = el("input", {
      type: "text",
      id: `${prefix}-navn`,
      class: "rk-name-input",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": `${prefix}-navn-hint`,
    });
    fieldset.append(
      legend,
      el(
        "p",
        { class: "rk-name" },
        el("label", { for: name.id }, this.t("name")),
        el("span", { class: "rk-hint", id: `${prefix}-navn-hint` }, this.t("nameHint")),
        name,
      ),
    );
    for (const f of this.data.factors) {
      const group = el("fieldset", { class: "rk-factor", "data-rk-factor": f.id });
      group.append(
        el("legend", {}, el("span", { class: "rk-factor-name" }, f.name), " ", el("span", { class: "rk-factor-question" }, f.question)),
      );
      const options = el("div", { class: "rk-options" });
      for (let v = 1; v <= 5; v++) {
        const id = `${prefix}-${f.id}-${v}`;
        const radio = el("input", { type: "radio", id, name: `${prefix}-${f.id}`, value: String(v) });
        const label = el("label", { for: id }, String(v));
        if (v === 1 || v === 5) label.append(el("span", { class: "visually-hidden" }, ` – ${this.t(v === 1 ? "low" : "high")}`));
        options.append(el("span", { class: "rk-option" }, radio, label));
      }
      group.append(options);
      fieldset.append(group);
    }
    const remove = el("button", { type: "button", class: "secondary rk-remove" });
    fieldset.append(el("p", { class: "rk-remove-row" }, remove));
    const rel: Relation = { key, fieldset, legend, name, remove };
    remove.addEventListener("click", () => this.removeRelation(rel));
    this.relations.push(rel);
    this.list.append(fieldset);
    this.render();
    return rel;
  }

  private removeRelation(rel: Relation): void {
    const i = this.relations.indexOf(rel);
    if (i < 0 || this.relations.length <= 1) return;
    this.relations.splice(i, 1);
    rel.fieldset.remove();
    this.render();
    (this.relations[Math.max(0, i - 1)]?.name ?? this.addButton).focus();
  }

  private label(rel: Relation): string {
    return rel.name.value.trim() || fillText(this.t("relation"), { n: String(this.relations.indexOf(rel) + 1) });
  }

  private score(rel: Relation, factor: string): number | null {
    const checked = rel.fieldset.querySelector<HTMLInputElement>(`[data-rk-factor="${factor}"] input[type="radio"]:checked`);
    return checked ? Number(checked.value) : null;
  }

  private scores(rel: Relation): (number | null)[] {
    return this.data.factors.map((f) => this.score(rel, f.id));
  }

  // --- results -------------------------------------------------------------------------------

  private render(): void {
    this.relations.forEach((rel, i) => {
      rel.legend.textContent = fillText(this.t("relation"), { n: String(i + 1) });
      rel.remove.textContent = fillText(this.t("remove"), { name: this.label(rel) });
      rel.remove.hidden = this.relations.length <= 1;
    });
    const full = this.relations.length >= this.max();
    this.addButton.hidden = full;
    this.maxNote.hidden = !full;
    this.renderChart();
    this.renderTable();
    this.renderSuggestions();
  }

  private renderChart(): void {
    const factors = this.data.factors;
    const n = this.relations.length;
    const width = Math.round(Math.max(280, Math.min(720, this.chart.clientWidth || 640)));
    const labelH = 22;
    const barH = 18;
    const barGap = 4;
    const groupGap = 16;
    const axisH = 24;
    const valueRoom = 28;
    const left = 4;
    const plotW = width - left - valueRoom;
    const groupH = labelH + n * (barH + barGap) + groupGap;
    const height = factors.length * groupH + axisH;
    const x = (score: number) => left + (plotW * score) / 5;

    const svg = this.svg("svg", {
      class: "rk-chart-svg",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-labelledby": "rk-chart-title",
    });
    svg.append(this.svg("title", { id: "rk-chart-title" }, this.t("chart")));

    const defs = this.svg("defs");
    LOOKS.forEach((look, i) => defs.append(this.pattern(`rk-pattern-${i}`, look.color, look.pattern)));
    svg.append(defs);

    // Grid lines and the scale 0–5 at the bottom.
    const grid = this.svg("g", { class: "rk-grid" });
    for (let v = 0; v <= 5; v++) {
      grid.append(this.svg("line", { x1: x(v), x2: x(v), y1: 0, y2: height - axisH + 4, stroke: v === 0 ? "#1a1a1a" : "#c4c8cc", "stroke-width": 1 }));
      grid.append(this.svg("text", { x: x(v), y: height - 6, "text-anchor": v === 0 ? "start" : "middle", class: "rk-axis" }, String(v)));
    }
    svg.append(grid);

    factors.forEach((f, fi) => {
      const g = this.svg("g", { class: "rk-group", "data-factor": f.id });
      const top = fi * groupH;
      g.append(this.svg("text", { x: left + 4, y: top + 15, class: "rk-group-label" }, f.name));
      this.relations.forEach((rel, ri) => {
        const look = LOOKS[ri % LOOKS.length];
        const score = this.score(rel, f.id);
        const y = top + labelH + ri * (barH + barGap);
        const name = this.label(rel);
        if (score !== null) {
          const bar = this.svg("rect", {
            x: x(0),
            y,
            width: x(score) - x(0),
            height: barH,
            fill: `url(#rk-pattern-${ri % LOOKS.length})`,
            stroke: look.color,
            "stroke-width": 1.5,
            class: "rk-bar",
            "data-relation": ri,
            "data-factor": f.id,
            "data-score": score,
          });
          bar.append(this.svg("title", {}, `${name}, ${f.name}: ${score}`));
          g.append(bar);
        }
        g.append(
          this.svg(
            "text",
            { x: (score !== null ? x(score) : x(0)) + 6, y: y + barH - 4, class: "rk-value", "data-relation": ri, "data-factor": f.id },
            score !== null ? String(score) : "–",
          ),
        );
      });
      svg.append(g);
    });

    this.legend.replaceChildren(
      ...this.relations.map((rel, ri) => {
        const sw = this.svg("svg", { width: 28, height: 16, viewBox: "0 0 28 16", "aria-hidden": "true", class: "rk-swatch" });
        sw.append(this.svg("rect", { x: 1, y: 1, width: 26, height: 14, fill: `url(#rk-pattern-${ri % LOOKS.length})`, stroke: LOOKS[ri % LOOKS.length].color, "stroke-width": 1.5 }));
        const li = this.el("li", {}, sw, " ", this.label(rel));
        return li;
      }),
    );
    this.chart.replaceChildren(this.legend, svg);
  }

  private pattern(id: string, color: string, kind: (typeof LOOKS)[number]["pattern"]): SVGPatternElement {
    const p = this.svg("pattern", { id, width: 8, height: 8, patternUnits: "userSpaceOnUse" });
    p.append(this.svg("rect", { width: 8, height: 8, fill: kind === "solid" ? color : "#ffffff" }));
    const line = (x1: number, y1: number, x2: number, y2: number) =>
      p.append(this.svg("line", { x1, y1, x2, y2, stroke: color, "stroke-width": 2.5 }));
    switch (kind) {
      case "diagonal":
        line(0, 8, 8, 0);
        line(-2, 2, 2, -2);
        line(6, 10, 10, 6);
        break;
      case "dots":
        p.append(this.svg("circle", { cx: 4, cy: 4, r: 2.2, fill: color }));
        break;
      case "cross":
        line(0, 8, 8, 0);
        line(0, 0, 8, 8);
        break;
      case "horizontal":
        line(0, 4, 8, 4);
        break;
      case "vertical":
        line(4, 0, 4, 8);
        break;
    }
    return p;
  }

  private renderTable(): void {
    const el = this.el.bind(this);
    const table = el("table", { class: "rk-table" });
    table.append(el("caption", { id: "rk-caption" }, this.t("caption")));
    const head = el("tr", {}, el("th", { scope: "col" }, this.t("factor")));
    this.relations.forEach((rel) => head.append(el("th", { scope: "col" }, this.label(rel))));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    const cell = (v: number | null, factor: string) => {
      const td = el("td", { "data-factor": factor });
      if (v === null) {
        td.append(el("span", { "aria-hidden": "true" }, "–"), el("span", { class: "visually-hidden" }, this.t("notRated")));
      } else {
        td.dataset.score = String(v);
        td.append(formatNumber(v));
      }
      return td;
    };
    this.data.factors.forEach((f) => {
      const tr = el("tr", {}, el("th", { scope: "row" }, f.name));
      this.relations.forEach((rel) => tr.append(cell(this.score(rel, f.id), f.id)));
      body.append(tr);
    });
    const avg = el("tr", { class: "rk-average" }, el("th", { scope: "row" }, this.t("average")));
    this.relations.forEach((rel) => avg.append(cell(average(this.scores(rel)), "average")));
    body.append(avg);
    table.append(body);
    this.tableWrap.replaceChildren(table);
  }

  private stepLinks(ids: string[]): (string | Node)[] {
    const order = this.data.steps.map((s) => s.id);
    const unique = [...new Set(ids)].filter((id) => order.includes(id)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const links = unique.map((id) => {
      const step = this.data.steps.find((s) => s.id === id);
      return this.el("a", { href: `#rk-steg-${id}` }, `${id}) ${step?.title ?? ""}`.trim());
    });
    return joinList(links, this.t("and"));
  }

  private renderSuggestions(): void {
    const items: HTMLLIElement[] = [];
    const averages: { name: string; avg: number }[] = [];
    for (const rel of this.relations) {
      const scores = this.scores(rel);
      const rated = this.data.factors.map((f, i) => ({ f, v: scores[i] })).filter((x): x is { f: Factor; v: number } => x.v !== null);
      if (rated.length === 0) continue;
      const name = this.label(rel);
      const min = Math.min(...rated.map((x) => x.v));
      const lowest = rated.filter((x) => x.v === min);
      averages.push({ name, avg: average(scores) ?? 0 });
      let parts: (string | Node)[];
      if (rated.length > 1 && lowest.length === rated.length) {
        parts = fill(this.t("even"), { name, score: formatNumber(min), steps: this.stepLinks(this.data.even ?? []) });
      } else {
        parts = fill(this.t("lowest"), {
          name,
          score: formatNumber(min),
          factors: joinList(
            lowest.map((x) => x.f.name),
            this.t("and"),
          ),
          steps: this.stepLinks(lowest.flatMap((x) => x.f.start)),
        });
      }
      items.push(this.el("li", {}, ...parts));
    }
    if (averages.length > 1) {
      const min = Math.min(...averages.map((a) => a.avg));
      const weakest = averages.filter((a) => Math.abs(a.avg - min) < 1e-9);
      if (weakest.length < averages.length) {
        const names = joinList(
          weakest.map((a) => a.name),
          this.t("and"),
        ).join("");
        items.push(this.el("li", { class: "rk-weakest" }, fillText(this.t("weakest"), { names, avg: formatNumber(min) })));
      }
    }
    if (items.length === 0) items.push(this.el("li", { class: "rk-none" }, this.t("none")));
    this.suggestions.replaceChildren(...items);
  }

  private setPrintDate(): void {
    const el = this.section.querySelector<HTMLElement>("[data-relational-print-date]");
    if (!el) return;
    const months = (el.dataset.months ?? "").split(",");
    const t = new Date();
    const month = months.length === 12 ? months[t.getMonth()] : String(t.getMonth() + 1);
    el.textContent = `${el.dataset.label ?? ""} ${t.getDate()}. ${month} ${t.getFullYear()}`.trim();
  }
}
