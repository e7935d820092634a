import 'server-only';
import { z } from 'zod';

/**
 * The Prometheus HTTP API as it arrives (docs/querying/api.md). These types never leave the adapter.
 * Sample values are strings because NaN and ±Inf are not JSON numbers.
 */
export const WireEnvelope = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

const Labels = z.record(z.string(), z.string());
const WirePair = z.tuple([z.number(), z.string()]);

export const WireQueryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: Labels, value: WirePair.optional() })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: Labels, values: z.array(WirePair).optional() })) }),
  z.object({ resultType: z.literal('scalar'), result: WirePair }),
  z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
]);

export const WireStringList = z.array(z.string());
export const WireSeries = z.array(Labels);

const WireAlert = z.object({
  labels: Labels,
  annotations: Labels.default({}),
  state: z.enum(['pending', 'firing', 'inactive']),
  activeAt: z.string().optional(),
  value: z.string(),
});

const WireRule = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('alerting'),
    name: z.string(),
    query: z.string(),
    duration: z.number().default(0),
    labels: Labels.default({}),
    annotations: Labels.default({}),
    alerts: z.array(WireAlert).default([]),
    health: z.enum(['ok', 'err', 'unknown']),
    lastError: z.string().optional(),
    state: z.enum(['pending', 'firing', 'inactive']),
  }),
  z.object({
    type: z.literal('recording'),
    name: z.string(),
    query: z.string(),
    labels: Labels.default({}),
    health: z.enum(['ok', 'err', 'unknown']),
    lastError: z.string().optional(),
  }),
]);

export const WireRules = z.object({
  groups: z.array(z.object({ name: z.string(), file: z.string(), interval: z.number(), rules: z.array(WireRule) })),
});

export const WireAlerts = z.object({ alerts: z.array(WireAlert) });

export const WireTargets = z.object({
  activeTargets: z.array(
    z.object({
      labels: Labels,
      scrapePool: z.string(),
      scrapeUrl: z.string(),
      health: z.enum(['up', 'down', 'unknown']),
      lastError: z.string().default(''),
      lastScrape: z.string().optional(),
    }),
  ),
});

export type WireAlertT = z.infer<typeof WireAlert>;
