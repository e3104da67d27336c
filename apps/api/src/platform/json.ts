/** The value of a stored or received JSON text; null for no text and for text that is not JSON. */
export function parseJsonOrNull(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
