import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Etcd3 } from 'etcd3';
import { POLICY_ETCD_PREFIX } from '../lib/schemas/policy';
import { callPeer, type PeerClient } from './client';
import { NO_FAULT, parseFault, type Fault } from './faults';
import { BadRequest, readJson, sendJson } from './http-json';
import { createMetrics } from './metrics';
import { ADMIT_ALL, type Admission } from './policy-client/guard';
import { PolicyAgent } from './policy-client/policy-agent';
import { chance, logNormalMs, randomId, sleep } from './random';
import { Discovery, instanceKey, normalizePrefix, Registration } from './registry';
import { serviceSpec, type RouteSpec } from './topology';

/**
 * One instance of one demo service, as its own OS process: serves the routes topology.ts gives it,
 * calls its peers (found through the registry, so a stopped instance stops getting traffic), exposes
 * OTel HTTP metrics on /metrics and registers itself in etcd under a lease. It applies the circuit
 * breaker and rate-limit policies stored in the same etcd (demo/policy-client), live.
 *
 * Settings (environment), set by the launcher or a test:
 *   FLEET_SERVICE          service name from topology.ts (required)
 *   FLEET_PORT             port on 127.0.0.1; 0 picks a free one                   default 0
 *   FLEET_INSTANCE_ID      registry instance id                                      default <service>-<port>
 *   FLEET_ETCD_ENDPOINTS   comma-separated etcd URLs                                 default http://127.0.0.1:12379
 *   FLEET_PREFIX           registry key prefix                                       default /microservices/
 *   FLEET_LEASE_TTL_S      lease TTL in seconds                                      default 10
 *   FLEET_FAULT            initial injected fault, JSON {"errorRate":..,"latencyMs":..}
 *   FLEET_CALL_TIMEOUT_MS  timeout of each outgoing call                             default 2500
 *   FLEET_POLICY_PREFIX    etcd prefix of the policy store                           default /switchyard/
 *
 * Faults arrive over HTTP on the instance's own port (`/control/faults`) rather than as IPC messages
 * from the launcher: then a test or a curl can drive one instance directly, and an instance need not
 * be the launcher's child to be controlled.
 */

const env = process.env;
const SERVICE = env.FLEET_SERVICE ?? '';
const spec = serviceSpec(SERVICE);
if (!spec) {
  console.error(`FLEET_SERVICE=${JSON.stringify(SERVICE)} is not a service of demo/topology.ts`);
  process.exit(2);
}
const PREFIX = normalizePrefix(env.FLEET_PREFIX ?? '/microservices/');
const LEASE_TTL_S = Math.max(1, Number(env.FLEET_LEASE_TTL_S ?? 10));
const CALL_TIMEOUT_MS = Number(env.FLEET_CALL_TIMEOUT_MS ?? 2500);
const POLICY_PREFIX = normalizePrefix(env.FLEET_POLICY_PREFIX ?? POLICY_ETCD_PREFIX);
const ETCD = (env.FLEET_ETCD_ENDPOINTS ?? 'http://127.0.0.1:12379').split(',').map((s) => s.trim()).filter(Boolean);

let instanceId = env.FLEET_INSTANCE_ID ?? '';
const log = (msg: string) => console.log(`${new Date().toISOString()} [${SERVICE}/${instanceId || '?'}] ${msg}`);

let fault: Fault = NO_FAULT;
if (env.FLEET_FAULT) {
  const parsed = parseFault(JSON.parse(env.FLEET_FAULT) as unknown);
  if (parsed.ok) fault = parsed.value;
  else log(`ignoring FLEET_FAULT: ${parsed.message}`);
}

const metrics = createMetrics();
// Keepalives, as in the BFF's etcd clients: a silently dead connection would otherwise leave the
// policy watch (and discovery's) stale instead of failing over to a resume.
const etcd = new Etcd3({ hosts: ETCD, dialTimeout: 2_000, grpcOptions: { 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000 } });
const discovery = new Discovery(etcd, PREFIX, log);
// Created once the port (hence the default instance id) is known; until then nothing is served.
let policies: PolicyAgent | undefined;
const peer: PeerClient = {
  metrics,
  timeoutMs: CALL_TIMEOUT_MS,
  resolve: (s) => discovery.pick(s),
  admit: (s) => policies?.admitOutbound(s) ?? ADMIT_ALL,
};

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
}
const routes: CompiledRoute[] = spec.routes.map((r) => ({
  spec: r,
  pattern: new RegExp(`^${r.route.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

async function serve(route: RouteSpec, res: ServerResponse): Promise<void> {
  const current = fault;
  await sleep(current.latencyMs + logNormalMs(route.latency.medianMs, route.latency.sigma));
  if (chance(current.errorRate)) return sendJson(res, 500, { error: 'injected fault', service: SERVICE });
  if (chance(route.errorRate ?? 0)) return sendJson(res, route.errorStatus ?? 500, { error: `${SERVICE} failed`, service: SERVICE });
  for (const call of route.calls) {
    const outcome = await callPeer(peer, call, call.path.replace(/\{[^}]+\}/g, () => randomId()));
    if (!outcome.ok) {
      // A peer that answered with a 5xx is a bad gateway; one that could not be reached at all (or
      // refused the call: its rate limit, our breaker or limit) makes this service unavailable for it.
      const status = outcome.status !== undefined && outcome.status >= 500 ? 502 : 503;
      return sendJson(res, status, { error: `${call.service}: ${outcome.errorType}`, service: SERVICE });
    }
  }
  sendJson(res, 200, { service: SERVICE, instance: instanceId, route: route.route });
}

/** A call this instance's inbound policy refused: 429 + Retry-After from the limit, 503 from the breaker. */
function reject(res: ServerResponse, a: Exclude<Admission, { allowed: true }>): void {
  if (a.retryAfterS !== undefined) res.setHeader('retry-after', String(Math.ceil(a.retryAfterS)));
  const policy = `service:${SERVICE}`;
  if (a.by === 'limiter') {
    res.setHeader('x-switchyard-rejected', 'rate-limit');
    return sendJson(res, 429, { error: `rate limited by policy ${policy}`, service: SERVICE });
  }
  // circuit-open, circuit-forced-open or circuit-half-open-full
  res.setHeader('x-switchyard-rejected', `circuit-${a.reason}`);
  sendJson(res, 503, { error: `circuit breaker of policy ${policy}: ${a.reason}`, service: SERVICE });
}

async function control(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, fault);
  if (req.method === 'DELETE') {
    fault = NO_FAULT;
    log('fault cleared');
    return sendJson(res, 200, fault);
  }
  if (req.method !== 'POST' && req.method !== 'PUT') return sendJson(res, 405, { error: 'method: use GET, POST or DELETE' });
  const parsed = parseFault(await readJson(req));
  if (!parsed.ok) return sendJson(res, 400, { error: parsed.message, field: parsed.field });
  fault = parsed.value;
  log(`fault set: errorRate=${fault.errorRate} latencyMs=${fault.latencyMs}`);
  sendJson(res, 200, fault);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // Scrapes, health checks and fault control are not the shop's traffic: they stay out of the
  // histograms, which is what keeps an uncalled service (email) with no series at all.
  if (path === '/metrics') {
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    return void res.end(await metrics.registry.metrics());
  }
  if (path === '/healthz') return sendJson(res, 200, { status: 'ok', service: SERVICE, instance: instanceId });
  if (path === '/control/faults') return control(req, res);

  const started = performance.now();
  const method = req.method ?? 'GET';
  const route = routes.find((r) => r.spec.method === method && r.pattern.test(path));
  res.on('close', () => {
    metrics.server.observe(
      { http_request_method: method, http_route: route?.spec.route ?? '', http_response_status_code: String(res.statusCode) },
      (performance.now() - started) / 1000,
    );
  });
  req.resume();
  if (!route) return sendJson(res, 404, { error: `no route ${method} ${path}` });
  const admission = policies?.admitInbound() ?? ADMIT_ALL;
  if (!admission.allowed) return reject(res, admission);
  res.on('close', () => admission.done(res.statusCode >= 500));
  await serve(route.spec, res);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    if (res.headersSent) return void res.destroy();
    if (err instanceof BadRequest) return sendJson(res, 400, { error: err.message });
    log(`handler error: ${(err as Error).stack ?? String(err)}`);
    sendJson(res, 500, { error: 'internal error' });
  });
});

let registration: Registration | undefined;
let stopping = false;

async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`stopping (${reason})`);
  setTimeout(() => process.exit(1), 5_000).unref();
  await registration?.stop();
  // Give callers' registry watches a moment to drop this instance before its port closes, so a
  // planned stop costs them no refused connections.
  await sleep(300);
  server.close();
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 1_000).unref();
  await Promise.all([discovery.stop(), policies?.stop()]);
  etcd.close();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// Started by the launcher with an IPC channel: if the launcher dies, however it dies, so do we.
if (process.send) process.on('disconnect', () => void shutdown('launcher gone'));

server.on('error', (err) => {
  log(`cannot listen: ${err.message}`);
  process.exit(1);
});
server.listen(Number(env.FLEET_PORT ?? 0), '127.0.0.1', () => {
  const port = (server.address() as AddressInfo).port;
  instanceId ||= `${SERVICE}-${port}`;
  registration = new Registration(
    etcd,
    instanceKey(PREFIX, SERVICE, instanceId),
    { id: instanceId, name: SERVICE, version: '1.0.0', metadata: { zone: 'local', team: spec.team }, endpoints: [`http://127.0.0.1:${port}`] },
    LEASE_TTL_S,
    log,
  );
  policies = new PolicyAgent({
    etcd,
    prefix: POLICY_PREFIX,
    self: { service: SERVICE, instanceId },
    address: `127.0.0.1:${port}`,
    registry: metrics.registry,
    instancesOf: (s) => discovery.addresses(s).length,
    log,
  });
  log(`listening on 127.0.0.1:${port}`);
  // Ready only once the stored policies are applied: a new instance must not serve past a tripped breaker.
  void Promise.all([discovery.start(), registration.start(), policies.start()]).then(() => {
    if (!stopping) process.send?.({ type: 'ready', service: SERVICE, id: instanceId, port, pid: process.pid });
  });
});
