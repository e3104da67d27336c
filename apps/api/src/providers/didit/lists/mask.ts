/**
 * List values are personal data (an e-mail address, a phone or document number): the screen shows just
 * enough to tell entries apart.
 */
export function maskListValue(entryType: string, value: string): string {
  const text = value.trim();
  if (entryType === 'email') {
    const at = text.lastIndexOf('@');
    if (at > 0) return `${text[0]}•••${text.slice(at)}`;
  }
  if (entryType === 'country') return text;
  const visible = text.length <= 4 ? 1 : Math.min(3, Math.floor(text.length / 4));
  return `${'•'.repeat(Math.max(3, text.length - visible))}${text.slice(-visible)}`;
}
