import { greet } from "./greet";
const el: HTMLElement | null = document.querySelector("[data-greet]");
if (el) el.textContent = greet("verden");
