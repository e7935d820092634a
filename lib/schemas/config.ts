import { z } from 'zod';
import { mergeThresholds, THRESHOLD_KEYS } from '../health-thresholds';
import { servicePatternProblem } from '../service-pattern';
import { AuthConfig } from './auth';
import { POLICY_ETCD_PREFIX } from './policy';

/**
 * Where a metric profile finds RED numbers. One shape serves OpenTelemetry HTTP histograms, the OTel
 * service-graph connector and Istio: they differ only in metric and label names (see
 * server/profiles/presets.ts), so one PromQL builder covers all three and any fleet that renames labels.
 */
const SideSpec = z.object({
  /** Counter of all requests, e.g. http_server_request_duration_seconds_count. */
  requests: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/),
  /** Counter of failed requests (may be the same metric as `requests`, narrowed by errorMatchers). */
  errors: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/),
  errorMatchers: z.array(z.string()).default([]),
  /** Histogram bucket series (with `le`) for latency percentiles. */
  buckets: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/),
  /** Multiply histogram values by this to get seconds (Istio reports milliseconds: 0.001). */
  latencyScale: z.number().positive().default(1),
  /** Matchers applied to every query of this side, e.g. reporter="destination". */
  matchers: z.array(z.string()).default([]),
});

const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name');

export const ProfileSpec = z.object({
  service: SideSpec.extend({ serviceLabel: LabelName }),
  edge: SideSpec.extend({ clientLabel: LabelName, serverLabel: LabelName }),
  /** Scrape-target health per instance: `up{<serviceLabel>="svc"}`, instance address in instanceLabel. */
  up: z.object({ serviceLabel: LabelName, instanceLabel: LabelName }).nullable().default(null),
});
export type ProfileSpec = z.infer<typeof ProfileSpec>;

export const ProfileKind = z.enum(['otel-http', 'service-graph', 'istio']);
export type ProfileKind = z.infer<typeof ProfileKind>;

const Url = z.url({ protocol: /^https?$/ });

export const RegistryConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('static'), file: z.string().min(1) }),
  z.object({
    kind: z.literal('etcd'),
    endpoints: z.array(Url).min(1),
    prefix: z.string().startsWith('/').default('/microservices/'),
    dialTimeoutMs: z.number().int().positive().default(3000),
  }),
]);
export type RegistryConfig = z.infer<typeof RegistryConfig>;

/** Jaeger's query service: dependency links for the topology (and, later, trace search). Absent: no traces. */
export const JaegerConfig = z
  .object({
    /** The query service's HTTP address (the UI port, 16686 by default). */
    url: Url,
    /** How links are read: the HTTP JSON API (`/api/dependencies`) or gRPC `jaeger.api_v2.QueryService`. */
    transport: z.enum(['http', 'grpc']).default('http'),
    /** host:port of the gRPC query API; default: the url's host on 16685. */
    grpcTarget: z.string().regex(/^[^\s/]+:\d{1,5}$/, 'must be host:port').optional(),
    grpcTls: z.boolean().default(false),
    timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  })
  .strict();
export type JaegerConfig = z.infer<typeof JaegerConfig>;

const Ratio = z.number().min(0).max(1);
const Seconds = z.number().positive();

/** The four numbers health is graded against (lib/health.ts): at or above a threshold is that colour. */
export const HealthThresholds = z.object({
  errorRatioWarning: Ratio,
  errorRatioCritical: Ratio,
  p95WarningS: Seconds,
  p95CriticalS: Seconds,
});
export type HealthThresholds = z.infer<typeof HealthThresholds>;

/** Thresholds for the services whose name matches `match` (see lib/service-pattern.ts); unset ones inherit. */
export const HealthOverride = HealthThresholds.partial()
  .extend({
    match: z.string().superRefine((v, ctx) => {
      const problem = servicePatternProblem(v);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
  })
  .strict()
  .refine((o) => THRESHOLD_KEYS.some((k) => o[k] !== undefined), { message: 'sets no threshold (give at least one of errorRatioWarning, errorRatioCritical, p95WarningS, p95CriticalS)' });
export type HealthOverride = z.infer<typeof HealthOverride>;

/**
 * Defaults follow Kiali's for application errors (5xx): degraded from 0.1 %, failed from 10 %. Kiali has
 * no latency default; ours (p95 0.5 s / 2 s) flag a slow service that does not fail. Overrides: the
 * first whose `match` fits the service wins; an edge is graded with its callee's thresholds.
 */
export const HealthConfig = z
  .object({
    errorRatioWarning: Ratio.default(0.001),
    errorRatioCritical: Ratio.default(0.1),
    p95WarningS: Seconds.default(0.5),
    p95CriticalS: Seconds.default(2),
    overrides: z.array(HealthOverride).default([]),
  })
  .strict()
  .superRefine((h, ctx) => {
    // A warning above its critical threshold would never show: say so at start-up instead.
    const check = (t: HealthThresholds, path: Array<string | number>) => {
      for (const [warn, crit] of [['errorRatioWarning', 'errorRatioCritical'], ['p95WarningS', 'p95CriticalS']] as const) {
        if (t[warn] > t[crit]) ctx.addIssue({ code: 'custom', path: [...path, warn], message: `${warn} (${t[warn]}) is above ${crit} (${t[crit]})` });
      }
    };
    check(h, []);
    h.overrides.forEach((o, i) => check(mergeThresholds(h, o), ['overrides', i]));
  });
export type HealthConfig = z.infer<typeof HealthConfig>;

/**
 * Where policies are stored (docs/policies.md). `auto`: etcd when `etcd.endpoints` is set or the
 * registry is etcd (its endpoints then serve policies too, so the fleet watches one etcd), else the
 * embedded file store in `dir`.
 */
export const PolicyStoreConfig = z
  .object({
    store: z.enum(['auto', 'file', 'etcd']).default('auto'),
    /** The file store's directory (relative to the working directory); one BFF process per directory. */
    dir: z.string().min(1).default('.switchyard/policies'),
    etcd: z
      .object({
        endpoints: z.array(Url).min(1).optional(),
        prefix: z.string().startsWith('/').endsWith('/', 'must end with /').default(POLICY_ETCD_PREFIX),
        dialTimeoutMs: z.number().int().positive().default(3000),
      })
      .strict()
      .prefault({}),
    /** Rollout status flags an instance that has not applied a write this long after it (stuck). */
    convergenceTimeoutMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
  })
  .strict();
export type PolicyStoreConfig = z.infer<typeof PolicyStoreConfig>;

export const SwitchyardConfig = z
  .object({
    /**
     * The dashboard's URL as users reach it, for links it puts into things read elsewhere (the
     * triage_url of generated alert rules). Without it those links are paths (/triage?slo=…).
     */
    externalUrl: Url.optional(),
    prometheus: z
      .object({
        url: Url.default('http://127.0.0.1:9090'),
        timeoutMs: z.number().int().positive().max(120_000).default(10_000),
        /** The scrape interval of the fleet's metrics: the finest useful step, and the rate() floor. */
        scrapeIntervalS: z.number().positive().max(3600).default(15),
        headers: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .prefault({}),
    alertmanager: z.object({ url: Url.optional() }).strict().prefault({}),
    registry: RegistryConfig.default({ kind: 'none' }),
    jaeger: JaegerConfig.optional(),
    profile: z
      .object({
        kind: ProfileKind.default('otel-http'),
        /** Partial overrides of the preset's metric and label names. */
        overrides: z
          .object({
            service: SideSpec.extend({ serviceLabel: LabelName }).partial().optional(),
            edge: SideSpec.extend({ clientLabel: LabelName, serverLabel: LabelName }).partial().optional(),
          })
          .strict()
          .default({}),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({
        /** Identical queries within this time are answered once; also the "now" alignment of live views. */
        ttlMs: z.number().int().nonnegative().max(300_000).default(5_000),
      })
      .strict()
      .prefault({}),
    health: HealthConfig.prefault({}),
    /** Circuit-breaker and rate-limit policies (docs/policies.md). */
    policies: PolicyStoreConfig.prefault({}),
    /**
     * The gRPC PolicyWatch service (server/policies/grpc/, docs/policies.md): `listen` host:port, or
     * null (the default) for none. Started once per process by instrumentation.ts.
     */
    grpc: z
      .object({ listen: z.string().regex(/^[^\s/]+:\d{1,5}$/, 'must be host:port (e.g. 127.0.0.1:18098)').nullable().default(null) })
      .strict()
      .prefault({}),
    /** Who may write (docs/auth.md); default mode "none": everyone reads, nobody writes. */
    auth: AuthConfig.prefault({}),
    /** SLO spec files (docs/slo.md): files, or directories whose *.yaml, *.yml, *.json are read (not recursively). */
    slo: z
      .object({
        paths: z.array(z.string().min(1)).default([]),
        /**
         * The one file the UI writes SLO edits to (our format, kind SLOList; docs/slo.md "Editing in the
         * UI"); it is also read like the paths. null (the default): editing in the UI is off.
         */
        editableFile: z.string().min(1).nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type SwitchyardConfig = z.infer<typeof SwitchyardConfig>;
