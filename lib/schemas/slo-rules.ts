import { z } from 'zod';

/**
 * A Prometheus rule file (`rule_files:`; docs/configuration/recording_rules.md), as the SLO rule
 * generator (lib/slo/rules.ts) writes it and GET /api/v1/slos/rules returns it with format=json.
 */
const Labels = z.record(z.string(), z.string());

export const RecordingRuleDef = z.object({
  record: z.string(),
  expr: z.string(),
  labels: Labels.optional(),
});
export type RecordingRuleDef = z.infer<typeof RecordingRuleDef>;

export const AlertingRuleDef = z.object({
  alert: z.string(),
  expr: z.string(),
  for: z.string().optional(),
  labels: Labels.optional(),
  annotations: Labels.optional(),
});
export type AlertingRuleDef = z.infer<typeof AlertingRuleDef>;

export const RuleFileGroup = z.object({
  name: z.string(),
  /** Evaluation interval of this group; the server's global one when absent. */
  interval: z.string().optional(),
  rules: z.array(z.union([RecordingRuleDef, AlertingRuleDef])),
});
export type RuleFileGroup = z.infer<typeof RuleFileGroup>;

export const RuleFile = z.object({ groups: z.array(RuleFileGroup) });
export type RuleFile = z.infer<typeof RuleFile>;

export const RulesFormat = z.enum(['yaml', 'json']);
export type RulesFormat = z.infer<typeof RulesFormat>;
