// Samvirke test fixture: progressive enhancement only, no storage, no cookies.
localStorage.x = 1;
