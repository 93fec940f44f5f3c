// Progressive enhancement for the samvirke portal. Every page works without this script; each
// module below looks for its own markers in the page and does nothing when they are absent.
// Nothing here stores anything: no cookies, no localStorage, no sessionStorage, no requests to
// other origins.

document.documentElement.classList.add("js");
