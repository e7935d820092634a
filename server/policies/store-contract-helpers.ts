import 'server-only';
import type { AuditEntry } from '@/lib/schemas/policy';
import { expect } from 'vitest';
import { PolicySpec, type PolicyWrite } from '@/lib/schemas/policy';
import type { PolicyStore } from './port';

/** Small builders the store contract and the store-specific tests share. */
export const ALICE = 'alice';
export const spec = (service: string, ratePerSecond = 50): PolicySpec =>
  PolicySpec.parse({ target: { kind: 'service', service }, rateLimit: { ratePerSecond, burst: 100 } });
export const put = (s: PolicyStore, service: string, expectedVersion: number, rate = 50, extra: Partial<PolicyWrite> = {}) =>
  s.write(`service:${service}`, { spec: spec(service, rate), expectedVersion, reason: `set ${service} to ${rate}/s`, ...extra }, ALICE);

export async function rejection<E extends Error>(p: Promise<unknown>, cls: new (...a: never[]) => E): Promise<E> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(cls);
    return err as E;
  }
  throw new Error(`expected a ${cls.name}`);
}

/** Every audit entry, newest first, paging through the store's 1,000-entry limit (the crash test writes more). */
export async function allAudit(s: PolicyStore, policyId?: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (;;) {
    const page = await s.audit({ limit: 1000, ...(policyId ? { policyId } : {}), ...(out.length ? { before: out.at(-1)!.revision } : {}) });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

