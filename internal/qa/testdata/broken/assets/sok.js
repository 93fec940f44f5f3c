// Broken fixture: remembers what the visitor types, only once they type.
document.getElementById("q").addEventListener("input", (e) => {
  sessionStorage.setItem("siste-sok", e.target.value);
});
