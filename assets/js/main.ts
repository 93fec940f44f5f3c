// Progressive enhancement for the samvirke portal. Every page works without this script; each
// module looks for its own markers in the page and does nothing when they are absent. Nothing
// here stores anything: no cookies, no localStorage, no sessionStorage, no requests to other
// origins.
import { initPopups } from "./popup";
import { initTrees } from "./tree";
import { initGuide } from "./guide";
import { initRelational } from "./relational";
import { initSearch } from "./search";
import { initFilters } from "./filter";
import { initMenu } from "./menu";
import { initForms } from "./forms";

document.documentElement.classList.add("js");

function start(): void {
  for (const init of [initMenu, initPopups, initTrees, initGuide, initRelational, initSearch, initFilters, initForms]) {
    try {
      init(document);
    } catch (err) {
      // One broken enhancement must not take the others down; the page still works without it.
      console.error(err);
    }
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
