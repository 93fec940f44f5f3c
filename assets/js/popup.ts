// Accessible popups for citations and glossary terms.
//
// Without this module, a.law-link ({{< lov >}}) and a.term-link ({{< begrep >}}) are plain links to
// the provision or glossary page. With it, focusing or hovering such a link shows its summary
// (data-popup-title, data-popup, data-popup-note) in one shared tooltip next to the link:
//
// - role="tooltip", tied to the link with aria-describedby while it shows, so screen readers read
//   the summary after the link's name;
// - WCAG 1.4.13: Esc hides it without moving focus or the pointer (dismissible); the pointer can
//   move from the link onto the popup without it closing (hoverable); it stays until focus or the
//   pointer leaves, or Esc (persistent);
// - placed below the link (above when there is no room), never wider than the viewport, so it fits
//   at 320 CSS pixels; positioned through the CSSOM (allowed by the CSP; no style attributes in
//   the HTML) and CSS classes.
//
// Event delegation on the document, so links added later (decision-tree nodes) work too. Nothing
// is stored and nothing is requested.

const LINKS = "a.law-link[data-popup], a.term-link[data-popup]";
const POPUP_ID = "samvirke-popup";
const HIDE_DELAY_MS = 300; // time to move the pointer from the link onto the popup
const MARGIN = 8; // minimum distance from the viewport's edges, in CSS pixels
const GAP = 6; // between link and popup

const started = new WeakSet<Document>();

export function initPopups(root: Document): void {
  if (started.has(root)) return;
  started.add(root);
  new Popups(root).listen();
}

class Popups {
  private el: HTMLElement | null = null;
  private titleEl!: HTMLElement;
  private bodyEl!: HTMLElement;
  private noteEl!: HTMLElement;
  private current: HTMLAnchorElement | null = null; // the link the popup shows
  private focused: HTMLAnchorElement | null = null;
  private hovered: HTMLAnchorElement | null = null;
  private overPopup = false;
  private dismissed: HTMLAnchorElement | null = null; // hidden with Esc until focus/pointer leaves it
  private hideTimer = 0;

  constructor(private doc: Document) {}

  listen(): void {
    const d = this.doc;
    d.addEventListener("focusin", (e) => {
      const link = linkOf(e.target);
      if (!link) return;
      this.focused = link;
      this.show(link);
    });
    d.addEventListener("focusout", (e) => {
      const link = linkOf(e.target);
      if (!link || link !== this.focused) return;
      this.focused = null;
      if (this.dismissed === link && this.hovered !== link) this.dismissed = null;
      this.update(0);
    });
    d.addEventListener("mouseover", (e) => {
      if (this.el && e.target instanceof Node && this.el.contains(e.target)) {
        this.overPopup = true;
        this.cancelHide();
        return;
      }
      const link = linkOf(e.target);
      if (!link || link === this.hovered) return;
      this.hovered = link;
      this.show(link);
    });
    d.addEventListener("mouseout", (e) => {
      const to = e.relatedTarget instanceof Node ? e.relatedTarget : null;
      if (this.el && e.target instanceof Node && this.el.contains(e.target)) {
        if (to && this.el.contains(to)) return;
        this.overPopup = false;
        if (to && linkOf(to) === this.current) return;
        this.update(HIDE_DELAY_MS);
        return;
      }
      const link = linkOf(e.target);
      if (!link || link !== this.hovered || (to && link.contains(to))) return;
      this.hovered = null;
      if (this.dismissed === link && this.focused !== link) this.dismissed = null;
      this.update(HIDE_DELAY_MS);
    });
    d.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || !this.visible()) return;
      this.dismissed = this.current;
      this.hide();
    });
    const reposition = (): void => {
      if (this.current && this.visible()) this.position(this.current);
    };
    d.defaultView?.addEventListener("resize", reposition);
    d.defaultView?.addEventListener("scroll", reposition, { passive: true });
  }

  /** Shows the popup for the link that still has focus or the pointer, or hides it after delay. */
  private update(delay: number): void {
    const next = this.hovered ?? this.focused;
    if (next && next !== this.dismissed) {
      this.show(next);
      return;
    }
    if (this.overPopup) return;
    this.cancelHide();
    if (delay === 0) {
      this.hide();
      return;
    }
    this.hideTimer = window.setTimeout(() => {
      if (!this.overPopup && !this.hovered && !this.focused) this.hide();
    }, delay);
  }

  private cancelHide(): void {
    if (this.hideTimer) window.clearTimeout(this.hideTimer);
    this.hideTimer = 0;
  }

  private visible(): boolean {
    return this.el !== null && !this.el.hidden;
  }

  private ensure(): HTMLElement {
    if (this.el) return this.el;
    const d = this.doc;
    const el = d.createElement("div");
    el.id = POPUP_ID;
    el.className = "popup";
    el.setAttribute("role", "tooltip");
    el.hidden = true;
    this.titleEl = d.createElement("p");
    this.titleEl.className = "popup-title";
    this.bodyEl = d.createElement("p");
    this.bodyEl.className = "popup-body";
    this.noteEl = d.createElement("p");
    this.noteEl.className = "popup-note";
    el.append(this.titleEl, this.bodyEl, this.noteEl);
    d.body.append(el);
    this.el = el;
    return el;
  }

  private show(link: HTMLAnchorElement): void {
    this.cancelHide();
    if (link === this.dismissed) return;
    if (this.dismissed && this.dismissed !== link) this.dismissed = null;
    const el = this.ensure();
    if (this.current && this.current !== link) undescribe(this.current);
    this.current = link;
    this.titleEl.textContent = link.dataset.popupTitle ?? "";
    this.titleEl.hidden = !this.titleEl.textContent;
    const lang = link.getAttribute("lang");
    if (lang) this.titleEl.setAttribute("lang", lang);
    else this.titleEl.removeAttribute("lang");
    this.bodyEl.textContent = link.dataset.popup ?? "";
    this.noteEl.textContent = link.dataset.popupNote ?? "";
    this.noteEl.hidden = !this.noteEl.textContent;
    el.classList.toggle("popup-law", link.classList.contains("law-link"));
    el.classList.toggle("popup-term", link.classList.contains("term-link"));
    el.hidden = false;
    describe(link);
    this.position(link);
  }

  private hide(): void {
    this.cancelHide();
    if (this.current) undescribe(this.current);
    this.current = null;
    this.overPopup = false;
    if (this.el) this.el.hidden = true;
  }

  private position(link: HTMLAnchorElement): void {
    const el = this.el;
    const view = this.doc.defaultView;
    if (!el || !view) return;
    // A link can wrap over two lines: place the popup by the line the reader is at.
    const rects = link.getClientRects();
    const first = rects[0] ?? link.getBoundingClientRect();
    const last = rects[rects.length - 1] ?? first;
    const vw = this.doc.documentElement.clientWidth;
    const vh = view.innerHeight;
    el.classList.remove("popup-above");
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    let left = last.left;
    if (left + w > vw - MARGIN) left = vw - MARGIN - w;
    if (left < MARGIN) left = MARGIN;
    let top = last.bottom + GAP;
    if (top + h > vh - MARGIN && first.top - GAP - h >= MARGIN) {
      top = first.top - GAP - h;
      el.classList.add("popup-above");
    }
    el.style.left = `${Math.round(left + view.scrollX)}px`;
    el.style.top = `${Math.round(top + view.scrollY)}px`;
  }
}

function linkOf(t: EventTarget | null): HTMLAnchorElement | null {
  if (!(t instanceof Element)) return null;
  return t.closest<HTMLAnchorElement>(LINKS);
}

function describe(link: HTMLElement): void {
  const ids = (link.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  if (!ids.includes(POPUP_ID)) link.setAttribute("aria-describedby", [...ids, POPUP_ID].join(" "));
}

function undescribe(link: HTMLElement): void {
  const ids = (link.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id && id !== POPUP_ID);
  if (ids.length) link.setAttribute("aria-describedby", ids.join(" "));
  else link.removeAttribute("aria-describedby");
}
