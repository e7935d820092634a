import { z } from 'zod';

/** Prometheus objects in the BFF's domain shape (times in unix ms, values as numbers). */
export const PromAlert = z.object({
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  state: z.enum(['pending', 'firing', 'inactive']),
  activeAtMs: z.number().nullable(),
  value: z.number(),
});
export type PromAlert = z.infer<typeof PromAlert>;

const RuleBase = z.object({
  name: z.string(),
  query: z.string(),
  labels: z.record(z.string(), z.string()),
  health: z.enum(['ok', 'err', 'unknown']),
  lastError: z.string().nullable(),
});

export const PromRule = z.discriminatedUnion('type', [
  RuleBase.extend({
    type: z.literal('alerting'),
    state: z.enum(['pending', 'firing', 'inactive']),
    durationS: z.number(),
    annotations: z.record(z.string(), z.string()),
    alerts: z.array(PromAlert),
  }),
  RuleBase.extend({ type: z.literal('recording') }),
]);
export type PromRule = z.infer<typeof PromRule>;

export const PromRuleGroup = z.object({
  name: z.string(),
  file: z.string(),
  intervalS: z.number(),
  rules: z.array(PromRule),
});
export type PromRuleGroup = z.infer<typeof PromRuleGroup>;

export const PromTarget = z.object({
  labels: z.record(z.string(), z.string()),
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  health: z.enum(['up', 'down', 'unknown']),
  lastError: z.string(),
  lastScrapeMs: z.number().nullable(),
});
export type PromTarget = z.infer<typeof PromTarget>;
