// Samvirke test fixture: progressive enhancement only, no storage, no cookies.
document.documentElement.classList.add("js");
