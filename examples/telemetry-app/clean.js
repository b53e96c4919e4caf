// Nothing here outlives a process: pure functions only.
export function label(event) {
  return `${event.type}@${new Date(event.at).toISOString()}`;
}
