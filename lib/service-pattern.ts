/**
 * Service-name patterns as operators write them in the config: a glob that must match the whole name
 * (`payments-*`; `*` is any run of characters, `?` exactly one, everything else literal), or a regular
 * expression between slashes with optional flags (`/^(pay|bill)-/i`) that matches anywhere in the name,
 * as JavaScript's RegExp#test does (anchor it with ^ and $ to match the whole name).
 */

/** Flags that keep RegExp#test stateless: "g" and "y" would make a match depend on the previous call. */
const FLAGS = /^[imsuv]*$/;
const REGEX_FORM = /^\/(.*)\/([a-z]*)$/s;

/** Compiles a pattern; throws an Error whose message says what is wrong with it. */
export function compileServicePattern(pattern: string): RegExp {
  if (pattern.length === 0) throw new Error('pattern is empty');
  const re = REGEX_FORM.exec(pattern);
  if (re) {
    const [, source = '', flags = ''] = re;
    if (source.length === 0) throw new Error('regular expression is empty');
    if (!FLAGS.test(flags)) throw new Error(`regular expression flags "${flags}" are not allowed (use i, m, s, u or v)`);
    try {
      return new RegExp(source, flags);
    } catch (err) {
      throw new Error(`invalid regular expression: ${(err as Error).message}`);
    }
  }
  const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'su');
}

/** Whether a pattern compiles; the problem as text, or null when it is fine. */
export function servicePatternProblem(pattern: string): string | null {
  try {
    compileServicePattern(pattern);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
