export function greet(who: string): string {
  return `Hei, ${who}!`;
}
