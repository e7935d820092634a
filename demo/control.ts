import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseFault } from './faults';
import { BadRequest, readJson, sendJson } from './http-json';
import { MAX_RPS, type LoadGenerator } from './loadgen';
import type { Supervisor } from './supervisor';
import { FLEET, serviceSpec } from './topology';

/**
 * The fleet's control API (JSON on 127.0.0.1), for demos and end-to-end tests: read the fleet's state,
 * inject and clear faults, change the load, stop and start instances. See demo/README.md.
 */

export interface ControlInfo {
  etcdEndpoints: string[];
  prefix: string;
  stackDir: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, param: string) => Promise<void>;

export function createControlServer(fleet: Supervisor, load: LoadGenerator, info: ControlInfo): Server {
  const state = () => ({
    registry: { endpoints: info.etcdEndpoints, prefix: info.prefix },
    targetsDir: `${info.stackDir}/targets`,
    load: { rps: load.rate, ...load.stats },
    faults: fleet.allFaults(),
    services: FLEET.map((s) => ({
      name: s.name,
      team: s.team,
      calls: [...new Set(s.routes.flatMap((r) => r.calls.map((c) => c.service)))],
      fault: fleet.faultOf(s.name) ?? null,
      instances: fleet.list().filter((i) => i.service === s.name),
    })),
  });

  const known = (res: ServerResponse, service: string): boolean => {
    if (serviceSpec(service)) return true;
    sendJson(res, 404, { error: `service: unknown service ${JSON.stringify(service)}`, field: 'service', services: FLEET.map((s) => s.name) });
    return false;
  };

  const routes: Array<{ method: string; pattern: RegExp; handle: Handler }> = [
    { method: 'GET', pattern: /^\/$/, handle: async (_req, res) => sendJson(res, 200, state()) },
    {
      method: 'POST',
      pattern: /^\/faults$/,
      handle: async (req, res) => {
        const body = await readJson(req);
        const service = (body as { service?: unknown } | null)?.service;
        if (typeof service !== 'string' || !service) return sendJson(res, 400, { error: 'service: expected a service name', field: 'service' });
        if (!known(res, service)) return;
        const parsed = parseFault(body);
        if (!parsed.ok) return sendJson(res, 400, { error: parsed.message, field: parsed.field });
        const result = await fleet.setFault(service, parsed.value);
        sendJson(res, 200, { service, fault: parsed.value, ...result });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/faults\/([^/]+)$/,
      handle: async (_req, res, service) => {
        if (!known(res, service)) return;
        sendJson(res, 200, { service, fault: null, ...(await fleet.setFault(service, undefined)) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/load$/,
      handle: async (req, res) => {
        const rps = (await readJson(req) as { rps?: unknown } | null)?.rps;
        if (typeof rps !== 'number' || !Number.isFinite(rps) || rps < 0 || rps > MAX_RPS) {
          return sendJson(res, 400, { error: `rps: expected a number from 0 to ${MAX_RPS}`, field: 'rps' });
        }
        load.setRate(rps);
        sendJson(res, 200, { rps });
      },
    },
    {
      method: 'POST',
      pattern: /^\/instances\/([^/]+)\/stop$/,
      handle: async (req, res, service) => {
        const signal = (await readJson(req) as { signal?: unknown } | null)?.signal ?? 'SIGTERM';
        if (signal !== 'SIGTERM' && signal !== 'SIGKILL') return sendJson(res, 400, { error: 'signal: expected "SIGTERM" or "SIGKILL"', field: 'signal' });
        if (!known(res, service)) return;
        const stopped = await fleet.stop(service, signal);
        if (!stopped) return sendJson(res, 409, { error: `service: ${service} has no running instance` });
        sendJson(res, 200, { stopped, signal });
      },
    },
    {
      method: 'POST',
      pattern: /^\/instances\/([^/]+)\/start$/,
      handle: async (_req, res, service) => {
        if (!known(res, service)) return;
        sendJson(res, 201, { started: await fleet.start(service) });
      },
    },
  ];

  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const matching = routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      req.resume();
      if (matching.length) return sendJson(res, 405, { error: `method: ${path} accepts ${matching.map((r) => r.method).join(', ')}` });
      return sendJson(res, 404, { error: `no such endpoint: ${req.method} ${path}` });
    }
    let param: string;
    try {
      param = decodeURIComponent(route.pattern.exec(path)?.[1] ?? '');
    } catch {
      req.resume();
      return sendJson(res, 400, { error: 'service: not a valid URL-encoded name', field: 'service' });
    }
    route.handle(req, res, param).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof BadRequest) return sendJson(res, 400, { error: err.message });
      sendJson(res, 500, { error: (err as Error).message });
    });
  });
}
