/** Randomness with the shapes real services show: log-normal latency, occasional failures. */

function standardNormal(): number {
  // Box-Muller; 1 - random() keeps the logarithm's argument above zero.
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal around a median, capped so one unlucky draw cannot stall a request for seconds. */
export function logNormalMs(medianMs: number, sigma: number, capMs = medianMs * 25): number {
  return Math.min(capMs, medianMs * Math.exp(sigma * standardNormal()));
}

export function chance(p: number): boolean {
  return p > 0 && Math.random() < p;
}

export function randomId(max = 500): string {
  return String(1 + Math.floor(Math.random() * max));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
