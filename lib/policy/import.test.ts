import { describe, expect, it } from 'vitest';
import { PolicySpec } from '../schemas/policy';
import { detectFormat, parseImport } from './import';

const svc = PolicySpec.parse({ target: { kind: 'service', service: 'payments' }, rateLimit: { ratePerSecond: 5, burst: 10 } });
const edge = PolicySpec.parse({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: {} });

describe('detectFormat', () => {
  it('tells our export, spec arrays and Sentinel arrays apart, and nothing else', () => {
    expect(detectFormat({ format: 'switchyard-policies/v1', policies: [] })).toBe('switchyard');
    expect(detectFormat([svc])).toBe('switchyard');
    expect(detectFormat([{ resource: 'a', count: 1 }])).toBe('sentinel-flow');
    expect(detectFormat([{ resource: 'a', count: 1, timeWindow: 5 }])).toBe('sentinel-degrade');
    expect(detectFormat([{ resource: 'a', count: 1 }, { resource: 'a', timeWindow: 5 }])).toBe('sentinel-flow');
    expect(detectFormat([])).toBeNull();
    expect(detectFormat({ policies: [] })).toBeNull();
    expect(detectFormat([{ name: 'x' }])).toBeNull();
  });
});

describe('parseImport', () => {
  it('reads our export and a bare spec array, reporting bad entries and duplicates by position', () => {
    const exp = parseImport({ format: 'switchyard-policies/v1', exportedAt: 'x', policies: [{ spec: svc }, { spec: { target: svc.target } }, { spec: edge }, { spec: svc }] });
    expect(exp.drafts.map((d) => d.id)).toEqual(['service:payments', 'edge:checkout>payments']);
    expect(exp.problems).toEqual([
      { source: 'policies[1].spec', field: 'circuitBreaker', message: 'circuitBreaker: a policy needs a circuitBreaker or a rateLimit' },
      { source: 'policies[3].spec', field: 'target', message: 'service:payments appears more than once; the first one is imported' },
    ]);
    const bare = parseImport([edge, { target: { kind: 'service', service: 'x' }, rateLimit: { ratePerSecond: 0, burst: 1 } }]);
    expect(bare.drafts.map((d) => d.spec)).toEqual([edge]);
    expect(bare.problems).toMatchObject([{ source: '[1]', field: 'rateLimit.ratePerSecond' }]);
  });

  it('splits a mixed Sentinel array by each rule’s fields, attaching refusals to the policy they belong to', () => {
    const r = parseImport([
      { resource: 'payments', count: 10 },
      { resource: 'payments', grade: 2, count: 3, timeWindow: 10 },
      { resource: 'payments', grade: 1, count: 0.5, timeWindow: 10 },
      { resource: 'cart', grade: 0, count: 10 },
      { resource: 'bad name!', count: 1 },
    ]);
    expect(r.format).toBe('sentinel-flow');
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({ id: 'service:payments', spec: { rateLimit: { ratePerSecond: 10 }, circuitBreaker: { failureRateThreshold: 0.5 } } });
    expect(r.drafts[0]!.problems).toEqual([{ source: 'degrade rule 0 (payments)', field: 'grade', message: expect.stringMatching(/exception count/) }]);
    expect(r.problems.map((p) => [p.source, p.field])).toEqual([
      ['flow rule 1 (cart)', 'grade'],
      ['flow rule 2 (bad name!)', 'resource'],
    ]);
  });

  it('takes every rule as the named kind when the format is given, and refuses data of no known shape', () => {
    const forced = parseImport([{ resource: 'payments', grade: 1, count: 0.5, timeWindow: 10 }], 'sentinel-flow');
    expect(forced.drafts[0]!.spec.rateLimit).toMatchObject({ ratePerSecond: 0.5, burst: 1 });
    expect(() => parseImport({ hello: 1 })).toThrow(/^data: expected/);
    expect(() => parseImport({ a: 1 }, 'sentinel-degrade')).toThrow(/must be a JSON array/);
  });
});
