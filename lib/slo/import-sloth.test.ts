import { describe, expect, it } from 'vitest';
import type { Slo } from '../schemas/slo';
import { parseSpecFile } from './parse-spec';

const ERR = 'sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))';
const TOT = 'sum(rate(http_requests_total{job="api"}[{{.window}}]))';

/** 1-based line of the first line containing needle (expected lines are found in the text, not counted by hand). */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const SPEC = `version: "prometheus/v1"
service: "api"
labels:
  owner: "team-a"
  tier: 2
slos:
  - name: "requests-availability"
    objective: 99.95
    description: "Few 5xx."
    labels:
      tier: "1"
    sli:
      events:
        error_query: ${ERR}
        total_query: ${TOT}
    alerting:
      name: ApiHighErrorRate
      labels:
        category: availability
      annotations:
        summary: burning
      page_alert:
        labels:
          severity: pageteam
      ticket_alert:
        disable: true
  - name: plain
    objective: 99
    sli:
      events:
        error_query: ${ERR}
        total_query: ${TOT}
`;

describe('Sloth prometheus/v1', () => {
  it('maps every field', () => {
    const { slos, problems } = parseSpecFile('sloth.yaml', SPEC);
    expect(problems).toEqual([]);
    expect(slos).toEqual<Slo[]>([
      {
        id: 'api-requests-availability',
        name: 'requests-availability',
        description: 'Few 5xx.',
        service: 'api',
        labels: { owner: 'team-a', tier: '1' },
        objective: 0.9995,
        window: { kind: 'rolling', days: 30 },
        indicator: { kind: 'ratio', bad: ERR, total: TOT },
        alerting: {
          page: true,
          ticket: false,
          name: 'ApiHighErrorRate',
          labels: { category: 'availability' },
          annotations: { summary: 'burning' },
          bySeverity: { page: { labels: { severity: 'pageteam' }, annotations: {} }, ticket: { labels: {}, annotations: {} } },
        },
        source: { format: 'sloth', file: 'sloth.yaml', index: 0 },
      },
      {
        id: 'api-plain',
        name: 'plain',
        description: '',
        service: 'api',
        labels: { owner: 'team-a', tier: '2' },
        objective: 0.99,
        window: { kind: 'rolling', days: 30 },
        indicator: { kind: 'ratio', bad: ERR, total: TOT },
        alerting: { page: true, ticket: true, labels: {}, annotations: {} },
        source: { format: 'sloth', file: 'sloth.yaml', index: 0 },
      },
    ]);
  });

  it('rejects a bad SLO with its field and line, and still loads the others', () => {
    const text = SPEC.replace('objective: 99\n', 'objective: 100\n');
    const { slos, problems } = parseSpecFile('s.yaml', text);
    expect(slos.map((s) => s.id)).toEqual(['api-requests-availability']);
    expect(problems).toEqual([{ file: 's.yaml', field: 'slos[1].objective', message: expect.stringMatching(/no error budget/), line: lineOf(text, 'objective: 100') }]);
  });

  it('refuses sli.raw and plugins, saying why', () => {
    const text = `version: prometheus/v1
service: api
slos:
  - name: ratio
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))
  - name: plugged
    objective: 99
    sli:
      plugin:
        id: sloth-common/kubernetes/apiserver/availability
`;
    const { slos, problems } = parseSpecFile('s.yaml', text);
    expect(slos).toEqual([]);
    expect(problems).toEqual([
      { file: 's.yaml', field: 'slos[0].sli.raw', line: lineOf(text, 'raw:'), message: expect.stringMatching(/cannot be split back into bad and total events.*sli\.events/) },
      { file: 's.yaml', field: 'slos[1].sli.plugin', line: lineOf(text, 'plugin:'), message: expect.stringMatching(/Go code/) },
    ]);
  });

  it('requires the window placeholder in each query', () => {
    const text = SPEC.replace(`error_query: ${ERR}\n        total_query: ${TOT}\n    alerting`, `error_query: sum(rate(x[5m]))\n        total_query: ${TOT}\n    alerting`);
    const { slos, problems } = parseSpecFile('s.yaml', text);
    expect(slos.map((s) => s.id)).toEqual(['api-plain']);
    expect(problems).toEqual([{ file: 's.yaml', field: 'slos[0].sli.events.error_query', line: lineOf(text, 'error_query: sum(rate(x[5m]))'), message: expect.stringContaining('{{.window}}') }]);
  });

  it('reports a service-level mistake once, for the whole file', () => {
    const { slos, problems } = parseSpecFile('s.yaml', 'version: prometheus/v1\nslos: []\n');
    expect(slos).toEqual([]);
    expect(problems.map((p) => p.field)).toEqual(['service', 'slos']);
  });

  it('points an invalid derived id at the name it came from', () => {
    const text = SPEC.replace('name: plain', 'name: "___"').replace('service: "api"', 'service: "_"');
    const { slos, problems } = parseSpecFile('s.yaml', text);
    expect(slos.map((s) => s.id)).toEqual(['requests-availability']);
    expect(problems).toEqual([{ file: 's.yaml', field: 'slos[1].name', line: lineOf(text, 'name: "___"'), message: expect.stringMatching(/^id: must be lower-case/) }]);
  });
});
