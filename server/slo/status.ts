import 'server-only';
import type { Slo } from '@/lib/schemas/slo';
import type { BurnRateRowStatus, SloAlertState, SloStatus } from '@/lib/schemas/slo-status';
import { ALERT_WINDOWS, CURRENT_BURN_WINDOW, burnRateRows, type AlertWindow, type SloWindowRange } from '@/lib/slo/windows';

/**
 * Pure SLO arithmetic, no queries (docs/slo.md, "Math"); ratios are error ratios bad/total, null = no
 * data. budget = 1 − objective; burn(W) = ratio(W) / budget; budget remaining = 1 − ratio(window) /
 * budget; time to exhaustion = remaining × period / burn(1h); an alert row fires when both its windows'
 * ratios exceed factor × budget (compared on ratios, as the generated alert expressions do).
 */
/** The numbers of one SLO from its error ratios; every formula of docs/slo.md "Math" is here. */
export function sloStatus(p: { slo: Slo; range: SloWindowRange }, windowRatios: Record<AlertWindow, number | null>, periodRatio: number | null, coverage: number | null, problems: string[]): SloStatus {
  const { slo, range } = p;
  const budget = 1 - slo.objective;
  const burn = (ratio: number | null) => (ratio === null ? null : ratio / budget);
  const burnRates = Object.fromEntries(ALERT_WINDOWS.map((w) => [w, burn(windowRatios[w])])) as Record<AlertWindow, number | null>;
  const budgetRemaining = periodRatio === null ? null : 1 - periodRatio / budget;
  const currentBurn = burnRates[CURRENT_BURN_WINDOW];

  let timeToExhaustionMs: number | null = null;
  if (budgetRemaining !== null && budgetRemaining <= 0) timeToExhaustionMs = 0;
  else if (budgetRemaining !== null && currentBurn !== null && currentBurn > 0) timeToExhaustionMs = (budgetRemaining * range.periodMs) / currentBurn;

  const alerts = burnRateRows(slo.window).map((row): BurnRateRowStatus => {
    // Compared on the error ratio, with the same arithmetic as the generated alert expression.
    const threshold = row.factor * (1 - slo.objective);
    const long = windowRatios[row.long];
    const short = windowRatios[row.short];
    return {
      severity: row.severity,
      longWindow: row.long,
      shortWindow: row.short,
      factor: row.factor,
      errorRatioThreshold: threshold,
      for: row.for,
      longBurn: burn(long),
      shortBurn: burn(short),
      enabled: slo.alerting[row.severity],
      firing: long !== null && short !== null && long > threshold && short > threshold,
    };
  });
  const firing = (sev: 'page' | 'ticket') => alerts.some((a) => a.enabled && a.firing && a.severity === sev);
  const alertState: SloAlertState = firing('page') ? 'page' : firing('ticket') ? 'ticket' : periodRatio === null ? 'no-data' : 'ok';

  return {
    id: slo.id,
    name: slo.name,
    service: slo.service,
    labels: slo.labels,
    objective: slo.objective,
    window: slo.window,
    windowStartMs: range.startMs,
    windowEndMs: range.endMs,
    periodMs: range.periodMs,
    sli: periodRatio === null ? null : 1 - periodRatio,
    errorRatio: periodRatio,
    budgetRemaining,
    periodBurn: burn(periodRatio),
    burnRates,
    currentBurn,
    currentBurnWindow: CURRENT_BURN_WINDOW,
    timeToExhaustionMs,
    alerts,
    alertState,
    coverage,
    problems,
  };
}
