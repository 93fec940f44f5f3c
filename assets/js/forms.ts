// Forms to fill in and print (/skjema/…, layouts/skjema/single.html).
//
// The page works without this module: it prints as a blank form to fill in by hand. With it, the
// worker fills it in on screen and prints it (or saves it as PDF): a textarea's whole text prints
// (a print-only copy, since browsers clip a textarea to its box), the print shows the day it was
// printed, «Tøm skjemaet» clears every field, and the browser asks before a filled-in form is
// left.
//
// Privacy: the fields are not in a <form>, so nothing can be submitted; this module writes nothing
// to cookies or web storage and makes no network requests. What is typed lives in the tab only.

import { formatDate, monthsOf, today } from "./guide";

type Field = HTMLInputElement | HTMLTextAreaElement;

export function initForms(root: Document): void {
  root.querySelectorAll<HTMLElement>("[data-form]").forEach((form) => {
    const page = form.closest("article") ?? root.body;
    const fields = Array.from(form.querySelectorAll<Field>("[data-form-field]"));
    const toolbar = page.querySelector<HTMLElement>("[data-form-toolbar]");
    const dateEl = page.querySelector<HTMLElement>("[data-form-print-date]");
    const win = root.defaultView;

    const mirror = (f: Field) => {
      if (!(f instanceof HTMLTextAreaElement)) return;
      const copy = form.querySelector<HTMLElement>(`[data-form-mirror="${f.id}"]`);
      if (copy) copy.textContent = f.value;
    };
    const setDate = () => {
      if (dateEl) dateEl.textContent = `${dateEl.dataset.label ?? ""} ${formatDate(today(), monthsOf(dateEl))}`.trim();
    };
    const filled = () => fields.some((f) => (f instanceof HTMLInputElement && (f.type === "checkbox" || f.type === "radio") ? f.checked : f.value.trim() !== ""));

    fields.forEach((f) => f.addEventListener("input", () => mirror(f)));
    page.querySelector("[data-form-print]")?.addEventListener("click", () => {
      setDate();
      win?.print();
    });
    const clear = page.querySelector<HTMLElement>("[data-form-clear]");
    clear?.addEventListener("click", () => {
      if (filled() && !win?.confirm(clear.dataset.confirm ?? "")) return;
      fields.forEach((f) => {
        if (f instanceof HTMLInputElement && (f.type === "checkbox" || f.type === "radio")) f.checked = false;
        else f.value = "";
        mirror(f);
      });
      fields[0]?.focus();
    });
    win?.addEventListener("beforeprint", setDate);
    win?.addEventListener("beforeunload", (e) => {
      if (filled()) {
        e.preventDefault();
        e.returnValue = "";
      }
    });
    // Whatever the browser restored into the fields (back button) prints too.
    fields.forEach(mirror);
    setDate();
    if (toolbar) toolbar.hidden = false;
  });
}
