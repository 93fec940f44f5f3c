// Decision trees: one question at a time.
//
// Without this module a tree page shows its first question as links to static node pages
// (/beslutningstrer/TREE/NODE/), and the browser's back button goes back. With it, the tree page
// becomes a form that asks one question at a time:
//
// - each question is a <fieldset> whose <legend> holds the question as a heading, with one radio
//   button per answer, and "Neste", "Tilbake" and "Start på nytt";
// - after every step focus moves to the new heading (tabindex="-1"), so screen readers read it;
// - the answers live in the URL only (?svar=node.value,node.value), written with
//   history.pushState: back/forward, reload and a link sent to a colleague all show the same
//   step. Nothing is stored anywhere else;
// - "Tilbake" and "Endre" show the earlier question with the answer given before selected;
// - the outcome comes first, then a collapsed list of the answers given, each with "Endre", and
//   a print button; the print layout (tree.css) shows the outcome and the answers;
// - the path taken so far is highlighted in «Se hele treet», in the diagram and in the list
//   (data-tree-node, data-tree-answer, data-tree-edge; the list says «på veien din» to screen
//   readers), and the current question or outcome is marked there with aria-current.
//
// The tree comes from <script type="application/json" id="tree-data"> (rendered by the trees
// feature; help and outcome texts are HTML rendered by the generator from the site's own
// Markdown). UI strings come in the same block, in the page's language.

interface Answer {
  label: string;
  value: string;
  next: string;
}

interface Outcome {
  title: string;
  level?: string;
  body: string;
  steps?: string[];
  links?: { text: string; url: string }[];
  legal?: { link: string; title: string }[];
}

interface TreeNode {
  url: string;
  q?: string;
  help?: string;
  answers?: Answer[];
  outcome?: Outcome;
}

interface TreeData {
  title: string;
  url: string;
  lang: string;
  start: string;
  nodes: Record<string, TreeNode>;
  s: Record<string, string>;
}

interface Step {
  node: string;
  value: string;
}

interface HistoryState {
  tree: string;
  svar: string;
  prev: string | null;
}

const PARAM = "svar";

export function initTrees(root: Document): void {
  const dataEl = root.getElementById("tree-data");
  const app = root.querySelector<HTMLElement>("[data-tree-app]");
  if (!dataEl || !app || app.dataset.treeReady) return;
  let data: TreeData;
  try {
    data = JSON.parse(dataEl.textContent || "") as TreeData;
  } catch {
    return; // the static version stays
  }
  if (!data.nodes || !data.nodes[data.start]) return;
  app.dataset.treeReady = "1";
  new TreeWidget(root, app, data).start();
}

class TreeWidget {
  private readonly win: Window;
  private readonly s: Record<string, string>;
  private readonly page: HTMLElement | null;
  // Answers given in this visit, by node: shown as selected when the user comes back to a
  // question. Memory only, gone with the page.
  private readonly remembered = new Map<string, string>();
  private path: Step[] = [];

  constructor(
    private readonly doc: Document,
    private readonly app: HTMLElement,
    private readonly data: TreeData,
  ) {
    this.win = doc.defaultView || window;
    this.s = data.s || {};
    this.page = app.closest<HTMLElement>("[data-tree-page]");
  }

  start(): void {
    const steps = this.readURL();
    for (const st of steps) this.remembered.set(st.node, st.value);
    const canonical = this.href(steps);
    const state = this.win.history.state as HistoryState | null;
    if (!state || state.tree !== this.data.url || canonical !== this.currentHref()) {
      // Keep an existing state (a reload keeps it); drop answers that do not fit the tree.
      this.win.history.replaceState(this.state(steps, state && state.tree === this.data.url ? state.prev : null), "", canonical);
    }
    this.win.addEventListener("popstate", () => {
      const st = this.readURL();
      for (const x of st) this.remembered.set(x.node, x.value);
      this.show(st, true);
    });
    for (const el of this.doc.querySelectorAll<HTMLElement>("[data-tree-static]")) el.hidden = true;
    this.app.hidden = false;
    this.show(steps, false);
  }

  // --- state -------------------------------------------------------------------------------

  // readURL replays ?svar= from the start and keeps the answers that fit the tree.
  private readURL(): Step[] {
    const raw = new URLSearchParams(this.win.location.search).get(PARAM) || "";
    const out: Step[] = [];
    let cur = this.data.start;
    for (const part of raw.split(",")) {
      const dot = part.indexOf(".");
      if (dot <= 0) break;
      const node = part.slice(0, dot);
      const value = part.slice(dot + 1);
      const n = this.data.nodes[cur];
      if (node !== cur || !n || !n.answers) break;
      const a = n.answers.find((x) => x.value === value);
      if (!a || !this.data.nodes[a.next]) break;
      out.push({ node, value });
      cur = a.next;
    }
    return out;
  }

  private svar(steps: Step[]): string {
    return steps.map((st) => st.node + "." + st.value).join(",");
  }

  private href(steps: Step[]): string {
    const svar = this.svar(steps);
    return this.win.location.pathname + (svar ? "?" + PARAM + "=" + svar : "");
  }

  private currentHref(): string {
    return this.win.location.pathname + this.win.location.search + this.win.location.hash;
  }

  private state(steps: Step[], prev: string | null): HistoryState {
    return { tree: this.data.url, svar: this.svar(steps), prev };
  }

  // go moves to a new list of answers as a new history entry.
  private go(steps: Step[]): void {
    this.win.history.pushState(this.state(steps, this.svar(this.path)), "", this.href(steps));
    this.show(steps, true);
  }

  private current(steps: Step[]): string {
    let cur = this.data.start;
    for (const st of steps) {
      const a = this.answer(st);
      if (!a) break;
      cur = a.next;
    }
    return cur;
  }

  private answer(st: Step): Answer | undefined {
    const n = this.data.nodes[st.node];
    return n && n.answers ? n.answers.find((a) => a.value === st.value) : undefined;
  }

  // --- actions -----------------------------------------------------------------------------

  private back(): void {
    if (this.path.length === 0) return;
    const prev = this.path.slice(0, -1);
    const state = this.win.history.state as HistoryState | null;
    if (state && state.tree === this.data.url && state.prev === this.svar(prev)) {
      this.win.history.back(); // the entry before is that very step: popstate shows it
      return;
    }
    this.go(prev);
  }

  private restart(): void {
    this.remembered.clear();
    this.go([]);
  }

  // --- rendering ---------------------------------------------------------------------------

  private show(steps: Step[], focus: boolean): void {
    this.path = steps;
    const id = this.current(steps);
    this.highlight(steps, id);
    const node = this.data.nodes[id];
    this.app.replaceChildren();
    let heading: HTMLElement;
    if (node.outcome) {
      heading = this.renderOutcome(node.outcome);
      if (this.page) this.page.dataset.treeView = "result";
    } else {
      heading = this.renderQuestion(id, node);
      if (this.page) this.page.dataset.treeView = "question";
    }
    if (focus) heading.focus();
  }

  // highlight marks the path in the overview: every node passed and the answer chosen at it, the
  // edges between them, and the current node.
  private highlight(steps: Step[], current: string): void {
    const root = this.page ?? this.doc;
    root.querySelectorAll<Element>(".is-path, .is-current").forEach((e) => e.classList.remove("is-path", "is-current"));
    root.querySelectorAll<Element>("[data-tree-node][aria-current]").forEach((e) => e.removeAttribute("aria-current"));
    root.querySelectorAll<HTMLElement>("[data-tree-path-mark]").forEach((e) => {
      e.hidden = true;
    });
    const mark = (sel: string) => root.querySelectorAll<Element>(sel).forEach((e) => e.classList.add("is-path"));
    const q = (v: string) => (typeof CSS !== "undefined" && CSS.escape ? CSS.escape(v) : v.replace(/["\\]/g, "\\$&"));
    for (const st of steps) {
      const answers = this.data.nodes[st.node]?.answers ?? [];
      const i = answers.findIndex((a) => a.value === st.value);
      const chosen = answers[i];
      if (!chosen) break;
      const chip = `${st.node}#${i}`;
      mark(`[data-tree-node="${q(st.node)}"], [data-tree-node="${q(chip)}"], [data-tree-answer="${q(chip)}"]`);
      mark(`[data-tree-edge="${q(st.node + ">" + chip)}"], [data-tree-edge="${q(chip + ">" + chosen.next)}"]`);
      root.querySelectorAll<HTMLElement>(`[data-tree-answer="${q(chip)}"] > [data-tree-path-mark]`).forEach((e) => {
        e.hidden = false;
      });
    }
    root.querySelectorAll<Element>(`[data-tree-node="${q(current)}"]`).forEach((e) => {
      e.classList.add("is-path", "is-current");
      if (e.localName === "span") e.setAttribute("aria-current", "step");
    });
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // html inserts markup that the generator rendered from the site's own Markdown.
  private html<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, markup: string): HTMLElementTagNameMap[K] {
    const e = this.el(tag, cls);
    e.innerHTML = markup;
    return e;
  }

  private button(text: string, onClick: () => void, secondary = true): HTMLButtonElement {
    const b = this.el("button", secondary ? "secondary" : undefined, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  private renderQuestion(id: string, node: TreeNode): HTMLElement {
    const s = this.s;
    const form = this.el("form", "tree-step");
    form.noValidate = true;
    const fieldset = this.el("fieldset", "tree-fieldset");
    const legend = this.el("legend", "tree-legend");
    const h = this.el("h2");
    h.id = "tree-q";
    h.tabIndex = -1;
    h.append(this.el("span", "tree-progress", fmt(s.questionOf, this.path.length + 1)), " ", this.el("span", "tree-q-text", node.q || ""));
    legend.append(h);
    fieldset.append(legend);
    if (node.help) fieldset.append(this.html("div", "prose tree-help", node.help));
    const options = this.el("div", "tree-options");
    const chosen = this.remembered.get(id);
    (node.answers || []).forEach((a, i) => {
      const wrap = this.el("div", "tree-option");
      const input = this.el("input");
      input.type = "radio";
      input.name = "tree-svar";
      input.id = "tree-a-" + i;
      input.value = a.value;
      input.checked = a.value === chosen;
      const label = this.el("label", undefined, a.label);
      label.htmlFor = input.id;
      wrap.append(input, label);
      options.append(wrap);
    });
    fieldset.append(options);
    const error = this.el("p", "tree-error", s.chooseAnswer);
    error.id = "tree-error";
    error.hidden = true;
    form.append(fieldset, error);

    const actions = this.el("div", "tree-actions");
    const next = this.el("button", undefined, s.next);
    next.type = "submit";
    actions.append(next);
    if (this.path.length > 0) actions.append(this.button(s.back, () => this.back()));
    if (this.path.length > 0) actions.append(this.button(s.restart, () => this.restart()));
    form.append(actions);

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const picked = form.querySelector<HTMLInputElement>("input[name=tree-svar]:checked");
      if (!picked) {
        error.hidden = false;
        error.setAttribute("role", "alert");
        fieldset.setAttribute("aria-describedby", error.id);
        const firstInput = form.querySelector<HTMLInputElement>("input[name=tree-svar]");
        if (firstInput) firstInput.focus();
        return;
      }
      this.remembered.set(id, picked.value);
      this.go(this.path.concat({ node: id, value: picked.value }));
    });
    form.addEventListener("change", () => {
      error.hidden = true;
      fieldset.removeAttribute("aria-describedby");
    });
    this.app.append(form);
    return h;
  }

  private renderOutcome(o: Outcome): HTMLElement {
    const s = this.s;
    const sec = this.el("section", "tree-result");
    sec.setAttribute("aria-labelledby", "tree-result-h");
    const h = this.el("h2");
    h.id = "tree-result-h";
    h.tabIndex = -1;
    h.append(this.el("span", "tree-result-label", s.result + ":"), " ", o.title);
    sec.append(h);
    if (o.level) {
      const p = this.el("p", "tree-level");
      p.append(this.el("strong", undefined, s.level + ":"), " " + o.level);
      sec.append(p);
    }
    sec.append(this.html("div", "prose tree-body", o.body));
    if (o.steps && o.steps.length) {
      sec.append(this.el("h3", undefined, s.nextSteps));
      const ol = this.el("ol", "tree-steps");
      for (const st of o.steps) ol.append(this.html("li", "", st));
      sec.append(ol);
    }
    if (o.links && o.links.length) {
      sec.append(this.el("h3", undefined, s.readMore));
      const ul = this.el("ul", "tree-links");
      for (const l of o.links) {
        const a = this.el("a", undefined, l.text);
        a.href = l.url;
        const li = this.el("li");
        li.append(a);
        ul.append(li);
      }
      sec.append(ul);
    }
    if (o.legal && o.legal.length) {
      sec.append(this.el("h3", undefined, s.legal));
      const ul = this.el("ul", "tree-legal");
      for (const l of o.legal) {
        const li = this.html("li", "", l.link);
        li.append(" – " + l.title);
        ul.append(li);
      }
      sec.append(ul);
    }

    // The answers given: collapsed on screen, each with "Endre"; written out in print.
    const given = this.el("details", "tree-given");
    given.append(this.el("summary", undefined, s.yourAnswers + " (" + this.path.length + ")"));
    const list = this.el("ol");
    const printList = this.el("ol");
    this.path.forEach((st, i) => {
      const n = this.data.nodes[st.node];
      const a = this.answer(st);
      const q = (n && n.q) || st.node;
      const li = this.el("li");
      li.append(this.el("span", "tree-given-q", q), this.el("span", "tree-given-a", a ? a.label : st.value));
      const change = this.button(s.change, () => this.go(this.path.slice(0, i)));
      change.append(this.el("span", "visually-hidden", " " + s.changeWhat + " «" + q + "»"));
      li.append(change);
      list.append(li);
      const pli = this.el("li");
      pli.append(this.el("span", "tree-given-q", q), this.el("span", "tree-given-a", a ? a.label : st.value));
      printList.append(pli);
    });
    given.append(list);
    sec.append(given);

    const print = this.el("div", "tree-print-only");
    print.append(this.el("h3", undefined, s.yourAnswers), printList);
    const link = this.el("p", "tree-print-link");
    link.append(this.el("strong", undefined, s.printedFrom + ": "), this.win.location.href);
    print.append(link);
    sec.append(print);

    const actions = this.el("div", "tree-actions");
    actions.append(
      this.button(s.print, () => this.win.print(), false),
      this.button(s.back, () => this.back()),
      this.button(s.restart, () => this.restart()),
    );
    sec.append(actions);
    this.app.append(sec);
    return h;
  }
}

function fmt(pattern: string | undefined, n: number): string {
  return (pattern || "%d").replace("%d", String(n));
}
