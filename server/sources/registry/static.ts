import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { RegistryInstance } from '@/lib/schemas/registry';
import { badResponse, type SourceFailure } from '@/server/runtime/errors';
import { Listeners } from './listeners';
import type { RegistrySource } from './port';

/** The static registry file: services with their instances; a service may list none. */
const StaticFile = z.object({
  services: z.array(
    z.object({
      name: z.string().min(1),
      instances: z
        .array(z.object({ id: z.string().min(1), address: z.string().min(1), metadata: z.record(z.string(), z.string()).default({}) }))
        .default([]),
    }),
  ),
});

interface Snapshot {
  names: string[];
  instances: RegistryInstance[];
}

/**
 * A registry read from a JSON file, re-read when it changes. An edit that breaks the file keeps the last
 * good snapshot and reports the problem through lastError, so a typo never empties the dashboard.
 *
 * Change detection polls the content, not the mtime: fs.watch misses editors that replace the file;
 * fs.watchFile takes its baseline stat asynchronously, so an edit landing right after the first read was
 * never seen; and on filesystems with coarse timestamps a second write in the same clock tick (a tool
 * that truncates, then writes) keeps the mtime, which left the registry stuck on the half-written read.
 * Reading a registry file of a few kilobytes once per poll is cheap.
 */
export function createStaticRegistry(opts: { file: string; pollMs?: number }): RegistrySource & { readonly lastError: SourceFailure | null } {
  const name = 'registry:static';
  const listeners = new Listeners();
  let snapshot: Snapshot | null = null;
  let lastError: SourceFailure | null = null;

  let lastText: string | null = null;

  const load = (): void => {
    let text: string;
    try {
      text = readFileSync(opts.file, 'utf8');
    } catch (err) {
      lastText = null;
      lastError = badResponse(name, `${opts.file} cannot be read: ${(err as Error).message}`);
      return;
    }
    if (text === lastText) return;
    lastText = text;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      lastError = badResponse(name, `${opts.file} is not valid JSON: ${(err as Error).message}`);
      return;
    }
    const parsed = StaticFile.safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      lastError = badResponse(name, `${opts.file}: ${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')}: ${i.message}`);
      return;
    }
    lastError = null;
    snapshot = {
      names: parsed.data.services.map((s) => s.name),
      instances: parsed.data.services.flatMap((s) => s.instances.map((i) => ({ service: s.name, ...i }))),
    };
    listeners.notify();
  };

  load();
  const timer = setInterval(load, opts.pollMs ?? 1000);
  timer.unref(); // polling must not keep the process alive

  const current = (): Snapshot => {
    if (snapshot) return snapshot;
    throw lastError ?? badResponse(name, `${opts.file} has not been read`);
  };

  return {
    name,
    get lastError() {
      return lastError;
    },
    list: async () => current().instances,
    services: async () => current().names,
    subscribe: (fn) => listeners.add(fn),
    close: async () => clearInterval(timer),
  };
}
