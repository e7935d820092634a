import 'server-only';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchyardConfig, type ProfileKind, type RegistryConfig } from '@/lib/schemas/config';
import { buildContainer, type Container } from '@/server/container';
import type { PrometheusSource } from '@/server/sources/prometheus/port';

export interface StaticService {
  name: string;
  instances?: Array<{ id: string; address: string; metadata?: Record<string, string> }>;
}

const dirs: string[] = [];

/** A fresh temp dir, removed by removeRegistryFiles(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Writes a static registry file in a fresh temp dir and returns its path. */
export function registryFile(services: StaticService[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-views-'));
  dirs.push(dir);
  const f = join(dir, 'registry.json');
  writeFileSync(f, JSON.stringify({ services }));
  return f;
}

/** Removes every file registryFile() wrote (call in afterAll). */
export function removeRegistryFiles(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * A container for view tests: no query cache (ttl 0, so every query reaches Prometheus), and every
 * PromQL query the views send recorded, to prove the fixed query cost.
 */
export function viewContainer(opts: { promUrl: string; kind: ProfileKind; registry?: RegistryConfig; health?: unknown; jaeger?: unknown }): { c: Container; queries: string[] } {
  const c = buildContainer(
    SwitchyardConfig.parse({
      prometheus: { url: opts.promUrl, scrapeIntervalS: 15, timeoutMs: 10_000 },
      cache: { ttlMs: 0 },
      profile: { kind: opts.kind },
      registry: opts.registry ?? { kind: 'none' },
      ...(opts.health === undefined ? {} : { health: opts.health }),
      ...(opts.jaeger === undefined ? {} : { jaeger: opts.jaeger }),
      // Each container its own (empty) file store: a store directory is one process's, once.
      policies: { store: 'file', dir: tempDir('switchyard-policies-') },
    }),
  );
  const queries: string[] = [];
  const inner: PrometheusSource = c.prometheus;
  c.prometheus = {
    ...inner,
    instant: (query, o) => (queries.push(query), inner.instant(query, o)),
    range: (query, o) => (queries.push(query), inner.range(query, o)),
  };
  return { c, queries };
}

/** Relative closeness to 1e-9: the fixture's counters are linear, so PromQL results are exact. */
export function relClose(actual: number | null | undefined, expected: number): boolean {
  if (actual === null || actual === undefined) return false;
  return Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected)) < 1e-9;
}
