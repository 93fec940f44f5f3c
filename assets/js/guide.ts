// The interactive guide «6 trinn fra undring til handling» (/veiviser/).
//
// The page works without this module: layouts/veiviser/list.html renders every step in one <ol>.
// This module enhances that list in place: one step open at a time, checklists as checkboxes,
// steps markable as done, progress in a live region, notes per step, a deadline for step 1, and a
// print date. Every step keeps its anchor (#trinn-N).
//
// Privacy: everything the user enters (ticks, notes, the start date) lives only in this tab's
// memory and DOM. Nothing is written to localStorage, sessionStorage, cookies or IndexedDB, and
// nothing is sent anywhere: this module makes no network requests. «Lagre framdriften som fil»
// hands the progress to the browser as a download (a blob: URL made in the tab), so it is saved
// only where the worker chooses; «Åpne lagret fil» reads such a file back with the File API.

export function initGuide(root: Document): void {
  root.querySelectorAll<HTMLElement>("[data-guide-deadline]").forEach(initDeadline);
  const guide = root.querySelector<HTMLElement>("[data-guide]");
  if (guide) new Stepper(root, guide).start();
}

// --- dates -----------------------------------------------------------------------------------

/** A calendar date without a time of day or a time zone. */
export interface CalendarDate {
  y: number;
  m: number; // 1–12
  d: number;
}

/** Parses "YYYY-MM-DD" (the value of <input type="date">); null when it is not a real date. */
export function parseISODate(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const back = fromUTC(toUTC(date, 0));
  return back.y === date.y && back.m === date.m && back.d === date.d ? date : null;
}

/** The date `days` calendar days after `date`. Pure calendar arithmetic on UTC midnights, so
 * daylight saving time and the user's time zone cannot shift the result by a day. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUTC(toUTC(date, days));
}

function toUTC(date: CalendarDate, plusDays: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(date.y, date.m - 1, date.d + plusDays); // setUTCFullYear keeps years < 100 as they are
  return t;
}

function fromUTC(t: Date): CalendarDate {
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Today in the user's own time zone. */
export function today(): CalendarDate {
  const t = new Date();
  return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate() };
}

/** "7. desember 2026" with the month names given by the page (data-months). */
export function formatDate(date: CalendarDate, months: string[]): string {
  const name = months[date.m - 1];
  return name ? `${date.d}. ${name} ${date.y}` : isoDate(date);
}

export function isoDate(date: CalendarDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

/**
 * The month names of the element's data-months (rendered by the template from i18n's locale data
 * in the page's language); [] when they are missing, and formatDate then writes an ISO date.
 */
export function monthsOf(el: Element | null): string[] {
  const names = (el?.getAttribute("data-months") ?? "").split(",").map((s) => s.trim());
  return names.length === 12 && names.every((n) => n !== "") ? names : [];
}

// --- step 1: the date two weeks after the wondering started ----------------------------------

/** Whether a is before b. */
export function before(a: CalendarDate, b: CalendarDate): boolean {
  return isoDate(a) < isoDate(b);
}

function initDeadline(box: HTMLElement): void {
  const input = box.querySelector<HTMLInputElement>("[data-guide-deadline-input]");
  const out = box.querySelector<HTMLElement>("[data-guide-deadline-result]");
  const days = Number(box.dataset.days);
  if (!input || !out || !Number.isFinite(days)) return;
  const doc = box.ownerDocument;
  const months = monthsOf(box);
  const step = box.closest<HTMLElement>("[data-guide-step]")?.dataset.guideStep ?? "1";
  // The steps that count from this step's period (deadline_from: N) show the same date.
  const refs = Array.from(doc.querySelectorAll<HTMLElement>(`[data-guide-deadline-ref="${step}"]`));
  const dated = (end: CalendarDate) => {
    const time = doc.createElement("time");
    time.dateTime = isoDate(end);
    time.textContent = formatDate(end, months);
    const strong = doc.createElement("strong");
    strong.append(time);
    return strong;
  };
  const update = () => {
    const start = parseISODate(input.value);
    out.textContent = "";
    out.classList.remove("is-passed");
    refs.forEach((r) => {
      r.textContent = "";
      r.hidden = true;
      r.classList.remove("is-passed");
    });
    if (!start) return;
    const end = addDays(start, days);
    const passed = before(end, today());
    const label = (passed ? box.dataset.passed : box.dataset.label) ?? "";
    out.append(label ? `${label} ` : "", dated(end), ".");
    if (passed && box.dataset.passedNote) out.append(" ", box.dataset.passedNote);
    out.classList.toggle("is-passed", passed);
    refs.forEach((r) => {
      const text = (passed ? r.dataset.passed : r.dataset.label) ?? "";
      r.append(`${text.replace("{n}", step)} `, dated(end), ".");
      r.classList.toggle("is-passed", passed);
      r.hidden = false;
    });
  };
  input.addEventListener("input", update);
  input.addEventListener("change", update);
  box.hidden = false;
  update();
}

// --- the stepper -----------------------------------------------------------------------------

interface Step {
  n: number;
  el: HTMLElement;
  heading: HTMLElement | null;
  done: HTMLInputElement | null;
  nav: HTMLAnchorElement | null;
  navDone: HTMLElement | null;
  status: HTMLElement | null;
  note: HTMLTextAreaElement | null;
  notePrint: HTMLElement | null;
  noteText: HTMLElement | null;
}

/** The file «Lagre framdriften som fil» writes. */
export interface GuideFile {
  format: string;
  version: number;
  saved: string;
  start: string;
  current: number;
  steps: { n: number; done: boolean; checks: boolean[]; note: string }[];
}

const FILE_FORMAT = "samvirke-veiviser";
const FILE_VERSION = 1;
const MAX_FILE_BYTES = 1 << 20;

/** Whether v is a progress file this page can open (any other JSON is refused as a whole). */
export function isGuideFile(v: unknown): v is GuideFile {
  if (typeof v !== "object" || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    f.format === FILE_FORMAT &&
    f.version === FILE_VERSION &&
    typeof f.start === "string" &&
    typeof f.current === "number" &&
    Array.isArray(f.steps) &&
    f.steps.every((s: unknown) => {
      if (typeof s !== "object" || s === null) return false;
      const st = s as Record<string, unknown>;
      return (
        typeof st.n === "number" &&
        typeof st.done === "boolean" &&
        typeof st.note === "string" &&
        Array.isArray(st.checks) &&
        st.checks.every((c: unknown) => typeof c === "boolean")
      );
    })
  );
}

const CHECKED = "✓";
const UNCHECKED = "☐";

class Stepper {
  private readonly steps: Step[];
  private current = 0;
  private readonly progress: HTMLElement | null;

  constructor(
    private readonly doc: Document,
    private readonly guide: HTMLElement,
  ) {
    this.progress = guide.querySelector<HTMLElement>("[data-guide-progress]");
    this.steps = Array.from(guide.querySelectorAll<HTMLElement>("[data-guide-step]")).map((el) => {
      const n = Number(el.dataset.guideStep);
      const nav = guide.querySelector<HTMLAnchorElement>(`[data-guide-nav="${n}"]`);
      return {
        n,
        el,
        heading: el.querySelector<HTMLElement>(".guide-step-title"),
        done: el.querySelector<HTMLInputElement>("[data-guide-done]"),
        nav,
        navDone: nav?.querySelector<HTMLElement>("[data-guide-nav-done]") ?? null,
        status: el.querySelector<HTMLElement>("[data-guide-status]"),
        note: el.querySelector<HTMLTextAreaElement>("[data-guide-note]"),
        notePrint: el.querySelector<HTMLElement>("[data-guide-notes-print]"),
        noteText: el.querySelector<HTMLElement>("[data-guide-notes-text]"),
      };
    });
  }

  start(): void {
    if (this.steps.length === 0) return;
    const g = this.guide;
    g.classList.add("is-enhanced");
    g.querySelectorAll<HTMLElement>("[data-guide-toolbar], [data-guide-notes], [data-guide-controls]").forEach((el) => {
      el.hidden = false;
    });
    this.steps.forEach((s) => this.enhanceStep(s));

    // Nothing in the guide is ever submitted.
    g.querySelector("form")?.addEventListener("submit", (e) => e.preventDefault());

    g.querySelector("[data-guide-print]")?.addEventListener("click", () => {
      this.setPrintDate();
      this.doc.defaultView?.print();
    });
    const win = this.doc.defaultView;
    win?.addEventListener("beforeprint", () => this.setPrintDate());
    win?.addEventListener("hashchange", () => this.openFromHash(true));
    // Typed notes are lost when the page is left; let the browser ask first.
    win?.addEventListener("beforeunload", (e) => {
      if (this.steps.some((s) => (s.note?.value.trim() ?? "") !== "")) {
        e.preventDefault();
        e.returnValue = "";
      }
    });

    this.initFile();
    this.setPrintDate();
    if (!this.openFromHash(false)) this.show(0, false);
  }

  // --- save to a file and open it again ------------------------------------------------------

  private initFile(): void {
    const save = this.guide.querySelector<HTMLButtonElement>("[data-guide-save]");
    const open = this.guide.querySelector<HTMLButtonElement>("[data-guide-open]");
    const file = this.guide.querySelector<HTMLInputElement>("[data-guide-file]");
    save?.addEventListener("click", () => this.download(save.dataset.filename ?? "veiviser"));
    open?.addEventListener("click", () => file?.click());
    file?.addEventListener("change", () => {
      const f = file.files?.[0];
      file.value = "";
      if (f) void this.load(f);
    });
  }

  /** The progress as the file's content. */
  snapshot(): GuideFile {
    const start = this.guide.querySelector<HTMLInputElement>("[data-guide-deadline-input]");
    return {
      format: FILE_FORMAT,
      version: FILE_VERSION,
      saved: isoDate(today()),
      start: start?.value ?? "",
      current: this.steps[this.current]?.n ?? 1,
      steps: this.steps.map((s) => ({
        n: s.n,
        done: !!s.done?.checked,
        checks: Array.from(s.el.querySelectorAll<HTMLInputElement>(".guide-check")).map((c) => c.checked),
        note: s.note?.value ?? "",
      })),
    };
  }

  private download(name: string): void {
    const blob = new Blob([JSON.stringify(this.snapshot(), null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = this.doc.createElement("a");
    a.href = url;
    a.download = `${name}-${isoDate(today())}.json`;
    a.hidden = true;
    this.doc.body.append(a);
    a.click();
    a.remove();
    // The download has started from the blob; it is not needed any longer.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.status(this.guide.dataset.savedMessage ?? "", false);
  }

  private async load(f: File): Promise<void> {
    let data: unknown;
    try {
      if (f.size > MAX_FILE_BYTES) throw new Error("too large");
      data = JSON.parse(await f.text());
    } catch {
      this.status(this.guide.dataset.openError ?? "", true);
      return;
    }
    if (!isGuideFile(data)) {
      this.status(this.guide.dataset.openError ?? "", true);
      return;
    }
    this.apply(data);
    this.status(this.guide.dataset.openedMessage ?? "", false);
  }

  /** Puts a saved progress back into the page. */
  apply(data: GuideFile): void {
    for (const saved of data.steps) {
      const s = this.steps.find((x) => x.n === saved.n);
      if (!s) continue;
      Array.from(s.el.querySelectorAll<HTMLInputElement>(".guide-check")).forEach((c, i) => {
        c.checked = saved.checks[i] === true;
        c.dispatchEvent(new Event("change"));
      });
      if (s.done) s.done.checked = saved.done;
      if (s.note) {
        s.note.value = saved.note;
        this.mirrorNote(s);
      }
    }
    const start = this.guide.querySelector<HTMLInputElement>("[data-guide-deadline-input]");
    if (start) {
      start.value = parseISODate(data.start) ? data.start : "";
      start.dispatchEvent(new Event("input", { bubbles: true }));
    }
    this.updateDone();
    const i = this.steps.findIndex((s) => s.n === data.current);
    this.show(i >= 0 ? i : 0, false);
  }

  private status(text: string, error: boolean): void {
    const el = this.guide.querySelector<HTMLElement>("[data-guide-file-status]");
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("is-error", error);
  }

  private enhanceStep(s: Step): void {
    const id = s.el.id || `trinn-${s.n}`;
    if (s.heading) s.heading.tabIndex = -1;

    // The checklist becomes real checkboxes with labels; the print-only mark shows the state as
    // text (✓ or ☐), so a printout does not rely on how a browser prints a checkbox.
    s.el.querySelectorAll<HTMLElement>("[data-guide-checklist] > li").forEach((li, i) => {
      const box = this.doc.createElement("input");
      box.type = "checkbox";
      box.id = `${id}-sjekk-${i + 1}`;
      box.className = "guide-check";
      const mark = this.doc.createElement("span");
      mark.className = "print-only guide-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = UNCHECKED;
      const label = this.doc.createElement("label");
      label.htmlFor = box.id;
      label.append(...Array.from(li.childNodes));
      li.classList.add("guide-check-item");
      li.append(box, mark, label);
      box.addEventListener("change", () => {
        mark.textContent = box.checked ? CHECKED : UNCHECKED;
        li.classList.toggle("is-checked", box.checked);
      });
    });

    s.done?.addEventListener("change", () => this.updateDone());
    s.el.querySelector("[data-guide-next]")?.addEventListener("click", () => this.show(this.index(s) + 1, true));
    s.el.querySelector("[data-guide-prev]")?.addEventListener("click", () => this.show(this.index(s) - 1, true));
    s.nav?.addEventListener("click", (e) => {
      e.preventDefault();
      this.show(this.index(s), true);
    });
    s.note?.addEventListener("input", () => this.mirrorNote(s));
    this.updateStatus(s);
  }

  private index(s: Step): number {
    return this.steps.indexOf(s);
  }

  /** Opens the step named by the URL fragment (#trinn-N, or anything inside a step). */
  private openFromHash(focus: boolean): boolean {
    const hash = this.doc.location.hash.slice(1);
    if (!hash) return false;
    let target: HTMLElement | null = null;
    try {
      target = this.doc.getElementById(decodeURIComponent(hash));
    } catch {
      return false;
    }
    const stepEl = target?.closest<HTMLElement>("[data-guide-step]");
    const i = this.steps.findIndex((s) => s.el === stepEl);
    if (i < 0) return false;
    this.show(i, focus, false);
    if (!focus) target?.scrollIntoView();
    return true;
  }

  private show(i: number, focus: boolean, setHash = true): void {
    if (i < 0 || i >= this.steps.length) return;
    this.current = i;
    this.steps.forEach((s, j) => {
      s.el.hidden = j !== i;
      s.el.classList.toggle("is-current", j === i);
      if (j === i) s.nav?.setAttribute("aria-current", "step");
      else s.nav?.removeAttribute("aria-current");
    });
    const step = this.steps[i];
    if (setHash && focus) {
      // Keep the address in step with the open step, without adding history entries.
      this.doc.defaultView?.history.replaceState(null, "", `#${step.el.id}`);
    }
    this.updateProgress();
    if (focus) step.heading?.focus();
  }

  private updateDone(): void {
    this.steps.forEach((s) => this.updateStatus(s));
    this.updateProgress();
  }

  private updateStatus(s: Step): void {
    const done = !!s.done?.checked;
    s.el.classList.toggle("is-done", done);
    if (s.navDone) s.navDone.hidden = !done;
    if (s.status) {
      const text = done ? s.status.dataset.done : s.status.dataset.open;
      s.status.textContent = `${done ? CHECKED : UNCHECKED} ${text ?? ""}`;
    }
  }

  private updateProgress(): void {
    const p = this.progress;
    if (!p) return;
    const total = String(this.steps.length);
    const done = String(this.steps.filter((s) => s.done?.checked).length);
    const fill = (tpl: string | undefined) =>
      (tpl ?? "").replace("{n}", String(this.current + 1)).replace("{done}", done).replace("{total}", total);
    p.textContent = `${fill(p.dataset.current)}. ${fill(p.dataset.done)}.`;
  }

  private mirrorNote(s: Step): void {
    const text = s.note?.value ?? "";
    if (s.noteText) s.noteText.textContent = text;
    s.notePrint?.classList.toggle("is-empty", text.trim() === "");
  }

  private setPrintDate(): void {
    const el = this.guide.querySelector<HTMLElement>("[data-guide-print-date]");
    if (!el) return;
    const months = monthsOf(el);
    const date = today();
    el.textContent = `${el.dataset.label ?? ""} ${formatDate(date, months)}`.trim();
  }
}
