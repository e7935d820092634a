import { describe, expect, it } from 'vitest';
import type { Slo } from '../schemas/slo';
import { parseSpecFile, parseSpecSet } from './parse-spec';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const slo = (over: { indicator?: string; window?: string; budgeting?: string; objectives?: string } = {}) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: Web.Availability
  displayName: Web availability
  labels:
    team: web
    app.kubernetes.io/part-of: shop
    tags: [a, b]
spec:
  description: Most requests succeed.
  service: web
${over.indicator ?? `  indicator:
    metadata:
      name: web-success
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="web",code!~"5.."}[5m]))
        total:
          metricSource:
            type: prometheus
            spec:
              query: sum(rate(http_requests_total{job="web"}[5m]))`}
  timeWindow:
${over.window ?? `    - duration: 28d
      isRolling: true`}
  budgetingMethod: ${over.budgeting ?? 'Occurrences'}
  objectives:
${over.objectives ?? `    - displayName: good
      targetPercent: 99.9`}
`;

describe('OpenSLO v1', () => {
  it('maps an SLO with an inline ratioMetric, moving the literal range to the window', () => {
    expect(parseSpecFile('o.yaml', slo())).toEqual({
      problems: [],
      slos: [
        {
          id: 'web-availability',
          name: 'Web availability',
          description: 'Most requests succeed.',
          service: 'web',
          labels: { team: 'web', app_kubernetes_io_part_of: 'shop', tags: 'a,b' },
          objective: 0.999,
          window: { kind: 'rolling', days: 28 },
          indicator: {
            kind: 'ratio',
            good: 'sum(rate(http_requests_total{job="web",code!~"5.."}[{{.window}}]))',
            total: 'sum(rate(http_requests_total{job="web"}[{{.window}}]))',
          },
          alerting: { page: true, ticket: true, labels: {}, annotations: {} },
          source: { format: 'openslo', file: 'o.yaml', index: 0 },
        },
      ] satisfies Slo[],
    });
  });

  it('finds an indicatorRef in another file, and a calendar month window', () => {
    const sli = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: web-errors
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        spec:
          query: http_requests_total{job="web",code=~"5.."}
    total:
      metricSource:
        spec:
          query: sum(increase(http_requests_total{job="web"}[{{.window}}]))
`;
    const text = slo({
      indicator: '  indicatorRef: web-errors',
      window: '    - duration: 1M\n      calendar:\n        startTime: 2024-01-01 00:00:00\n        timeZone: America/New_York',
      objectives: '    - target: 0.995',
    });
    const { slos, problems } = parseSpecSet([
      { file: 'slo.yaml', text },
      { file: 'sli.yaml', text: sli },
    ]);
    expect(problems).toEqual([]);
    expect(slos.map((s) => [s.objective, s.window, s.indicator])).toEqual([
      [
        0.995,
        { kind: 'calendar-month', timeZone: 'America/New_York' },
        { kind: 'ratio', bad: 'sum(rate(http_requests_total{job="web",code=~"5.."}[{{.window}}]))', total: 'sum(increase(http_requests_total{job="web"}[{{.window}}]))' },
      ],
    ]);
  });

  it('rejects time-slice budgeting with the reason', () => {
    for (const method of ['Timeslices', 'RatioTimeslices']) {
      const text = slo({ budgeting: method });
      expect(parseSpecFile('o.yaml', text)).toEqual({
        slos: [],
        problems: [{ file: 'o.yaml', field: 'spec.budgetingMethod', line: lineOf(text, 'budgetingMethod'), message: expect.stringMatching(/not supported: Switchyard budgets are event-based/) }],
      });
    }
  });

  it('names what it cannot use', () => {
    const cases: Array<[Parameters<typeof slo>[0], string, RegExp]> = [
      [{ window: '    - duration: 1M\n      isRolling: true' }, 'spec.timeWindow[0].duration', /no fixed length/],
      [{ window: '    - duration: 1Q\n      isRolling: false' }, 'spec.timeWindow[0].duration', /only the calendar month/],
      [{ window: '    - duration: 36h\n      isRolling: true' }, 'spec.timeWindow[0].duration', /whole number of days/],
      [{ objectives: '    - target: 0.99\n    - target: 0.9' }, 'spec.objectives', /one objective per SLO/],
      [{ objectives: '    - target: 0.99\n      targetPercent: 99' }, 'spec.objectives[0]', /exactly one of target/],
      [{ objectives: '    - target: 99.9' }, 'spec.objectives[0].target', /ratio above 0 and below 1/],
      [{ indicator: '  indicatorRef: nowhere' }, 'spec.indicatorRef', /no SLI named "nowhere"/],
      [{ indicator: '  indicator:\n    spec:\n      thresholdMetric:\n        metricSource: {spec: {query: x}}' }, 'spec.indicator.spec.thresholdMetric', /use ratioMetric/],
      [{ indicator: '  indicator:\n    spec:\n      ratioMetric:\n        rawType: success\n        raw: {metricSource: {spec: {query: x}}}' }, 'spec.indicator.spec.ratioMetric.raw', /cannot be split back/],
    ];
    for (const [over, field, message] of cases) {
      const { slos, problems } = parseSpecFile('o.yaml', slo(over));
      expect(slos, field).toEqual([]);
      expect(problems, field).toEqual([{ file: 'o.yaml', field, line: expect.any(Number), message: expect.stringMatching(message) }]);
    }
  });

  it('rejects a query it cannot put on the window, and a non-Prometheus source, at the query', () => {
    const text = slo()
      .replace('sum(rate(http_requests_total{job="web"}[5m]))', 'sum(rate(http_requests_total{job="web"}[1h]))')
      .replace('type: prometheus', 'type: Datadog');
    const { problems } = parseSpecFile('o.yaml', text);
    expect(problems).toEqual([{ file: 'o.yaml', field: 'spec.indicator.spec.ratioMetric.total.metricSource.type', line: lineOf(text, 'type: Datadog'), message: expect.stringMatching(/Prometheus queries only/) }]);
    const gauge = slo().replace('counter: true', 'counter: false').replace('sum(rate(http_requests_total{job="web"}[5m]))', 'http_requests_in_flight');
    expect(parseSpecFile('o.yaml', gauge).problems).toEqual([
      { file: 'o.yaml', field: 'spec.indicator.spec.ratioMetric.total.metricSource.spec.query', line: lineOf(gauge, 'http_requests_in_flight'), message: expect.stringMatching(/without counter: true/) },
    ]);
  });

  it('reports a broken referenced SLI at the SLI, and the SLO that needs it', () => {
    const text = `${slo({ indicator: '  indicatorRef: broken' })}---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: broken
spec:
  ratioMetric:
    total:
      metricSource: {spec: {query: 'sum(rate(t[{{.window}}]))'}}
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: ignored
spec: {}
---
apiVersion: openslo/v1
kind: Budget
metadata:
  name: what
`;
    expect(parseSpecFile('o.yaml', text).problems).toEqual([
      { file: 'o.yaml', field: 'spec.indicatorRef', line: lineOf(text, 'indicatorRef: broken'), message: `the SLI "broken" (o.yaml:${lineOf(text, 'name: broken')}) has problems of its own` },
      { file: 'o.yaml', field: 'spec.ratioMetric', line: lineOf(text, 'ratioMetric:'), message: 'exactly one of good and bad is required' },
      { file: 'o.yaml', field: 'kind', line: lineOf(text, 'kind: Budget'), message: 'unknown OpenSLO kind "Budget"' },
    ]);
  });
});
