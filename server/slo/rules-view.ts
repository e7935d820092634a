import 'server-only';
import type { RulesParams } from '@/lib/schemas/slo-rules';
import { generateRules, rulesToJson, rulesToYaml } from '@/lib/slo/rules';
import type { Container } from '@/server/container';
import { NotFoundError } from '@/server/runtime/errors';

export interface RulesDownload {
  text: string;
  contentType: string;
  filename: string;
}

/**
 * The Prometheus rule file for the loaded SLOs (all, the named ids, or one service's), as a download.
 * Links in the alerts' triage_url are built from config externalUrl.
 */
export function sloRulesDownload(c: Container, p: RulesParams): RulesDownload {
  let slos = c.slos.list();
  if (p.id !== undefined) {
    const missing = p.id.filter((id) => !c.slos.get(id));
    if (missing.length) throw new NotFoundError(`no SLO with id ${missing.map((m) => `"${m}"`).join(', ')} (${slos.length} loaded)`);
    const wanted = new Set(p.id);
    slos = slos.filter((s) => wanted.has(s.id));
  }
  if (p.service !== undefined) slos = slos.filter((s) => s.service === p.service);
  const file = generateRules(slos, { profile: c.profile, baseUrl: c.config.externalUrl });
  const base = p.id?.length === 1 ? `${p.id[0]}.rules` : 'switchyard-slo.rules';
  return p.format === 'json'
    ? { text: rulesToJson(file), contentType: 'application/json; charset=utf-8', filename: `${base}.json` }
    : { text: rulesToYaml(file), contentType: 'application/yaml; charset=utf-8', filename: `${base}.yaml` };
}
