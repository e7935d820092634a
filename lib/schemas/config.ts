import { z } from 'zod';

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

export const SwitchyardConfig = z
  .object({
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
    health: z
      .object({
        errorRatioWarning: z.number().min(0).max(1).default(0.01),
        errorRatioCritical: z.number().min(0).max(1).default(0.05),
        p95WarningS: z.number().positive().default(0.5),
        p95CriticalS: z.number().positive().default(2),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type SwitchyardConfig = z.infer<typeof SwitchyardConfig>;
export type HealthThresholds = SwitchyardConfig['health'];
