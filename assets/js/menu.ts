// The phone menu (layouts/_partials/header.html): a <details> element, which opens and closes by
// itself with and without JavaScript, by mouse, touch and keyboard. This module adds what people
// expect of a menu button: Escape closes the open menu and puts focus back on the button, and a
// click or focus outside the menu closes it.

export function initMenu(root: Document): void {
  root.querySelectorAll<HTMLDetailsElement>("details[data-site-menu]").forEach((menu) => {
    const summary = menu.querySelector<HTMLElement>("summary");
    if (!summary) return;
    menu.addEventListener("keydown", (e: KeyboardEvent) => {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        summary.focus();
        e.preventDefault();
      }
    });
    const closeOutside = (e: Event) => {
      if (menu.open && e.target instanceof Node && !menu.contains(e.target)) menu.open = false;
    };
    root.addEventListener("click", closeOutside);
    root.addEventListener("focusin", closeOutside);
  });
}
