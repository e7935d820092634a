/**
 * npm run bench — figures for issue #2, as ratios measured in one process (machines here are noisy):
 *   1. PromQL queries per services-view refresh, fleet of 10 vs 1,000 services (must be equal);
 *   2. BFF services-view latency ÷ latency of the same PromQL sent straight to Prometheus (target ≤ 1.3).
 * The BFF is measured in-process (adapter, zod validation, aggregation, health), without Next's HTTP
 * layer, so the ratio isolates what our code adds on top of Prometheus.
 * Then the topology layout figures for issue #3 (bench/topology.ts), under "topology", once the bench
 * Prometheus is stopped so it does not compete for the CPU; last, the topology map in Chromium against
 * the built page (bench/topology-browser.ts, under "topologyBrowser"; skipped without a `.next` build).
 * Then issue 5's policy propagation (bench/policy-propagation.ts, under "policyPropagation"): from an
 * acknowledged policy write to every demo instance reporting it, budget p95 ≤ 1 s.
 * Then issue 4's /slos with 500 SLOs (bench/slos-view.ts, under "slosView"): queries for 50 vs 500 SLOs
 * (must be equal) and listSlos ÷ the same PromQL straight to Prometheus, from raw counters and from
 * the generated recording rules' series.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { syntheticOpenMetrics } from './synthetic-history';
import { startBenchPrometheus } from './stack';
import { directRefresh, fleetContainer, servicesRefresh } from './services-view';
import { runTopologyBench } from './topology';
import { runTopologyBrowserBench } from './topology-browser';
import { runPolicyPropagationBench } from './policy-propagation';
import { runSlosViewBench } from './slos-view';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function servicesViewBench() {
  const endS = Math.floor(Date.now() / 1000 / 60) * 60 - 120;
  const history = syntheticOpenMetrics([{ fleet: "f10", services: 10 }, { fleet: "f1000", services: 1000 }], endS, 10 * 60, 30);
  const prom = startBenchPrometheus(history, 39190);
  try {
    const endMs = endS * 1000;
    const small = fleetContainer(prom.url, 'f10');
    const large = fleetContainer(prom.url, 'f1000');
    const s = await servicesRefresh(small, endMs);
    const smallQueries = small.queries.length;
    const l = await servicesRefresh(large, endMs);
    const largeQueries = large.queries.length;
    if (s.services.length !== 10 || l.services.length !== 1000) throw new Error(`expected 10 and 1000 services, got ${s.services.length} and ${l.services.length}`);

    const queries = [...large.queries];
    for (let i = 0; i < 5; i++) {
      await servicesRefresh(large, endMs);
      await directRefresh(prom.url, queries, endS);
    }
    const bff: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Alternate so drift in machine load hits both sides alike.
      bff.push(await time(() => servicesRefresh(large, endMs)));
      direct.push(await time(() => directRefresh(prom.url, queries, endS)));
    }
    return {
      date: new Date().toISOString(),
      queriesPerRefresh: { services10: smallQueries, services1000: largeQueries, equal: smallQueries === largeQueries },
      servicesView1000: {
        bffMedianMs: +median(bff).toFixed(1),
        directMedianMs: +median(direct).toFixed(1),
        ratio: +(median(bff) / median(direct)).toFixed(3),
        target: 1.3,
        iterations: bff.length,
      },
    };
  } finally {
    prom.stop();
  }
}

async function main() {
  const services = await servicesViewBench();
  const result = {
    ...services,
    topology: await runTopologyBench(),
    topologyBrowser: await runTopologyBrowserBench(),
    policyPropagation: await runPolicyPropagationBench(),
    slosView: await runSlosViewBench(),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify(result, null, 2));
  if (!result.queriesPerRefresh.equal || !result.policyPropagation.withinBudget || !result.slosView.queriesEqual) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
