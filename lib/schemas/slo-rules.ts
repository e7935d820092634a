import { z } from 'zod';
import { SloId } from './slo';

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

/**
 * GET /api/v1/slos/rules: `format` yaml (default) or json; `id` a comma-separated list of SLO ids
 * and `service` a service name narrow the set (default: every loaded SLO).
 */
export const RulesParams = z.object({
  format: RulesFormat.default('yaml'),
  id: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean)))
    .pipe(z.array(SloId).min(1, 'must name at least one SLO id').max(1000, 'at most 1,000 ids').optional()),
  service: z.string().min(1, 'must not be empty').max(253).optional(),
});
export type RulesParams = z.infer<typeof RulesParams>;
