import { describe, expect, it } from 'vitest';
import type { Slo } from '../schemas/slo';
import { parseSpecFile } from './parse-spec';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const doc = (indicator: string, over: { target?: string; window?: string; labels?: string } = {}) => `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: api-errors
  namespace: monitoring
  labels:
${over.labels ?? `    prometheus: k8s
    pyrra.dev/team: platform`}
spec:
  target: ${over.target ?? '"99.5"'}
  window: ${over.window ?? '4w'}
  description: API requests succeed.
  indicator:
${indicator}
`;

const RATIO = `    ratio:
      errors:
        metric: http_requests_total{job="api",code=~"5.."}
      total:
        metric: http_requests_total{job="api"}`;

const latency = (success: string, total: string) => `    latency:
      success:
        metric: ${success}
      total:
        metric: ${total}`;

describe('Pyrra ServiceLevelObjective', () => {
  it('maps a ratio indicator, its labels and the service from job', () => {
    expect(parseSpecFile('p.yaml', doc(RATIO))).toEqual({
      problems: [],
      slos: [
        {
          id: 'api-errors',
          name: 'api-errors',
          description: 'API requests succeed.',
          service: 'api',
          labels: { namespace: 'monitoring', team: 'platform' },
          objective: 0.995,
          window: { kind: 'rolling', days: 28 },
          indicator: {
            kind: 'ratio',
            bad: 'sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))',
            total: 'sum(rate(http_requests_total{job="api"}[{{.window}}]))',
          },
          alerting: { page: true, ticket: true, labels: {}, annotations: {} },
          source: { format: 'pyrra', file: 'p.yaml', index: 0 },
        },
      ] satisfies Slo[],
    });
  });

  it('turns a classic histogram latency SLO into a latency indicator', () => {
    const text = doc(latency('http_request_duration_seconds_bucket{job="api",code!~"5..",le="0.25"}', 'http_request_duration_seconds_count{code!~"5..", job="api"}'));
    expect(parseSpecFile('p.yaml', text).slos.map((s) => s.indicator)).toEqual([
      { kind: 'latency', histogram: 'http_request_duration_seconds', threshold: 0.25, matchers: ['job="api"', 'code!~"5.."'] },
    ]);
  });

  it('keeps other latency shapes as the ratio they measure', () => {
    const shapes = [
      // total narrower than success: not the same series set
      ['h_bucket{job="api",le="0.5"}', 'h_count{job="api",code="200"}'],
      // le written as 0.50: a generated le="0.5" would select nothing
      ['h_bucket{job="api",le="0.50"}', 'h_count{job="api"}'],
      // total from another histogram
      ['h_bucket{job="api",le="0.5"}', 'other_count{job="api"}'],
    ] as const;
    for (const [success, total] of shapes) {
      const { slos, problems } = parseSpecFile('p.yaml', doc(latency(success, total)));
      expect(problems).toEqual([]);
      expect(slos[0]!.indicator).toEqual({ kind: 'ratio', good: `sum(rate(${success}[{{.window}}]))`, total: `sum(rate(${total}[{{.window}}]))` });
    }
  });

  it('takes the service from pyrra.dev/service first, then a service matcher, then job', () => {
    const svc = (labels: string, total: string) =>
      parseSpecFile('p.yaml', doc(`    ratio:\n      errors:\n        metric: e_total\n      total:\n        metric: ${total}`, { labels })).slos[0]?.service;
    expect(svc('    pyrra.dev/service: billing', 't_total{service="web",job="api"}')).toBe('billing');
    expect(svc('    team: x', 't_total{service="web",job="api"}')).toBe('web');
    expect(svc('    team: x', 't_total{job=~"api|web",job="api"}')).toBe('api');
    const text = doc(`    ratio:\n      errors:\n        metric: e_total\n      total:\n        metric: t_total{job=~"api.*"}`);
    expect(parseSpecFile('p.yaml', text).problems).toEqual([
      { file: 'p.yaml', field: 'spec.indicator.ratio.total.metric', line: lineOf(text, 't_total'), message: expect.stringMatching(/cannot tell the service/) },
    ]);
  });

  it('names what it cannot use', () => {
    const cases: Array<[string, string, RegExp]> = [
      [doc(RATIO, { target: '"0.99"' }), 'spec.target', /is a percent: "0.99" means 0.99 %/],
      [doc(RATIO, { target: '"100"' }), 'spec.target', /above 0 and below 100/],
      [doc(RATIO, { window: '12h' }), 'spec.window', /whole number of days/],
      [doc(`${RATIO}\n      grouping: [route]`), 'spec.indicator.ratio.grouping', /one SLO per label value/],
      [doc('    latencyNative:\n      latency: 200ms\n      total: {metric: x}'), 'spec.indicator.latencyNative', /native-histogram/],
      [doc('    bool_gauge:\n      metric: probe_success'), 'spec.indicator.bool_gauge', /not events/],
      [doc(RATIO.replace('http_requests_total{job="api"}', 'sum(rate(x[5m]))')), 'spec.indicator.ratio.total.metric', /must be a metric selector/],
    ];
    for (const [text, field, message] of cases) {
      const { slos, problems } = parseSpecFile('p.yaml', text);
      expect(slos, field).toEqual([]);
      expect(problems, field).toEqual([{ file: 'p.yaml', field, line: expect.any(Number), message: expect.stringMatching(message) }]);
    }
  });

  it('maps alerting switches and names', () => {
    const text = `${doc(RATIO)}  alerting:\n    disabled: true\n    name: ApiBurn\n`;
    expect(parseSpecFile('p.yaml', text).slos[0]!.alerting).toEqual({ page: false, ticket: false, labels: {}, annotations: {}, name: 'ApiBurn' });
  });
});
