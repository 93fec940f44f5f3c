// Text filter for lists such as the legal registry (/lovverk/).
//
// Markup (layouts/lovverk/list.html): a box [data-filter="LIST-ID"] rendered with the hidden
// attribute, holding an <input type="search"> and a [data-filter-status] live region with the
// messages in data-count ("… {n} … {total} …") and data-none. The list #LIST-ID holds
// [data-filter-item] elements, optionally inside [data-filter-group] sections.
//
// Without JS the box stays hidden (no dead control) and the whole list shows. With JS the box
// appears; typing narrows the list to the items containing what was typed (see matchItems), hides
// groups left empty, and announces the count politely.

const ANNOUNCE_DELAY_MS = 500;

export function initFilters(root: Document): void {
  root.querySelectorAll<HTMLElement>("[data-filter]").forEach((box) => initFilter(root, box));
}

/** Lower-cases and keeps letters, digits, § and hyphens; everything else becomes one space. */
export function normalize(s: string): string {
  return s
    .toLocaleLowerCase("nb")
    .replace(/[^\p{L}\p{N}§-]+/gu, " ")
    .trim();
}

/**
 * Which items match the query. Items containing the query as a phrase (also with spaces and
 * punctuation ignored, so "13b", "§ 13 b" and "7-2a" find their section) win; when none does,
 * items containing every word of the query match.
 */
export function matchItems(texts: string[], query: string): boolean[] {
  const q = normalize(query);
  if (!q) return texts.map(() => true);
  const norm = texts.map(normalize);
  const compact = (s: string): string => s.replace(/ /g, "");
  const cq = compact(q);
  const phrase = norm.map((t) => t.includes(q) || compact(t).includes(cq));
  if (phrase.some(Boolean)) return phrase;
  const words = q.split(" ");
  return norm.map((t) => words.every((w) => t.includes(w)));
}

function initFilter(root: Document, box: HTMLElement): void {
  const list = root.getElementById(box.dataset.filter ?? "");
  const input = box.querySelector<HTMLInputElement>("input[type=search]");
  const status = box.querySelector<HTMLElement>("[data-filter-status]");
  if (!list || !input || box.dataset.filterReady) return;
  box.dataset.filterReady = "1";
  const items = Array.from(list.querySelectorAll<HTMLElement>("[data-filter-item]"));
  const groups = Array.from(list.querySelectorAll<HTMLElement>("[data-filter-group]"));
  const texts = items.map((item) => item.textContent ?? "");
  let timer = 0;

  const apply = (): void => {
    const query = input.value;
    const ok = matchItems(texts, query);
    let shown = 0;
    items.forEach((item, i) => {
      item.hidden = !ok[i];
      if (ok[i]) shown++;
    });
    groups.forEach((g) => {
      g.hidden = g.querySelector("[data-filter-item]:not([hidden])") === null;
    });
    if (!status) return;
    window.clearTimeout(timer);
    const message = !normalize(query)
      ? ""
      : shown === 0
        ? (status.dataset.none ?? "")
        : (status.dataset.count ?? "{n} / {total}").replace("{n}", String(shown)).replace("{total}", String(items.length));
    // Wait until the user pauses, so a screen reader is not interrupted on every keystroke.
    timer = window.setTimeout(() => {
      status.textContent = message;
    }, ANNOUNCE_DELAY_MS);
  };

  input.addEventListener("input", apply);
  input.addEventListener("search", apply);
  box.hidden = false;
  if (input.value) apply(); // a value the browser restored on back navigation
}
