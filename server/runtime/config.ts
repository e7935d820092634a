import 'server-only';
import { readFileSync } from 'node:fs';
import { SwitchyardConfig } from '@/lib/schemas/config';
import { ConfigError } from './errors';

/**
 * Configuration = one JSON file (SWITCHYARD_CONFIG) + environment overrides, validated once. Env wins so
 * containers can reuse one file with different backends. A bad value fails loudly with its key path.
 *
 *   SWITCHYARD_EXTERNAL_URL        externalUrl (the dashboard's URL, for links in generated rules)
 *   SWITCHYARD_PROMETHEUS_URL      prometheus.url
 *   SWITCHYARD_ALERTMANAGER_URL    alertmanager.url
 *   SWITCHYARD_JAEGER_URL          jaeger.url (turns Jaeger on)
 *   SWITCHYARD_ETCD_ENDPOINTS      registry = etcd with these comma-separated endpoints
 *   SWITCHYARD_ETCD_PREFIX         registry.prefix (with etcd)
 *   SWITCHYARD_REGISTRY_FILE       registry = static file
 *   SWITCHYARD_PROFILE             profile.kind (otel-http | service-graph | istio)
 *   SWITCHYARD_SCRAPE_INTERVAL_S   prometheus.scrapeIntervalS
 *   SWITCHYARD_SESSION_SECRET      auth.sessionSecret (keep secrets out of the file)
 *   SWITCHYARD_PROXY_SECRET        auth.proxy.sharedSecret
 *   SWITCHYARD_GRPC_LISTEN         grpc.listen (host:port of the PolicyWatch service; "off" for none)
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): SwitchyardConfig {
  const file = env.SWITCHYARD_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`config file ${file} cannot be read: ${(err as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  }
  const merged = applyEnv(structuredClone(raw), env);
  const parsed = SwitchyardConfig.safeParse(merged);
  if (!parsed.success) {
    const where = file ? `config file ${file}` : 'configuration';
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${where} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function section(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const cur = obj[key];
  if (typeof cur === 'object' && cur !== null && !Array.isArray(cur)) return cur as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  obj[key] = fresh;
  return fresh;
}

function applyEnv(cfg: Record<string, unknown>, env: Record<string, string | undefined>): Record<string, unknown> {
  if (env.SWITCHYARD_EXTERNAL_URL) cfg.externalUrl = env.SWITCHYARD_EXTERNAL_URL;
  if (env.SWITCHYARD_PROMETHEUS_URL) section(cfg, 'prometheus').url = env.SWITCHYARD_PROMETHEUS_URL;
  if (env.SWITCHYARD_SCRAPE_INTERVAL_S) section(cfg, 'prometheus').scrapeIntervalS = Number(env.SWITCHYARD_SCRAPE_INTERVAL_S);
  if (env.SWITCHYARD_ALERTMANAGER_URL) section(cfg, 'alertmanager').url = env.SWITCHYARD_ALERTMANAGER_URL;
  if (env.SWITCHYARD_JAEGER_URL) section(cfg, 'jaeger').url = env.SWITCHYARD_JAEGER_URL;
  if (env.SWITCHYARD_PROFILE) section(cfg, 'profile').kind = env.SWITCHYARD_PROFILE;
  if (env.SWITCHYARD_SESSION_SECRET) section(cfg, 'auth').sessionSecret = env.SWITCHYARD_SESSION_SECRET;
  if (env.SWITCHYARD_PROXY_SECRET) section(section(cfg, 'auth'), 'proxy').sharedSecret = env.SWITCHYARD_PROXY_SECRET;
  if (env.SWITCHYARD_GRPC_LISTEN) section(cfg, 'grpc').listen = env.SWITCHYARD_GRPC_LISTEN === 'off' ? null : env.SWITCHYARD_GRPC_LISTEN;
  if (env.SWITCHYARD_SLO_EDITABLE_FILE) section(cfg, 'slo').editableFile = env.SWITCHYARD_SLO_EDITABLE_FILE === 'off' ? null : env.SWITCHYARD_SLO_EDITABLE_FILE;
  if (env.SWITCHYARD_REGISTRY_FILE) cfg.registry = { kind: 'static', file: env.SWITCHYARD_REGISTRY_FILE };
  if (env.SWITCHYARD_ETCD_ENDPOINTS) {
    const prev = section(cfg, 'registry');
    cfg.registry = {
      kind: 'etcd',
      endpoints: env.SWITCHYARD_ETCD_ENDPOINTS.split(',').map((s) => s.trim()).filter(Boolean),
      ...(prev.kind === 'etcd' && prev.prefix ? { prefix: prev.prefix } : {}),
      ...(env.SWITCHYARD_ETCD_PREFIX ? { prefix: env.SWITCHYARD_ETCD_PREFIX } : {}),
    };
  }
  return cfg;
}
