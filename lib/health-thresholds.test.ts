import { describe, expect, it } from 'vitest';
import { thresholdResolver, thresholdsFor } from './health-thresholds';
import { SwitchyardConfig } from './schemas/config';
import { compileServicePattern, servicePatternProblem } from './service-pattern';

const health = (h: unknown) => SwitchyardConfig.parse({ health: h }).health;
/** The config's problems as "path: message", as the BFF prints them at start-up. */
const problems = (h: unknown) => {
  const r = SwitchyardConfig.safeParse({ health: h });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const DEFAULTS = { errorRatioWarning: 0.001, errorRatioCritical: 0.1, p95WarningS: 0.5, p95CriticalS: 2 };

describe('service patterns', () => {
  it('globs match the whole name; * is any run, ? one character, the rest literal', () => {
    const g = compileServicePattern('payments-*');
    expect(['payments-', 'payments-eu', 'payments-eu-1'].filter((n) => g.test(n))).toHaveLength(3);
    expect(['payments', 'xpayments-eu', 'Payments-eu'].some((n) => g.test(n))).toBe(false);
    const q = compileServicePattern('db-?');
    expect(q.test('db-1')).toBe(true);
    expect(q.test('db-12')).toBe(false);
    // Regex characters in a glob are literal.
    expect(compileServicePattern('a.b(c)').test('a.b(c)')).toBe(true);
    expect(compileServicePattern('a.b(c)').test('axb(c)')).toBe(false);
    expect(compileServicePattern('we"ird\\svc').test('we"ird\\svc')).toBe(true);
  });

  it('/regex/flags matches anywhere unless anchored', () => {
    expect(compileServicePattern('/pay/').test('mypayments')).toBe(true);
    expect(compileServicePattern('/^pay/').test('mypayments')).toBe(false);
    expect(compileServicePattern('/^PAY/i').test('payments')).toBe(true);
  });

  it('says what is wrong with a bad pattern', () => {
    expect(servicePatternProblem('/pay(/')).toMatch(/^invalid regular expression: /);
    expect(servicePatternProblem('//')).toBe('regular expression is empty');
    expect(servicePatternProblem('/x/g')).toMatch(/flags "g" are not allowed/);
    expect(servicePatternProblem('')).toBe('pattern is empty');
    expect(servicePatternProblem('payments-*')).toBeNull();
  });
});

describe('health thresholds per service', () => {
  it('defaults to Kiali-like error thresholds without overrides', () => {
    const h = health({});
    expect(thresholdsFor('anything', h)).toEqual(DEFAULTS);
    expect(h.overrides).toEqual([]);
  });

  it('takes the first matching override, inheriting what it leaves unset from the global thresholds', () => {
    const h = health({
      errorRatioWarning: 0.01,
      overrides: [
        { match: 'payments-*', errorRatioCritical: 0.3 },
        { match: '/^payments/', p95WarningS: 1, p95CriticalS: 5 },
        { match: 'batch-?', p95WarningS: 30, p95CriticalS: 60, errorRatioWarning: 0.05 },
      ],
    });
    const global = { ...DEFAULTS, errorRatioWarning: 0.01 };
    expect(thresholdsFor('payments-eu', h)).toEqual({ ...global, errorRatioCritical: 0.3 });
    // "payments" is not matched by the glob (whole name), so the regex, second, applies.
    expect(thresholdsFor('payments', h)).toEqual({ ...global, p95WarningS: 1, p95CriticalS: 5 });
    expect(thresholdsFor('batch-7', h)).toEqual({ ...global, errorRatioWarning: 0.05, p95WarningS: 30, p95CriticalS: 60 });
    expect(thresholdsFor('batch-77', h)).toEqual(global);
    expect(thresholdsFor('checkout', h)).toEqual(global);
  });

  it('compiles once per config and answers the same object for the same rule', () => {
    const h = health({ overrides: [{ match: 'a*', errorRatioWarning: 0.02 }] });
    const r = thresholdResolver(h);
    expect(thresholdResolver(h)).toBe(r);
    expect(r('ab')).toBe(r('ac'));
  });

  it('rejects bad overrides with the field in the message', () => {
    expect(problems({ overrides: [{ match: '/pay(/', errorRatioWarning: 0.01 }] })).toEqual([
      expect.stringMatching(/^health\.overrides\.0\.match: invalid regular expression: /),
    ]);
    expect(problems({ overrides: [{ match: 'x', errorRatioWarning: 0.01 }, { match: 'y' }] })).toEqual([
      'health.overrides.1: sets no threshold (give at least one of errorRatioWarning, errorRatioCritical, p95WarningS, p95CriticalS)',
    ]);
    // A typo is named, not ignored (and the override then sets nothing, which is said too).
    expect(problems({ overrides: [{ match: 'x', errorRatioWarnign: 0.01 }] })).toContainEqual('health.overrides.0: Unrecognized key: "errorRatioWarnign"');
    expect(problems({ overrides: [{ match: 'x', errorRatioCritical: 1.5 }] })).toEqual([expect.stringMatching(/^health\.overrides\.0\.errorRatioCritical: /)]);
    // An override whose warning ends above the (inherited) critical threshold could never show "warning".
    expect(problems({ overrides: [{ match: 'x', errorRatioWarning: 0.2 }] })).toEqual(['health.overrides.0.errorRatioWarning: errorRatioWarning (0.2) is above errorRatioCritical (0.1)']);
    expect(problems({ p95WarningS: 3 })).toEqual(['health.p95WarningS: p95WarningS (3) is above p95CriticalS (2)']);
  });
});
