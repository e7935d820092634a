import 'server-only';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTEL_HTTP_BUCKETS } from '@/demo/metrics';
import { SwitchyardConfig } from '@/lib/schemas/config';
import type { Slo } from '@/lib/schemas/slo';
import { parseSpecFile } from '@/lib/slo/parse-spec';
import { createSpecStore } from './spec-store';

/**
 * The example specs in deploy/slo/examples (one per format, written from each project's documented
 * format) and the demo's specs import to exactly these SLOs. The expected objects are written out by
 * hand from the spec text, not produced by the importer.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const load = (rel: string) => parseSpecFile(rel, readFileSync(join(ROOT, rel), 'utf8'));

const W = '{{.window}}';
const count = (matchers: string) => `http_server_request_duration_seconds_count{${matchers}}`;
const noAlerting = { page: true, ticket: true, labels: {}, annotations: {} };

describe('deploy/slo/examples', () => {
  it('sloth.yaml', () => {
    const file = 'deploy/slo/examples/sloth.yaml';
    expect(load(file)).toEqual({
      problems: [],
      slos: [
        {
          id: 'catalog-requests-availability',
          name: 'requests-availability',
          description: 'Catalog answers without a server error.',
          service: 'catalog',
          labels: { owner: 'discovery', tier: '2' },
          objective: 0.999,
          window: { kind: 'rolling', days: 30 },
          indicator: { kind: 'ratio', bad: `sum(rate(${count('job="catalog",http_response_status_code=~"5.."')}[${W}]))`, total: `sum(rate(${count('job="catalog"')}[${W}]))` },
          alerting: {
            page: true,
            ticket: true,
            name: 'CatalogHighErrorRate',
            labels: { category: 'availability' },
            annotations: { summary: 'Catalog is burning its availability error budget' },
            bySeverity: { page: { labels: { severity: 'critical' }, annotations: {} }, ticket: { labels: { severity: 'warning' }, annotations: {} } },
          },
          source: { format: 'sloth', file, index: 0 },
        },
        {
          id: 'catalog-requests-latency',
          name: 'requests-latency',
          description: 'Catalog answers within 100 ms.',
          service: 'catalog',
          labels: { owner: 'discovery', tier: '2', category: 'latency' },
          objective: 0.99,
          window: { kind: 'rolling', days: 30 },
          indicator: {
            kind: 'ratio',
            bad: `sum(rate(${count('job="catalog"')}[${W}]))\n-\nsum(rate(http_server_request_duration_seconds_bucket{job="catalog",le="0.1"}[${W}]))`,
            total: `sum(rate(${count('job="catalog"')}[${W}]))`,
          },
          alerting: {
            page: false,
            ticket: true,
            name: 'CatalogHighLatency',
            labels: {},
            annotations: {},
            bySeverity: { page: { labels: {}, annotations: {} }, ticket: { labels: {}, annotations: {} } },
          },
          source: { format: 'sloth', file, index: 0 },
        },
      ] satisfies Slo[],
    });
  });

  it('openslo.yaml', () => {
    const file = 'deploy/slo/examples/openslo.yaml';
    expect(load(file)).toEqual({
      problems: [],
      slos: [
        {
          id: 'shipping-availability',
          name: 'Shipping availability',
          description: '99.5 % of shipment bookings succeed over four rolling weeks.',
          service: 'shipping',
          labels: { team: 'fulfilment', tags: 'checkout-path,tier-1' },
          objective: 0.995,
          window: { kind: 'rolling', days: 28 },
          indicator: { kind: 'ratio', good: `sum(rate(${count('job="shipping",http_response_status_code!~"5.."')}[${W}]))`, total: `sum(rate(${count('job="shipping"')}[${W}]))` },
          alerting: noAlerting,
          source: { format: 'openslo', file, index: 3 },
        },
        {
          id: 'inventory-reservations',
          name: 'Inventory reservations',
          description: 'Stock reservations made by checkout, per calendar month.',
          service: 'inventory',
          labels: { team: 'fulfilment' },
          objective: 0.99,
          window: { kind: 'calendar-month', timeZone: 'Europe/Berlin' },
          indicator: {
            kind: 'ratio',
            bad: `sum(rate(${count('job="inventory",http_route="/reservations",http_response_status_code=~"5.."')}[${W}]))`,
            total: `sum(rate(${count('job="inventory",http_route="/reservations"')}[${W}]))`,
          },
          alerting: noAlerting,
          source: { format: 'openslo', file, index: 4 },
        },
      ] satisfies Slo[],
    });
  });

  it('pyrra.yaml', () => {
    const file = 'deploy/slo/examples/pyrra.yaml';
    expect(load(file)).toEqual({
      problems: [],
      slos: [
        {
          id: 'users-errors',
          name: 'users-errors',
          description: 'Profile lookups answer without a server error.',
          service: 'users',
          labels: { namespace: 'shop', team: 'identity' },
          objective: 0.995,
          window: { kind: 'rolling', days: 28 },
          indicator: { kind: 'ratio', bad: `sum(rate(${count('job="users",http_response_status_code=~"5.."')}[${W}]))`, total: `sum(rate(${count('job="users"')}[${W}]))` },
          alerting: noAlerting,
          source: { format: 'pyrra', file, index: 0 },
        },
        {
          id: 'recommendations-latency',
          name: 'recommendations-latency',
          description: 'Recommendations are ready within 250 ms.',
          service: 'recommendations',
          labels: { namespace: 'shop', team: 'discovery' },
          objective: 0.95,
          window: { kind: 'rolling', days: 14 },
          indicator: { kind: 'latency', histogram: 'http_server_request_duration_seconds', threshold: 0.25, matchers: ['job="recommendations"', 'http_response_status_code!~"5.."'] },
          alerting: { ...noAlerting, name: 'RecommendationsSlow' },
          source: { format: 'pyrra', file, index: 1 },
        },
      ] satisfies Slo[],
    });
  });

  it('switchyard.yaml', () => {
    const file = 'deploy/slo/examples/switchyard.yaml';
    const source = { format: 'switchyard', file, index: 0 } as const;
    expect(load(file)).toEqual({
      problems: [],
      slos: [
        {
          id: 'cart-availability',
          name: 'Cart availability',
          description: 'Cart answers without a server error.',
          service: 'cart',
          labels: { team: 'checkout', tier: '1' },
          objective: 0.999,
          window: { kind: 'rolling', days: 30 },
          indicator: { kind: 'service-availability' },
          alerting: noAlerting,
          source,
        },
        {
          id: 'gateway-users-calls',
          name: 'Gateway → users calls',
          description: '',
          service: 'users',
          labels: { team: 'identity' },
          objective: 0.999,
          window: { kind: 'rolling', days: 7 },
          indicator: { kind: 'edge-availability', source: 'gateway' },
          alerting: noAlerting,
          source,
        },
        {
          id: 'gateway-latency',
          name: 'Gateway latency under 250 ms',
          description: '',
          service: 'gateway',
          labels: { team: 'edge' },
          objective: 0.99,
          window: { kind: 'rolling', days: 28 },
          indicator: { kind: 'latency', histogram: 'http_server_request_duration_seconds', threshold: 0.25, matchers: ['job="gateway"'] },
          alerting: { page: true, ticket: false, labels: { severity: 'page' }, annotations: { runbook: 'https://runbooks.example/gateway-latency' } },
          source,
        },
        {
          id: 'email-deliveries',
          name: 'Email deliveries',
          description: '',
          service: 'email',
          labels: {},
          objective: 0.995,
          window: { kind: 'calendar-month', timeZone: 'Europe/Berlin' },
          indicator: {
            kind: 'ratio',
            bad: `sum(increase(${count('job="email",http_response_status_code=~"5.."')}[${W}]))`,
            total: `sum(increase(${count('job="email"')}[${W}]))`,
          },
          alerting: noAlerting,
          source,
        },
      ] satisfies Slo[],
    });
  });
});

describe('the demo SLOs', () => {
  it('load without problems from the paths deploy/switchyard.demo.json names', () => {
    const config = SwitchyardConfig.parse(JSON.parse(readFileSync(join(ROOT, 'deploy/switchyard.demo.json'), 'utf8')));
    const s = createSpecStore({ paths: config.slo.paths.map((p) => join(ROOT, p)), log: () => {} });
    expect(s.problems()).toEqual([]);
    expect(s.list().map((x) => [x.id, x.service, x.objective, x.window, x.indicator.kind, x.source.format])).toEqual([
      ['gateway-availability', 'gateway', 0.995, { kind: 'rolling', days: 30 }, 'service-availability', 'switchyard'],
      ['checkout-payments-calls', 'payments', 0.97, { kind: 'rolling', days: 28 }, 'edge-availability', 'switchyard'],
      ['checkout-latency', 'checkout', 0.99, { kind: 'rolling', days: 7 }, 'latency', 'switchyard'],
      ['catalog-availability', 'catalog', 0.999, { kind: 'calendar-month', timeZone: 'UTC' }, 'service-availability', 'switchyard'],
      ['payments-charges-availability', 'payments', 0.97, { kind: 'rolling', days: 30 }, 'ratio', 'sloth'],
      ['payments-charges-latency', 'payments', 0.99, { kind: 'rolling', days: 30 }, 'ratio', 'sloth'],
    ]);
    void s.close();
  });

  it('use a latency threshold that is one of the demo histograms’ bucket bounds', () => {
    const spec = load('deploy/slo/demo.yaml');
    const thresholds = spec.slos.flatMap((s) => (s.indicator.kind === 'latency' ? [s.indicator.threshold] : []));
    expect(thresholds).toEqual([0.5]);
    for (const t of thresholds) expect(OTEL_HTTP_BUCKETS).toContain(t);
  });
});
