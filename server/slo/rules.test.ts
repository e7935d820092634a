import 'server-only';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AlertingRuleDef, RecordingRuleDef } from '@/lib/schemas/slo-rules';
import { generateRules, rulesToJson, rulesToYaml } from '@/lib/slo/rules';
import { PRESETS } from '@/server/profiles/presets';
import { makeSlo } from '@/server/testing/slo-expect';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function promtool(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const profile = PRESETS['otel-http'];
const ratio = (id: string, slo: string, extra: Parameters<typeof makeSlo>[2] = {}) =>
  makeSlo(id, { kind: 'ratio', bad: `sum(rate(req_errors_total{slo="${slo}"}[{{.window}}]))`, total: `sum(rate(req_total{slo="${slo}"}[{{.window}}]))` }, { objective: 0.999, service: 'checkout', ...extra });

describe('generated rules', () => {
  // Every indicator kind and window kind, and labels or names that YAML or Go templates could misread.
  const all = [
    {
      ...ratio('ratio-30d', 'a'),
      name: 'Checkout {{ weird }} name',
      labels: { tier: '1', team: 'checkout' },
      alerting: {
        page: true,
        ticket: true,
        name: 'CheckoutBurn',
        labels: { team: 'payments', on: 'yes', n: '1e3', slo_id: 'spoofed' },
        annotations: { runbook_url: 'https://runbooks/x' },
        bySeverity: { page: { labels: { severity: 'pageteam' }, annotations: { summary: 'Page the checkout team' } }, ticket: { labels: {}, annotations: {} } },
      },
    },
    makeSlo('good-28d', { kind: 'ratio', good: 'sum(rate(ok_total[{{.window}}]))', total: 'sum(rate(all_total[{{.window}}]))' }, { window: { kind: 'rolling', days: 28 } }),
    makeSlo('latency-7d', { kind: 'latency', histogram: 'http_server_request_duration_seconds', threshold: 0.25, matchers: ['job="api"'] }, { window: { kind: 'rolling', days: 7 } }),
    makeSlo('svc-month', { kind: 'service-availability' }, { window: { kind: 'calendar-month', timeZone: 'Europe/Berlin' }, service: 'we"ird\\svc' }),
    { ...makeSlo('edge', { kind: 'edge-availability', source: 'frontend' }, { service: 'payments' }), alerting: { page: false, ticket: true, labels: {}, annotations: {} } },
  ];
  const file = generateRules(all, { profile, baseUrl: 'https://switchyard.example.com/' });

  it('passes promtool check rules, as YAML and as JSON', () => {
    writeFileSync(join(dir, 'all.yml'), rulesToYaml(file));
    writeFileSync(join(dir, 'all.json'), rulesToJson(file));
    const count = file.groups.reduce((n, g) => n + g.rules.length, 0);
    for (const f of ['all.yml', 'all.json']) {
      const r = promtool('check', 'rules', f);
      expect(r.out, f).toContain(`SUCCESS: ${count} rules found`);
      expect(r.code, r.out).toBe(0);
    }
  });

  it('records the error ratio per window and the budget, and alerts per Workbook row', () => {
    const g = file.groups.find((x) => x.name === 'switchyard-slo-ratio-30d')!;
    const records = g.rules.filter((r): r is RecordingRuleDef => 'record' in r);
    const alerts = g.rules.filter((r): r is AlertingRuleDef => 'alert' in r);
    expect(records.map((r) => r.record)).toEqual([
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => `slo:sli_error:ratio_rate${w}`),
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:current_burn_rate:ratio',
    ]);
    expect(records[0]).toEqual({
      record: 'slo:sli_error:ratio_rate5m',
      expr: '(sum(sum(rate(req_errors_total{slo="a"}[5m]))) or vector(0)) / sum(sum(rate(req_total{slo="a"}[5m])))',
      labels: { slo_id: 'ratio-30d', slo_service: 'checkout' },
    });
    expect(alerts.map((a) => [a.alert, a.labels!.slo_severity, a.labels!.severity, a.labels!.long_window, a.labels!.short_window, a.for])).toEqual([
      ['CheckoutBurn', 'page', 'pageteam', '1h', '5m', '2m'],
      ['CheckoutBurn', 'page', 'pageteam', '6h', '30m', '15m'],
      ['CheckoutBurn', 'ticket', 'ticket', '1d', '2h', '1h'],
      ['CheckoutBurn', 'ticket', 'ticket', '3d', '6h', '3h'],
    ]);
    // SLO labels < alerting labels < per-severity labels < the ids the rules need.
    expect(alerts[0]!.labels).toMatchObject({ tier: '1', team: 'payments', on: 'yes', slo_id: 'ratio-30d', service: 'checkout' });
    expect(alerts[0]!.annotations!.summary).toBe('Page the checkout team');
    expect(alerts[2]!.annotations!.summary).toBe('Checkout { { weird } } name: error budget burning 3× too fast');
    expect(alerts[0]!.expr).toBe('slo:sli_error:ratio_rate1h{slo_id="ratio-30d"} > (14.4 * (1 - 0.999)) and slo:sli_error:ratio_rate5m{slo_id="ratio-30d"} > (14.4 * (1 - 0.999))');
    expect(alerts[0]!.annotations!.triage_url).toBe('https://switchyard.example.com/triage?slo=ratio-30d');
    expect(alerts[0]!.annotations!.runbook_url).toBe('https://runbooks/x');
    // Calendar months get no period group; rolling windows do.
    expect(file.groups.map((x) => x.name)).toEqual([
      'switchyard-slo-edge',
      'switchyard-slo-edge-period',
      'switchyard-slo-good-28d',
      'switchyard-slo-good-28d-period',
      'switchyard-slo-latency-7d',
      'switchyard-slo-latency-7d-period',
      'switchyard-slo-ratio-30d',
      'switchyard-slo-ratio-30d-period',
      'switchyard-slo-svc-month',
    ]);
    expect(file.groups.find((x) => x.name === 'switchyard-slo-good-28d-period')!.rules[0]).toMatchObject({ record: 'slo:sli_error:ratio_rate4w' });
    // ticket only
    expect(file.groups.find((x) => x.name === 'switchyard-slo-edge')!.rules.filter((r) => 'alert' in r)).toHaveLength(2);
  });

  it('marks the data-independent records with the hash of the query the records compute', () => {
    const marker = (slos: ReturnType<typeof ratio>[], record: string, id: string) =>
      generateRules(slos, { profile })
        .groups.flatMap((g) => g.rules)
        .find((r): r is RecordingRuleDef => 'record' in r && r.record === record && r.labels!.slo_id === id)!.labels!;
    const base = marker([ratio('x', 'a')], 'slo:objective:ratio', 'x');
    expect(base).toEqual({ slo_id: 'x', slo_service: 'checkout', slo_query_hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(marker([ratio('x', 'a')], 'slo:time_period:days', 'x').slo_query_hash).toBe(base.slo_query_hash);
    // The same query under another id, objective or name: the same hash. Another query: another hash.
    expect(marker([ratio('y', 'a', { objective: 0.99, name: 'Other' })], 'slo:objective:ratio', 'y').slo_query_hash).toBe(base.slo_query_hash);
    expect(marker([ratio('x', 'b')], 'slo:objective:ratio', 'x').slo_query_hash).not.toBe(base.slo_query_hash);
    // The ratios themselves carry only the ids (the alert expressions match on them).
    expect(marker([ratio('x', 'a')], 'slo:sli_error:ratio_rate5m', 'x')).toEqual({ slo_id: 'x', slo_service: 'checkout' });
  });

  it('fires the page alert at 15× burn and not at 14× (promtool test rules)', () => {
    // objective 99.9 %, 30 days: page 1h/5m above 14.4×, page 6h/30m above 6×, tickets above 3× and 1×.
    // 600 requests a minute; 9 errors a minute is a 1.5 % error ratio = 15× the budget, 8.4 is 14×, 0.25 is 0.42×.
    const slos = [ratio('burn15', 'a', { name: 'Burn 15' }), ratio('burn14', 'b', { name: 'Burn 14' }), ratio('quiet', 'c', { name: 'Quiet' })];
    slos[0] = { ...slos[0]!, alerting: { ...slos[0]!.alerting, labels: { team: 'payments' } } };
    const rules = generateRules(slos, { profile, baseUrl: 'http://127.0.0.1:3000' });
    writeFileSync(join(dir, 'burn.yml'), rulesToYaml(rules));

    const alertsOf = (slo: string) => rules.groups.find((g) => g.name === `switchyard-slo-${slo}`)!.rules.filter((r): r is AlertingRuleDef => 'alert' in r);
    // $value is the long window's error ratio; Go's humanizePercentage prints it with 4 significant digits.
    const expected = (slo: string, rows: number[], value: string) =>
      alertsOf(slo)
        .filter((_, i) => rows.includes(i))
        // The alert keeps the labels of the recorded series it compares (slo_id, slo_service).
        .map((a) => ({ exp_labels: { alertname: a.alert, slo_service: 'checkout', ...a.labels }, exp_annotations: { ...a.annotations, description: a.annotations!.description!.replace('{{ $value | humanizePercentage }}', value) } }));
    const at = (evalTime: string, rows: { a: number[]; b: number[] }) => ({
      eval_time: evalTime,
      alertname: 'SloErrorBudgetBurn',
      exp_alerts: [...expected('burn15', rows.a, '1.5%'), ...expected('burn14', rows.b, '1.4%')],
    });
    // Counters from 0 at t=0, so every window (even 3d) holds only the constant ratio. Alerts are
    // active from 1m (two samples); `for` 2m / 15m / 1h / 3h decides when each row fires.
    // Recorded values with Prometheus's arithmetic at 20m: rate = increase × (1 / window seconds) (its
    // extrapolation factor is exactly 1: every counter starts at 0 on the first sample, and the
    // windows end on a sample). promtool compares recorded values exactly.
    const rate = (increase: number, windowS: number) => increase * (1 / windowS);
    const ratio5m = rate(9 * 5, 300) / rate(600 * 5, 300);
    const quietBurn1h = rate(0.25 * 20, 3600) / rate(600 * 20, 3600) / (1 - 0.999);
    const remaining30d = 1 - rate(9 * 20, 30 * 86400) / rate(600 * 20, 30 * 86400) / (1 - 0.999);
    const test = {
      rule_files: ['burn.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            { series: 'req_total{slo="a"}', values: '0+600x300' },
            { series: 'req_errors_total{slo="a"}', values: '0+9x300' },
            { series: 'req_total{slo="b"}', values: '0+600x300' },
            { series: 'req_errors_total{slo="b"}', values: '0+8.4x300' },
            { series: 'req_total{slo="c"}', values: '0+600x300' },
            { series: 'req_errors_total{slo="c"}', values: '0+0.25x300' }, // 0.25 and 9 add up exactly in binary
          ],
          alert_rule_test: [
            at('2m', { a: [], b: [] }), // pending: the page row needs 2m
            at('20m', { a: [0, 1], b: [1] }), // 15× fires both page rows; 14× only the 6h/30m one
            at('70m', { a: [0, 1, 2], b: [1, 2] }),
            at('200m', { a: [0, 1, 2, 3], b: [1, 2, 3] }),
          ],
          promql_expr_test: [
            { expr: 'slo:sli_error:ratio_rate5m{slo_id="burn15"}', eval_time: '20m', exp_samples: [{ labels: 'slo:sli_error:ratio_rate5m{slo_id="burn15",slo_service="checkout"}', value: ratio5m }] },
            { expr: 'slo:current_burn_rate:ratio{slo_id="quiet"}', eval_time: '20m', exp_samples: [{ labels: 'slo:current_burn_rate:ratio{slo_id="quiet",slo_service="checkout"}', value: quietBurn1h }] },
            { expr: 'slo:period_error_budget_remaining:ratio{slo_id="burn15"}', eval_time: '20m', exp_samples: [{ labels: 'slo:period_error_budget_remaining:ratio{slo_id="burn15",slo_service="checkout"}', value: remaining30d }] },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'burn_test.yml'), stringify(test, { lineWidth: 0 }));
    const r = promtool('test', 'rules', 'burn_test.yml');
    expect(r.out).toContain('SUCCESS');
    expect(r.code, r.out).toBe(0);
  });
});
