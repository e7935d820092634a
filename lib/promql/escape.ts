/**
 * Escapes a value for a double-quoted PromQL string (label matcher values). PromQL strings follow Go
 * escaping: backslash, double quote and newlines must be escaped; everything else is literal.
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

/** Escapes a literal for use inside a PromQL regex matcher (=~), then as a PromQL string. */
export function escapeRegexValue(value: string): string {
  return escapeLabelValue(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** `name="value"` with the value escaped; the name is checked, since label names cannot be quoted here. */
export function matcher(name: string, value: string, op: '=' | '!=' | '=~' | '!~' = '='): string {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw new Error(`invalid label name: ${name}`);
  return `${name}${op}"${escapeLabelValue(value)}"`;
}
