import type { FieldChange } from '../schemas/policy';

/**
 * Field-level differences between two JSON values: one change per leaf whose value differs, with its
 * dotted path (`spec.rateLimit.burst`). Plain objects are walked; arrays and scalars are compared whole
 * (an instance list that changed is one change, not one per index shift). A side where the field does
 * not exist has `from` or `to` undefined, which JSON then omits: a created rate limit shows as its
 * fields appearing, a removed one as its fields disappearing. Sorted by path, so equal inputs always
 * give identical diffs.
 */
export function diffFields(from: unknown, to: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(from, to, '', out);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (isRecord(a) || isRecord(b)) {
    const left = isRecord(a) ? a : {};
    const right = isRecord(b) ? b : {};
    // A scalar (null, say) replaced by an object: the scalar is one change, the object's fields the rest.
    if (!isRecord(a) && a !== undefined) out.push(change(path, a, undefined));
    if (!isRecord(b) && b !== undefined) out.push(change(path, undefined, b));
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      walk(left[key], right[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (!sameJson(a, b)) out.push(change(path, a, b));
}

function change(path: string, from: unknown, to: unknown): FieldChange {
  const c: FieldChange = { path };
  if (from !== undefined) c.from = from;
  if (to !== undefined) c.to = to;
  return c;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON values (arrays by element, objects by key regardless of order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}
