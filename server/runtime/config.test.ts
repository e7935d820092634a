import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const file = (content: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'switchyard.json');
  writeFileSync(p, content);
  return p;
};

describe('loadConfig', () => {
  it('uses defaults without a file', () => {
    const c = loadConfig({});
    expect(c.prometheus.url).toBe('http://127.0.0.1:9090');
    expect(c.registry).toEqual({ kind: 'none' });
    expect(c.profile.kind).toBe('otel-http');
  });

  it('reads the file and lets the environment override it', () => {
    const p = file(JSON.stringify({ prometheus: { url: 'http://prom:9090', scrapeIntervalS: 5 }, registry: { kind: 'etcd', endpoints: ['http://etcd:2379'], prefix: '/svc/' } }));
    const c = loadConfig({ SWITCHYARD_CONFIG: p, SWITCHYARD_PROMETHEUS_URL: 'http://127.0.0.1:19090', SWITCHYARD_ETCD_ENDPOINTS: 'http://a:1, http://b:2' });
    expect(c.prometheus).toMatchObject({ url: 'http://127.0.0.1:19090', scrapeIntervalS: 5 });
    expect(c.registry).toEqual({ kind: 'etcd', endpoints: ['http://a:1', 'http://b:2'], prefix: '/svc/', dialTimeoutMs: 3000 });
  });

  it('names the bad key', () => {
    const p = file(JSON.stringify({ prometheus: { url: 'not a url' } }));
    expect(() => loadConfig({ SWITCHYARD_CONFIG: p })).toThrow(/prometheus\.url: Invalid URL/);
    const q = file(JSON.stringify({ profile: { kind: 'linkerd' } }));
    expect(() => loadConfig({ SWITCHYARD_CONFIG: q })).toThrow(/profile\.kind/);
    const r = file(JSON.stringify({ promethues: {} }));
    expect(() => loadConfig({ SWITCHYARD_CONFIG: r })).toThrow(/promethues/);
    expect(() => loadConfig({ SWITCHYARD_PROFILE: 'nope' })).toThrow(/profile\.kind/);
  });

  it('has no Jaeger unless configured; the environment turns it on with defaults', () => {
    expect(loadConfig({}).jaeger).toBeUndefined();
    expect(loadConfig({ SWITCHYARD_JAEGER_URL: 'http://jaeger:16686' }).jaeger).toEqual({ url: 'http://jaeger:16686', transport: 'http', grpcTls: false, timeoutMs: 10_000 });
    const p = file(JSON.stringify({ jaeger: { url: 'http://jaeger:16686', transport: 'grpc', grpcTarget: 'jaeger-query:16685' } }));
    expect(loadConfig({ SWITCHYARD_CONFIG: p }).jaeger).toMatchObject({ transport: 'grpc', grpcTarget: 'jaeger-query:16685' });
    const bad = file(JSON.stringify({ jaeger: { url: 'http://jaeger:16686', transport: 'grpc', grpcTarget: 'grpc://jaeger' } }));
    expect(() => loadConfig({ SWITCHYARD_CONFIG: bad })).toThrow(/jaeger\.grpcTarget: must be host:port/);
    expect(() => loadConfig({ SWITCHYARD_CONFIG: file(JSON.stringify({ jaeger: {} })) })).toThrow(/jaeger\.url/);
  });

  it('has no gRPC PolicyWatch server unless configured; the environment sets or clears its address', () => {
    expect(loadConfig({}).grpc.listen).toBeNull();
    expect(loadConfig({}).policies.convergenceTimeoutMs).toBe(30_000);
    expect(loadConfig({ SWITCHYARD_GRPC_LISTEN: '127.0.0.1:18098' }).grpc.listen).toBe('127.0.0.1:18098');
    const on = file(JSON.stringify({ grpc: { listen: '0.0.0.0:9000' } }));
    expect(loadConfig({ SWITCHYARD_CONFIG: on, SWITCHYARD_GRPC_LISTEN: 'off' }).grpc.listen).toBeNull();
    expect(() => loadConfig({ SWITCHYARD_GRPC_LISTEN: 'grpc://x' })).toThrow(/grpc\.listen: must be host:port/);
  });

  it('has no editable SLO file unless configured; the environment sets or clears it', () => {
    expect(loadConfig({}).slo.editableFile).toBeNull();
    expect(loadConfig({ SWITCHYARD_SLO_EDITABLE_FILE: '.stack/demo/slos-edited.yaml' }).slo).toEqual({ paths: [], editableFile: '.stack/demo/slos-edited.yaml' });
    const on = file(JSON.stringify({ slo: { paths: ['a.yaml'], editableFile: 'b.yaml' } }));
    expect(loadConfig({ SWITCHYARD_CONFIG: on, SWITCHYARD_SLO_EDITABLE_FILE: 'off' }).slo).toEqual({ paths: ['a.yaml'], editableFile: null });
  });

  it('says when the file is missing or not JSON', () => {
    expect(() => loadConfig({ SWITCHYARD_CONFIG: '/nonexistent/switchyard.json' })).toThrow(/cannot be read/);
    expect(() => loadConfig({ SWITCHYARD_CONFIG: file('{ nope') })).toThrow(/not valid JSON/);
  });
});
