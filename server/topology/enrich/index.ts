import 'server-only';
import { policyBadges } from './policy-badges';
import { sloBadges } from './slo-badges';
import type { Enricher } from './types';

/** The topology's enrichment steps, in the order they apply (each writes its own fields). */
export const ENRICHERS: readonly Enricher[] = [sloBadges, policyBadges];
export type { ApplyEnrichment, EnrichContext, Enricher } from './types';
