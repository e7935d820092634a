import { stringify } from 'yaml';
import type { Slo } from '../schemas/slo';

/**
 * An SLO as one document in our own format (docs/slo.md), whichever format it was loaded from: what
 * the UI's editor starts from, and what "copy to editable" copies. The objective stays a ratio (a
 * percentage would round-trip through floating point); fields at their defaults are left out.
 */
export function sloToSwitchyardYaml(slo: Slo): string {
  const doc: Record<string, unknown> = { apiVersion: 'switchyard/v1', kind: 'SLO', id: slo.id, name: slo.name };
  if (slo.description) doc.description = slo.description;
  doc.service = slo.service;
  if (Object.keys(slo.labels).length) doc.labels = slo.labels;
  doc.objective = slo.objective;
  doc.window = slo.window.kind === 'rolling' ? `${slo.window.days}d` : { calendar: 'month', timeZone: slo.window.timeZone };
  doc.indicator = slo.indicator;
  const alerting = trimAlerting(slo.alerting);
  if (alerting) doc.alerting = alerting;
  return stringify(doc, { lineWidth: 0 });
}

function trimAlerting(a: Slo['alerting']): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (!a.page) out.page = false;
  if (!a.ticket) out.ticket = false;
  if (Object.keys(a.labels).length) out.labels = a.labels;
  if (Object.keys(a.annotations).length) out.annotations = a.annotations;
  if (a.name) out.name = a.name;
  if (a.bySeverity) out.bySeverity = a.bySeverity;
  return Object.keys(out).length ? out : null;
}

/** The editor's starting text for a new SLO. */
export function newSloTemplate(service = 'my-service'): string {
  return [
    'apiVersion: switchyard/v1',
    'kind: SLO',
    `id: ${service}-availability`,
    `name: ${service} availability`,
    `service: ${service}`,
    'objectivePercent: 99.9',
    'window: 28d',
    'indicator:',
    '  kind: service-availability',
    '',
  ].join('\n');
}
