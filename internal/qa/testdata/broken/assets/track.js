// Broken fixture: keeps state about the visitor, which the privacy gate forbids.
document.cookie = "besok=1; path=/";
localStorage.setItem("sett", "1");
sessionStorage.setItem("okt", "1");
