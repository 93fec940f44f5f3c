// samvirke live reload: reloads the page when `samvirke serve` has rebuilt the site.
// Served only by the preview server; never part of a build.
(() => {
  "use strict";
  let build;
  const events = new EventSource("/_samvirke/events");
  events.addEventListener("reload", () => location.reload());
  // Sent on every (re)connection with the id of the build being served: a different id than on
  // the first connection means a rebuild happened while the stream was down (the laptop slept,
  // the server restarted), so the page is stale.
  events.addEventListener("hello", (event) => {
    if (build !== undefined && build !== event.data) {
      location.reload();
    }
    build = event.data;
  });
})();
