/** Code for a message: on one line, and at most `max` characters (cut with `...`). */
export function shortText(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
