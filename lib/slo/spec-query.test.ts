import { describe, expect, it } from 'vitest';
import { parseSelector, windowedQuery } from './spec-query';
import { percentToRatio, promDurationDays, sanitizeLabelName, slugify } from './spec-values';

const W = '{{.window}}';

describe('windowedQuery', () => {
  it('keeps a query that already has the placeholder', () => {
    expect(windowedQuery(` sum(rate(x[${W}])) `, { counter: undefined })).toEqual({ query: `sum(rate(x[${W}]))` });
  });

  it('moves one rate()/increase() range to the window, every occurrence', () => {
    expect(windowedQuery('sum(rate(a{code=~"5.."}[5m])) + sum(increase(b[5m] offset 1h))', { counter: true })).toEqual({
      query: `sum(rate(a{code=~"5.."}[${W}])) + sum(increase(b[${W}] offset 1h))`,
    });
    expect(windowedQuery('sum by (job) (rate(x[1h30m]))', { counter: undefined })).toEqual({ query: `sum by (job) (rate(x[${W}]))` });
  });

  it('ignores brackets inside strings and comments', () => {
    expect(windowedQuery('sum(rate(x{path=~"/a[0-9]+"}[10m])) # [1h] note', { counter: true })).toEqual({
      query: `sum(rate(x{path=~"/a[0-9]+"}[${W}])) # [1h] note`,
    });
  });

  it('wraps the bare selector of a counter', () => {
    expect(windowedQuery('http_requests_total{code="200"}', { counter: true })).toEqual({ query: `sum(rate(http_requests_total{code="200"}[${W}]))` });
  });

  it('refuses what it cannot rewrite faithfully, saying why', () => {
    const err = (q: string, counter?: boolean) => {
      const r = windowedQuery(q, { counter });
      return 'error' in r ? r.error : `rewrote to ${r.query}`;
    };
    expect(err('http_requests_total', false)).toMatch(/without counter: true/);
    expect(err('sum(x) / sum(y)')).toMatch(/no range selector/);
    expect(err('sum(rate(a[5m])) / sum(rate(b[1h]))')).toMatch(/mixes ranges \[5m\] and \[1h\]/);
    expect(err('sum(avg_over_time(a[5m]))')).toMatch(/in avg_over_time\(\)/);
    expect(err('sum(rate(a[5m:1m]))')).toMatch(/subquery/);
    expect(err('a[5m]')).toMatch(/in no function/);
  });
});

describe('parseSelector', () => {
  it('reads a name and its matchers, unquoting values', () => {
    expect(parseSelector('http_requests_total{job="api", code=~"5..",le=\'0.5\',path!="a\\"b"}')).toEqual({
      name: 'http_requests_total',
      matchers: [
        { label: 'job', op: '=', value: 'api' },
        { label: 'code', op: '=~', value: '5..' },
        { label: 'le', op: '=', value: '0.5' },
        { label: 'path', op: '!=', value: 'a"b' },
      ],
    });
    expect(parseSelector('up')).toEqual({ name: 'up', matchers: [] });
    expect(parseSelector('{job="x",}')).toEqual({ name: null, matchers: [{ label: 'job', op: '=', value: 'x' }] });
  });

  it('returns null for anything that is not a plain selector', () => {
    for (const q of ['rate(x[5m])', 'x{job="a" code="b"}', 'x{job=a}', '', 'x + y', 'x{']) expect(parseSelector(q), q).toBeNull();
  });
});

describe('spec values', () => {
  it('turns percents into the ratio the author meant', () => {
    expect(percentToRatio(99.9)).toBe(0.999);
    expect(percentToRatio(99.95)).toBe(0.9995);
    expect(percentToRatio(97)).toBe(0.97);
    expect(percentToRatio(99.99)).toBe(0.9999);
  });

  it('counts whole days of a Prometheus duration', () => {
    expect(promDurationDays('28d')).toBe(28);
    expect(promDurationDays('2w')).toBe(14);
    expect(promDurationDays('1w3d')).toBe(10);
    expect(promDurationDays('720h')).toBe(30);
    expect(promDurationDays('1h')).toMatch(/whole number of days/);
    expect(promDurationDays('a month')).toMatch(/not a duration/);
  });

  it('makes ids and label names', () => {
    expect(slugify('My Service_requests.availability')).toBe('my-service-requests-availability');
    expect(slugify(`--${'a'.repeat(70)}`)).toBe('a'.repeat(63));
    expect(slugify(`${'a'.repeat(62)}-b`)).toBe('a'.repeat(62));
    expect(sanitizeLabelName('app.kubernetes.io/team')).toBe('app_kubernetes_io_team');
    expect(sanitizeLabelName('1st')).toBe('_1st');
  });
});
