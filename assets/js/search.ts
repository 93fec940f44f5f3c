// Search: suggestions under the search boxes of every page, and the results page /sok/.
//
// Markup:
// - form[data-search-box] (layouts/_partials/header.html, layouts/home.html): a GET form to /sok/
//   with an input[name=q]. data-search-endpoint and data-search-fallback name the endpoint
//   (site.Params.searchEndpoint; empty: none) and search-fallback.json; a form without them uses
//   those of the first element in the page that has them.
// - [data-search-page] (layouts/sok.html) with the same two attributes, holding the form
//   #sok-skjema with input[data-samvirke-query], [data-search-notice], the aria-live region
//   [data-search-status] and [data-search-results] (where the server may already have put the
//   results of ?q=…, as .sok-resultat), and [data-search-none]: shown when a search finds nothing,
//   with "did you mean" ([data-search-didyoumean], links in [data-search-suggestions]) and the ways in.
//
// Without JS both are plain forms. With JS a search box becomes a combobox (ARIA 1.2: the input
// has role=combobox, aria-expanded, aria-controls and aria-activedescendant; Up/Down move through
// the suggestions, Enter opens the active one, Esc closes the list) and the search page shows
// results while typing, with filters by type and language and «Vis flere».
//
// The texts come from the JSON block #search-strings (layouts/_partials/search-strings.html, from
// i18n/ in the page's language); without it the forms stay plain forms. Requests to the endpoint
// carry ui=<the page's lang>, so that its error messages are in the page's language.
//
// Results come from the endpoint (same origin only). When it cannot be reached (network error,
// 404, 5xx, or something that is not its JSON) every search of the page uses search-fallback.json
// instead: fetched once and kept in memory, matched by folded word prefixes over titles,
// descriptions and headings, with a note that full search is unavailable.
//
// Privacy: nothing is stored (no cookies, localStorage or sessionStorage), the query is not put
// into the page title or the history, and nothing is sent to other origins. Everything is built
// with textContent, except the endpoint's snippet field (HTML: matches in <mark>, the rest escaped
// by the server), which is parsed inertly and reduced to text and <mark> before it is inserted.

const TYPE_DELAY_MS = 250; // debounce while typing
const MIN_CHARS = 2;
const SUGGESTIONS = 6;
const PAGE_SIZE = 10;
const MAX_QUERY = 200;

/** The texts of the page's language (#search-strings). */
export interface Strings {
  types: Record<string, string>;
  langs: Record<string, string>;
  fallbackNote: string;
  suggestions: string;
  hitsNone: string;
  hitsOne: string;
  hitsMany: string; // {n}
  inTitles: string; // {hits}
  showAll: string; // {n}
  noneFor: string; // {q}
  useArrows: string;
  boxFailed: string;
  hitsFor: string; // {hits} {q}
  facetType: string;
  facetLang: string;
  all: string; // {n}
  noResults: string;
  showMore: string; // {shown} {total}
  pageFailed: string;
  errorHeading: string;
  errorGeneric: string;
  showing: string; // {shown} {total}
  moreFailed: string;
  status: Record<string, string>; // a hit's status (expired, not-in-force, unverified) -> its badge
  didYouMean: string;
}

let S: Strings | null = null;

/** Reads #search-strings; null when the page has none or it is not the expected shape. */
function loadStrings(root: Document): Strings | null {
  const raw = root.getElementById("search-strings")?.textContent;
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<Strings> | null;
    return s && typeof s === "object" && typeof s.hitsMany === "string" && s.types && s.langs ? (s as Strings) : null;
  } catch {
    return null;
  }
}

/** The text with its {name} placeholders filled in. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const str = (): Strings => {
  if (!S) throw new Error("search: no texts");
  return S;
};
const typeLabel = (t: string): string => str().types[t] ?? t;
const langLabel = (l: string): string => str().langs[l] ?? l;

interface Hit {
  title: string;
  url: string;
  type: string;
  lang: string;
  status?: string[]; // expired, not-in-force, unverified
  snippet: string; // HTML from the endpoint; plain text from the fallback
}

interface Result {
  total: number;
  hits: Hit[];
  facets: { type: Record<string, number>; lang: Record<string, number> };
  suggestions: string[]; // other queries that find something, when this one finds nothing
  fallback: boolean; // from search-fallback.json: snippet is text
}

/** CSS classes of the status badges (assets/css/legal.css). */
const STATUS_CLASS: Record<string, string> = {
  expired: "status-expired",
  "not-in-force": "status-future",
  unverified: "status-unverified",
};

/** The status badges of a hit. */
function statusBadges(root: Document, h: Hit): HTMLSpanElement[] {
  return (Array.isArray(h.status) ? h.status : [])
    .filter((st) => typeof st === "string")
    .map((st) => el(root, "span", { class: `status-badge ${STATUS_CLASS[st] ?? ""}`.trim() }, str().status[st] || st));
}

interface Query {
  q: string;
  type: string;
  lang: string;
  page: number;
  size: number;
}

/** A search the endpoint refused (status 400); the message is meant for the user. */
class SearchError extends Error {}

// --- Folding and the fallback ----------------------------------------------------------------

/** Letters that bleve's asciifolding spells out and Unicode decomposition does not. */
const SPELLED: Record<string, string> = {
  æ: "ae",
  ø: "o",
  å: "a",
  ß: "ss",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  œ: "oe",
  ŀ: "l",
  ħ: "h",
  ŧ: "t",
  ı: "i",
  ŉ: "n",
};

/**
 * Folds text as the index's folded fields do (search/mapping.go: asciifolding, then the Nordic
 * digraphs): lower case, diacritics off, æ -> ae, ø -> o, å -> a, and then every a or e that
 * follows an a and every e that follows an o dropped, so that «på tvers» and «pa tvers»,
 * «netværksmøde» and «netvaerksmoede» meet. search/testdata/folding.json keeps the two identical.
 */
export function fold(s: string): string {
  const spelled = s
    .toLocaleLowerCase("nb")
    .replace(/[æøåßłđðþœŀħŧıŉ]/g, (c) => SPELLED[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "");
  let out = "";
  for (const c of spelled) {
    const prev = out.slice(-1);
    if ((prev === "a" && (c === "a" || c === "e")) || (prev === "o" && c === "e")) continue;
    out += c;
  }
  return out;
}

/** The folded words of s. */
export function foldedWords(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}§]+/u)
    .filter((w) => w !== "");
}

interface FallbackDoc {
  t: string; // title
  u: string; // URL
  d?: string; // description
  h?: string[]; // headings
  y: string; // type
  l: string; // language
  s?: string[]; // status
}

interface FallbackEntry {
  doc: FallbackDoc;
  title: string[];
  other: string[];
}

/** Scores one query word against words: 2 for a whole word, 1 for a prefix, 0 for none. */
function wordScore(q: string, words: string[]): number {
  let best = 0;
  for (const w of words) {
    if (w === q) return 2;
    if (w.startsWith(q)) best = 1;
  }
  return best;
}

/** Ranking weights of the statuses, as in the endpoint (search/status.go). */
const STATUS_WEIGHT: Record<string, number> = { expired: 0.4, "not-in-force": 0.5, unverified: 0.7 };

/** Searches the fallback entries: every query word must begin a word of the entry. */
export function searchEntries(entries: FallbackEntry[], query: Query): Result {
  const qs = [...new Set(foldedWords(query.q))].slice(0, 8);
  const matches: { e: FallbackEntry; score: number }[] = [];
  if (qs.length > 0) {
    for (const e of entries) {
      let score = 0;
      let ok = true;
      for (const q of qs) {
        const s = Math.max(3 * wordScore(q, e.title), wordScore(q, e.other));
        if (s === 0) {
          ok = false;
          break;
        }
        score += s;
      }
      for (const st of e.doc.s ?? []) score *= STATUS_WEIGHT[st] ?? 1;
      if (ok) matches.push({ e, score });
    }
  }
  const facets = { type: {} as Record<string, number>, lang: {} as Record<string, number> };
  for (const m of matches) {
    facets.type[m.e.doc.y] = (facets.type[m.e.doc.y] ?? 0) + 1;
    facets.lang[m.e.doc.l] = (facets.lang[m.e.doc.l] ?? 0) + 1;
  }
  const kept = matches
    .filter((m) => (!query.type || m.e.doc.y === query.type) && (!query.lang || m.e.doc.l === query.lang))
    .sort((a, b) => b.score - a.score || a.e.doc.t.localeCompare(b.e.doc.t, "nb"));
  const start = (query.page - 1) * query.size;
  return {
    total: kept.length,
    hits: kept.slice(start, start + query.size).map(({ e }) => ({
      title: e.doc.t,
      url: e.doc.u,
      type: e.doc.y,
      lang: e.doc.l,
      status: Array.isArray(e.doc.s) ? e.doc.s : [],
      snippet: e.doc.d ?? "",
    })),
    facets,
    suggestions: [],
    fallback: true,
  };
}

function toEntries(data: unknown): FallbackEntry[] {
  if (!Array.isArray(data)) throw new Error("search-fallback.json is not a list");
  return data
    .filter((d): d is FallbackDoc => {
      const x = d as Partial<FallbackDoc> | null;
      return typeof x === "object" && x !== null && typeof x.t === "string" && typeof x.u === "string";
    })
    .map((doc) => ({
      doc,
      title: foldedWords(doc.t),
      other: foldedWords([doc.d ?? "", ...(Array.isArray(doc.h) ? doc.h : [])].join(" ")),
    }));
}

// --- Sources ---------------------------------------------------------------------------------

/** The URL if it is on this page's origin, else null: searches never go elsewhere. */
function sameOrigin(root: Document, raw: string | undefined): URL | null {
  if (!raw) return null;
  try {
    const u = new URL(raw, root.baseURI);
    return u.origin === root.location.origin ? u : null;
  } catch {
    return null;
  }
}

const UNAVAILABLE = Symbol("unavailable");

/** Where the results come from: the endpoint while it answers, else the fallback. */
class Source {
  private useEndpoint: boolean;
  private entries: Promise<FallbackEntry[]> | null = null;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly root: Document,
    private readonly endpoint: URL | null,
    private readonly fallbackURL: URL | null,
  ) {
    this.useEndpoint = endpoint !== null;
  }

  /** Whether searches use the fallback. */
  get degraded(): boolean {
    return !this.useEndpoint;
  }

  /** Calls f once when the source switches to the fallback. */
  onDegrade(f: () => void): void {
    this.listeners.push(f);
  }

  async search(query: Query, signal: AbortSignal): Promise<Result> {
    if (this.useEndpoint && this.endpoint) {
      const r = await this.viaEndpoint(this.endpoint, query, signal);
      if (r !== UNAVAILABLE) return this.siteOnly(r);
      this.useEndpoint = false;
      for (const f of this.listeners) f();
    }
    return this.siteOnly(searchEntries(await this.loadFallback(), query));
  }

  /** Drops hits that would link anywhere but to an http(s) page of this site. */
  private siteOnly(r: Result): Result {
    const ok = (h: Hit): boolean => {
      if (typeof h?.url !== "string") return false;
      const u = sameOrigin(this.root, h.url);
      return u !== null && (u.protocol === "http:" || u.protocol === "https:");
    };
    return { ...r, hits: r.hits.filter(ok) };
  }

  private async viaEndpoint(endpoint: URL, query: Query, signal: AbortSignal): Promise<Result | typeof UNAVAILABLE> {
    const u = new URL(endpoint.href);
    u.search = "";
    u.searchParams.set("q", query.q);
    if (query.type) u.searchParams.set("type", query.type);
    if (query.lang) u.searchParams.set("lang", query.lang);
    if (query.page > 1) u.searchParams.set("page", String(query.page));
    u.searchParams.set("size", String(query.size));
    if (this.root.documentElement.lang) u.searchParams.set("ui", this.root.documentElement.lang);
    let res: Response;
    try {
      res = await fetch(u.href, {
        signal,
        credentials: "same-origin",
        cache: "no-store",
        redirect: "error",
        referrerPolicy: "no-referrer",
        headers: { Accept: "application/json" },
      });
    } catch (err) {
      if (signal.aborted) throw err;
      return UNAVAILABLE;
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      if (signal.aborted) throw err;
      return UNAVAILABLE; // not the endpoint's JSON: a static host's 404 page, say
    }
    if (res.status === 400) {
      const msg = (body as { error?: unknown }).error;
      throw new SearchError(typeof msg === "string" ? msg : str().errorGeneric);
    }
    const r = body as Partial<Result> | null;
    if (!res.ok || !r || !Array.isArray(r.hits) || typeof r.total !== "number") return UNAVAILABLE;
    return {
      total: r.total,
      hits: r.hits,
      facets: { type: r.facets?.type ?? {}, lang: r.facets?.lang ?? {} },
      suggestions: Array.isArray(r.suggestions) ? r.suggestions.filter((x) => typeof x === "string") : [],
      fallback: false,
    };
  }

  private loadFallback(): Promise<FallbackEntry[]> {
    if (!this.entries) {
      const url = this.fallbackURL;
      this.entries = url
        ? fetch(url.href, { credentials: "same-origin", redirect: "error", referrerPolicy: "no-referrer" })
            .then((res) => {
              if (!res.ok) throw new Error(`search-fallback.json: HTTP ${res.status}`);
              return res.json();
            })
            .then(toEntries)
        : Promise.reject(new Error("no search-fallback.json"));
      // A failed download may be tried again by the next search.
      this.entries.catch(() => {
        this.entries = null;
      });
    }
    return this.entries;
  }
}

const sources = new Map<string, Source>();

/** The source for an element's data-search-endpoint and data-search-fallback (shared per page). */
function sourceFor(root: Document, el: HTMLElement): Source {
  let cfg: DOMStringMap = el.dataset;
  if (cfg.searchEndpoint === undefined && cfg.searchFallback === undefined) {
    cfg = root.querySelector<HTMLElement>("[data-search-endpoint], [data-search-fallback]")?.dataset ?? cfg;
  }
  const endpoint = sameOrigin(root, cfg.searchEndpoint);
  const fallback = sameOrigin(root, cfg.searchFallback);
  const key = `${endpoint?.href ?? ""} ${fallback?.href ?? ""}`;
  let s = sources.get(key);
  if (!s) {
    s = new Source(root, endpoint, fallback);
    sources.set(key, s);
  }
  return s;
}

// --- DOM helpers -----------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(
  root: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = root.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Puts the endpoint's snippet HTML into target, keeping only text and <mark> elements (anything
 * else becomes its text). The HTML is parsed in an inert <template>: nothing in it runs or loads.
 */
function setSnippet(root: Document, target: HTMLElement, html: string): void {
  const tpl = root.createElement("template");
  tpl.innerHTML = html;
  const copy = (from: Node, to: Node): void => {
    from.childNodes.forEach((n) => {
      if (n.nodeType === Node.TEXT_NODE) {
        to.appendChild(root.createTextNode(n.textContent ?? ""));
      } else if (n.nodeType === Node.ELEMENT_NODE && (n as Element).localName === "mark") {
        const m = root.createElement("mark");
        copy(n, m);
        to.appendChild(m);
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        to.appendChild(root.createTextNode(n.textContent ?? ""));
      }
    });
  };
  copy(tpl.content, target);
}

function cleanQuery(s: string): string {
  return s.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY);
}

function countText(total: number, fallback: boolean): string {
  const s = str();
  const n = total === 0 ? s.hitsNone : total === 1 ? s.hitsOne : fill(s.hitsMany, { n: total });
  return fallback ? fill(s.inTitles, { hits: n }) : n;
}

/** Runs at most one search at a time: a new one aborts the one before. */
class Runner {
  private ctrl: AbortController | null = null;
  private timer = 0;

  constructor(private readonly source: Source) {}

  /** Runs query after delay ms, unless another run or cancel comes first. */
  schedule(query: Query, delay: number, done: (r: Result) => void, failed: (err: unknown) => void): void {
    this.cancel();
    this.timer = window.setTimeout(() => this.run(query, done, failed), delay);
  }

  run(query: Query, done: (r: Result) => void, failed: (err: unknown) => void): void {
    this.cancel();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.source.search(query, ctrl.signal).then(
      (r) => {
        if (this.ctrl === ctrl) done(r);
      },
      (err) => {
        if (this.ctrl === ctrl && !ctrl.signal.aborted) failed(err);
      },
    );
  }

  cancel(): void {
    window.clearTimeout(this.timer);
    this.ctrl?.abort();
    this.ctrl = null;
  }
}

// --- The search boxes: a combobox with suggestions -------------------------------------------

let boxes = 0;

function initBox(root: Document, form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>("input[name=q]");
  if (!input || form.dataset.searchReady) return;
  form.dataset.searchReady = "1";
  const source = sourceFor(root, form);
  const runner = new Runner(source);
  const id = `sok-forslag-${++boxes}`;

  const popup = el(root, "div", { class: "sok-forslag" });
  popup.hidden = true;
  const list = el(root, "div", { id, role: "listbox", "aria-label": str().suggestions });
  const empty = el(root, "p", { class: "sok-forslag-tom" });
  const note = el(root, "p", { class: "sok-forslag-merknad" }, str().fallbackNote);
  note.hidden = !source.degraded;
  source.onDegrade(() => {
    note.hidden = false;
  });
  popup.append(list, empty, note);
  const live = el(root, "p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  form.append(popup, live);
  form.classList.add("sok-boks");

  // role=combobox is not allowed on type=search (an implicit searchbox); the ARIA pattern's input is
  // a text field, with the keyboard's search key kept by enterkeyhint.
  input.type = "text";
  input.setAttribute("enterkeyhint", "search");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);

  let options: HTMLAnchorElement[] = [];
  let active = -1;
  let opening = false; // Enter is opening the active suggestion

  const setActive = (i: number): void => {
    options.forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const close = (): void => {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  };

  const open = (): void => {
    if (options.length === 0 && empty.hidden) return;
    popup.hidden = false;
    input.setAttribute("aria-expanded", String(options.length > 0));
  };

  // aria-busy while a search for what was typed is pending: the suggestions are about to change.
  const busy = (on: boolean): void => {
    if (on) list.setAttribute("aria-busy", "true");
    else list.removeAttribute("aria-busy");
  };

  const show = (q: string, r: Result): void => {
    busy(false);
    list.replaceChildren();
    options = r.hits.slice(0, SUGGESTIONS).map((h, i) => {
      const a = el(root, "a", { id: `${id}-${i}`, role: "option", href: h.url, tabindex: "-1", "aria-selected": "false" });
      if (h.lang) a.lang = h.lang;
      const type = el(root, "span", { class: "sok-forslag-type" }, typeLabel(h.type));
      for (const b of statusBadges(root, h)) type.append(" ", b);
      a.append(el(root, "span", { class: "sok-forslag-tittel" }, h.title), type);
      return a;
    });
    if (r.total === 0) {
      // "did you mean": each suggestion opens the search page with it
      for (const [i, sq] of r.suggestions.slice(0, 3).entries()) {
        const to = new URL(form.action, root.baseURI);
        to.search = new URLSearchParams({ q: sq }).toString();
        const a = el(root, "a", { id: `${id}-mente-${i}`, role: "option", href: to.pathname + to.search, tabindex: "-1", "aria-selected": "false", class: "sok-forslag-alle" });
        a.textContent = `${str().didYouMean} «${sq}»?`.trim();
        options.push(a);
      }
    }
    if (r.total > options.length) {
      const all = new URL(form.action, root.baseURI);
      all.search = new URLSearchParams({ q }).toString();
      const a = el(root, "a", { id: `${id}-alle`, role: "option", href: all.pathname + all.search, tabindex: "-1", "aria-selected": "false", class: "sok-forslag-alle" }, fill(str().showAll, { n: r.total }));
      options.push(a);
    }
    list.append(...options);
    list.hidden = options.length === 0;
    empty.hidden = r.total > 0;
    empty.textContent = r.total > 0 ? "" : fill(str().noneFor, { q });
    note.hidden = !r.fallback;
    setActive(-1);
    open();
    live.textContent = countText(r.total, r.fallback) + (options.length > 0 ? `. ${str().useArrows}` : ".");
  };

  const fail = (err: unknown): void => {
    busy(false);
    list.replaceChildren();
    options = [];
    list.hidden = true;
    empty.hidden = false;
    empty.textContent = err instanceof SearchError ? err.message : str().boxFailed;
    setActive(-1);
    open();
    live.textContent = empty.textContent;
  };

  const update = (): void => {
    const q = cleanQuery(input.value);
    if (q.length < MIN_CHARS) {
      runner.cancel();
      busy(false);
      options = [];
      list.replaceChildren();
      close();
      live.textContent = "";
      return;
    }
    busy(true);
    runner.schedule({ q, type: "", lang: "", page: 1, size: SUGGESTIONS }, TYPE_DELAY_MS, (r) => show(q, r), fail);
  };

  input.addEventListener("input", update);
  input.addEventListener("keydown", (e) => {
    if (e.isComposing) return;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (options.length === 0) return;
        e.preventDefault();
        if (popup.hidden) {
          open();
          setActive(e.key === "ArrowDown" ? 0 : options.length - 1);
          return;
        }
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
        return;
      }
      case "Enter":
        if (!popup.hidden && active >= 0) {
          e.preventDefault();
          const href = options[active].href;
          close();
          opening = true;
          window.setTimeout(() => (opening = false), 2000);
          root.location.assign(href);
        }
        return;
      case "Escape":
        // The first Esc closes the list, the next one empties the field.
        if (!popup.hidden) {
          e.preventDefault();
          close();
        } else if (input.value !== "") {
          e.preventDefault();
          input.value = "";
          update();
        }
        return;
    }
  });
  // Clicking a suggestion must not take the focus from the input first (the list would close).
  popup.addEventListener("mousedown", (e) => e.preventDefault());
  form.addEventListener("focusout", (e) => {
    if (!(e.relatedTarget instanceof Node) || !form.contains(e.relatedTarget)) close();
  });
  input.addEventListener("focus", () => {
    if (options.length > 0 && cleanQuery(input.value).length >= MIN_CHARS) open();
  });
  form.addEventListener("submit", (e) => {
    // The Enter that opened a suggestion must not also send the form (a keypress that arrives
    // separately from its keydown would).
    if (opening) {
      e.preventDefault();
      return;
    }
    runner.cancel();
    busy(false);
    close();
  });
  // A page kept for the back button comes back without the list open.
  root.defaultView?.addEventListener("pagehide", close);
}

// --- The search page ---------------------------------------------------------------------------

function initPage(root: Document, page: HTMLElement): void {
  const form = page.querySelector<HTMLFormElement>("form");
  const input = page.querySelector<HTMLInputElement>("input[data-samvirke-query]");
  const results = page.querySelector<HTMLElement>("[data-search-results]");
  const status = page.querySelector<HTMLElement>("[data-search-status]");
  const notice = page.querySelector<HTMLElement>("[data-search-notice]");
  if (!form || !input || !results || !status || page.dataset.searchReady) return;
  page.dataset.searchReady = "1";
  const source = sourceFor(root, page);
  const runner = new Runner(source);
  const none = page.querySelector<HTMLElement>("[data-search-none]");
  const didYouMean = page.querySelector<HTMLElement>("[data-search-didyoumean]");
  const suggestionList = page.querySelector<HTMLElement>("[data-search-suggestions]");

  /** Shows or hides the block for a search that found nothing, with its suggestions as links. */
  const showNone = (r: Result | null): void => {
    if (!none) return;
    none.hidden = r === null || r.total > 0;
    if (!didYouMean || !suggestionList) return;
    suggestionList.replaceChildren();
    const sugg = r && r.total === 0 ? r.suggestions : [];
    sugg.forEach((sq, i) => {
      if (i > 0) suggestionList.append(", ");
      const to = new URL(form.action, root.baseURI);
      to.search = new URLSearchParams({ q: sq }).toString();
      suggestionList.append(el(root, "a", { href: to.pathname + to.search }, sq));
    });
    didYouMean.hidden = sugg.length === 0;
  };

  const showNotice = (): void => {
    if (!notice) return;
    notice.textContent = str().fallbackNote;
    notice.hidden = false;
  };
  if (source.degraded) showNotice();
  source.onDegrade(showNotice);

  let query: Query = { q: "", type: "", lang: "", page: 1, size: PAGE_SIZE };
  let shown = 0;
  let announceTimer = 0;

  const announce = (msg: string): void => {
    // Cleared first, so that the same count after another query is announced again.
    window.clearTimeout(announceTimer);
    status.textContent = "";
    announceTimer = window.setTimeout(() => {
      status.textContent = msg;
    }, 100);
  };

  const hitItem = (h: Hit, fallback: boolean): HTMLLIElement => {
    const li = el(root, "li");
    const h3 = el(root, "h3", { class: "sok-treff-tittel" });
    const a = el(root, "a", { href: h.url }, h.title);
    if (h.lang) a.lang = h.lang;
    h3.append(a);
    const type = el(root, "p", { class: "sok-treff-type" }, typeLabel(h.type));
    for (const b of statusBadges(root, h)) type.append(" ", b);
    li.append(h3, type);
    if (h.snippet) {
      const p = el(root, "p", { class: "sok-treff-utdrag" });
      if (h.lang) p.lang = h.lang;
      if (fallback) p.textContent = h.snippet;
      else setSnippet(root, p, h.snippet);
      li.append(p);
    }
    return li;
  };

  const facetGroup = (name: "type" | "lang", legend: string, counts: Record<string, number>, current: string): HTMLFieldSetElement | null => {
    const values = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
    if (values.length < 2 && !current) return null;
    const fs = el(root, "fieldset", { class: "sok-fasett" });
    fs.append(el(root, "legend", {}, legend));
    const all = Object.values(counts).reduce((a, b) => a + b, 0);
    const label = name === "type" ? typeLabel : langLabel;
    for (const v of ["", ...values]) {
      const id = `sok-${name}-${v || "alle"}`;
      const radio = el(root, "input", { type: "radio", name, value: v, id, form: form.id });
      radio.checked = v === current;
      const text = v ? `${label(v)} (${counts[v] ?? 0})` : fill(str().all, { n: all });
      const lab = el(root, "label", { for: id }, text);
      const row = el(root, "div", { class: "sok-fasett-valg" });
      row.append(radio, lab);
      fs.append(row);
    }
    return fs;
  };

  let list: HTMLOListElement | null = null;
  let more: HTMLButtonElement | null = null;

  const busy = (on: boolean): void => {
    if (on) results.setAttribute("aria-busy", "true");
    else results.removeAttribute("aria-busy");
  };

  const render = (r: Result): void => {
    busy(false);
    const focused = root.activeElement instanceof HTMLInputElement && root.activeElement.type === "radio" ? root.activeElement.id : "";
    const section = el(root, "section", { class: "sok-resultat", "aria-labelledby": "sok-resultat-overskrift" });
    const heading = el(root, "h2", { id: "sok-resultat-overskrift" }, fill(str().hitsFor, { hits: countText(r.total, r.fallback), q: query.q }));
    section.append(heading);
    const facets = el(root, "div", { class: "sok-fasetter" });
    const types = facetGroup("type", str().facetType, r.facets.type, query.type);
    const langs = facetGroup("lang", str().facetLang, r.facets.lang, query.lang);
    if (types) facets.append(types);
    if (langs) facets.append(langs);
    if (types || langs) section.append(facets);
    if (r.hits.length > 0) {
      list = el(root, "ol", { class: "sok-treff" });
      list.append(...r.hits.map((h) => hitItem(h, r.fallback)));
      section.append(list);
    } else {
      list = null;
      section.append(el(root, "p", { class: "sok-ingen" }, str().noResults));
    }
    shown = r.hits.length;
    more = el(root, "button", { type: "button", class: "secondary sok-flere" });
    more.addEventListener("click", loadMore);
    section.append(more);
    updateMore(r.total);
    results.replaceChildren(section);
    showNone(r);
    if (focused) root.getElementById(focused)?.focus();
    announce(countText(r.total, r.fallback) + ".");
  };

  const updateMore = (total: number): void => {
    if (!more) return;
    more.hidden = shown >= total;
    more.textContent = fill(str().showMore, { shown, total });
  };

  const fail = (err: unknown): void => {
    busy(false);
    const section = el(root, "section", { class: "sok-resultat", "aria-labelledby": "sok-resultat-overskrift" });
    const msg = err instanceof SearchError ? err.message : str().pageFailed;
    section.append(el(root, "h2", { id: "sok-resultat-overskrift" }, str().errorHeading), el(root, "p", { class: "sok-feil" }, msg));
    results.replaceChildren(section);
    showNone(null);
    list = null;
    more = null;
    announce(msg);
  };

  function loadMore(): void {
    if (!list || !more) return;
    const next: Query = { ...query, page: Math.floor(shown / query.size) + 1 };
    more.disabled = true;
    runner.run(
      next,
      (r) => {
        if (!list || !more) return;
        more.disabled = false;
        const items = r.hits.map((h) => hitItem(h, r.fallback));
        list.append(...items);
        shown += items.length;
        if (items.length === 0) shown = r.total; // the index changed under us: stop here
        updateMore(r.total);
        // Keyboard users continue at the first new result.
        items[0]?.querySelector("a")?.focus();
        announce(fill(str().showing, { shown, total: r.total }));
      },
      (err) => {
        if (more) more.disabled = false;
        announce(err instanceof SearchError ? err.message : str().moreFailed);
      },
    );
  }

  const search = (delay: number): void => {
    const q = cleanQuery(input.value);
    if (q === "") {
      runner.cancel();
      busy(false);
      query = { ...query, q: "" };
      results.replaceChildren();
      showNone(null);
      status.textContent = "";
      return;
    }
    if (q.length < MIN_CHARS && delay > 0) return; // wait for more while typing
    query = { ...query, q, page: 1 };
    busy(true);
    if (delay > 0) runner.schedule(query, delay, render, fail);
    else runner.run(query, render, fail);
  };

  input.addEventListener("input", () => search(TYPE_DELAY_MS));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    search(0);
  });
  results.addEventListener("change", (e) => {
    const t = e.target;
    if (!(t instanceof HTMLInputElement) || t.type !== "radio") return;
    if (t.name === "type") query = { ...query, type: t.value };
    else if (t.name === "lang") query = { ...query, lang: t.value };
    else return;
    search(0);
  });

  // A query in the address (the form was sent, or a link to /sok/?q=…): keep the results the
  // server put in; without them (static hosting), search here.
  const params = new URLSearchParams(root.location.search);
  const serverResults = results.querySelector(".sok-resultat") !== null;
  if (!input.value && params.get("q")) input.value = cleanQuery(params.get("q") ?? "");
  query = { ...query, type: /^[a-z0-9-]{0,32}$/.test(params.get("type") ?? "") ? (params.get("type") ?? "") : "" };
  query = { ...query, lang: /^[a-z0-9-]{0,32}$/.test(params.get("lang") ?? "") ? (params.get("lang") ?? "") : "" };
  if (!serverResults && cleanQuery(input.value) !== "") search(0);
}

export function initSearch(root: Document): void {
  S = loadStrings(root);
  if (!S) return; // no texts: the search forms stay plain forms
  root.querySelectorAll<HTMLFormElement>("form[data-search-box]").forEach((f) => initBox(root, f));
  root.querySelectorAll<HTMLElement>("[data-search-page]").forEach((p) => initPage(root, p));
}
