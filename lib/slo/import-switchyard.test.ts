import { describe, expect, it } from 'vitest';
import type { Slo } from '../schemas/slo';
import { parseSpecFile } from './parse-spec';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const ONE = `apiVersion: switchyard/v1
kind: SLO
id: checkout-availability
name: Checkout availability
service: checkout
labels: { team: checkout }
objectivePercent: 99.9
window: 28d
indicator: { kind: service-availability }
`;

describe('switchyard/v1', () => {
  it('reads one SLO per document, filling the defaults', () => {
    expect(parseSpecFile('a.yaml', ONE)).toEqual({
      problems: [],
      slos: [
        {
          id: 'checkout-availability',
          name: 'Checkout availability',
          description: '',
          service: 'checkout',
          labels: { team: 'checkout' },
          objective: 0.999,
          window: { kind: 'rolling', days: 28 },
          indicator: { kind: 'service-availability' },
          alerting: { page: true, ticket: true, labels: {}, annotations: {} },
          source: { format: 'switchyard', file: 'a.yaml', index: 0 },
        },
      ] satisfies Slo[],
    });
  });

  it('reads an SLOList with every indicator kind and window form', () => {
    const text = `apiVersion: switchyard/v1
kind: SLOList
slos:
  - id: a
    name: A
    service: s
    objective: 0.99
    window: 4w
    indicator: { kind: edge-availability, source: gateway }
    alerting: { ticket: false, name: SloBurn }
  - id: b
    name: B
    service: s
    objectivePercent: 95
    window: { calendar: month, timeZone: Asia/Tokyo }
    indicator: { kind: latency, histogram: h_seconds, threshold: 0.25, matchers: ['job="s"'] }
  - id: c
    name: C
    service: s
    objectivePercent: 99.5
    window: { calendar: month }
    indicator: { kind: ratio, good: 'sum(rate(g[{{.window}}]))', total: 'sum(rate(t[{{.window}}]))' }
`;
    const { slos, problems } = parseSpecFile('l.yaml', text);
    expect(problems).toEqual([]);
    expect(slos.map((s) => [s.id, s.objective, s.window, s.indicator, s.alerting])).toEqual([
      ['a', 0.99, { kind: 'rolling', days: 28 }, { kind: 'edge-availability', source: 'gateway' }, { page: true, ticket: false, labels: {}, annotations: {}, name: 'SloBurn' }],
      ['b', 0.95, { kind: 'calendar-month', timeZone: 'Asia/Tokyo' }, { kind: 'latency', histogram: 'h_seconds', threshold: 0.25, matchers: ['job="s"'] }, { page: true, ticket: true, labels: {}, annotations: {} }],
      ['c', 0.995, { kind: 'calendar-month', timeZone: 'UTC' }, { kind: 'ratio', good: 'sum(rate(g[{{.window}}]))', total: 'sum(rate(t[{{.window}}]))' }, { page: true, ticket: true, labels: {}, annotations: {} }],
    ]);
    expect(slos.every((s) => s.source.format === 'switchyard' && s.source.index === 0)).toBe(true);
  });

  it('explains a percent given as the ratio', () => {
    const text = ONE.replace('objectivePercent: 99.9', 'objective: 99.9');
    expect(parseSpecFile('a.yaml', text)).toEqual({
      slos: [],
      problems: [{ file: 'a.yaml', field: 'objective', line: lineOf(text, 'objective:'), message: expect.stringContaining('write objective: 0.999 or objectivePercent: 99.9') }],
    });
  });

  it('names each broken field of a list entry and keeps the good entries', () => {
    const text = `apiVersion: switchyard/v1
kind: SLOList
slos:
  - id: good
    name: Good
    service: s
    objective: 0.99
    window: 7d
    indicator: { kind: service-availability }
  - id: Bad_Id
    name: Bad
    service: s
    objective: 0.99
    objectivePercent: 99
    window: 7d
    indicator: { kind: service-availability }
  - id: typo
    name: Typo
    service: s
    objectve: 0.99
    window: 1h
    indicator: { kind: service-availability }
  - id: no-window-placeholder
    name: Ratio
    service: s
    objective: 0.99
    window: { calendar: month, timeZone: Mars/Olympus }
    indicator: { kind: ratio, bad: 'sum(rate(e[5m]))', total: 'sum(rate(t[{{.window}}]))' }
  - id: rate-query
    name: Ratio
    service: s
    labels: { bad-label: x }
    objective: 0.99
    window: 30d
    indicator: { kind: ratio, bad: 'sum(rate(e[5m]))', total: 'sum(rate(t[{{.window}}]))' }
`;
    const { slos, problems } = parseSpecFile('l.yaml', text);
    expect(slos.map((s) => s.id)).toEqual(['good']);
    const at = (needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    expect(problems).toEqual([
      { file: 'l.yaml', field: 'slos[1].objectivePercent', line: at('objectivePercent: 99'), message: expect.stringMatching(/not both/) },
      { file: 'l.yaml', field: 'slos[2].objective', line: at('- id: typo'), message: expect.stringMatching(/is required/) },
      { file: 'l.yaml', field: 'slos[2].objectve', line: at('objectve'), message: expect.stringMatching(/unknown field "objectve"/) },
      { file: 'l.yaml', field: 'slos[2].window', line: at('window: 1h'), message: expect.stringMatching(/rolling length like 30d/) },
      { file: 'l.yaml', field: 'slos[3].window.timeZone', line: at('Mars/Olympus'), message: expect.stringMatching(/IANA time zone/) },
      { file: 'l.yaml', field: 'slos[4].labels.bad-label', line: at('bad-label'), message: '"bad-label" must be a Prometheus label name' },
      { file: 'l.yaml', field: 'slos[4].indicator.bad', line: at("bad: 'sum(rate(e[5m]))'", at('- id: rate-query')), message: expect.stringContaining('{{.window}}') },
    ]);
  });

  it('rejects an unknown kind', () => {
    expect(parseSpecFile('k.yaml', 'apiVersion: switchyard/v1\nkind: Slo\n').problems).toEqual([
      { file: 'k.yaml', field: 'kind', line: 2, message: 'kind must be SLO or SLOList, not "Slo"' },
    ]);
  });
});
