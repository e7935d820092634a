import { randomId } from './random';
import { serviceSpec } from './topology';

/**
 * Open-loop traffic into the gateway: requests go out at the configured rate whether or not earlier
 * ones have answered (as users do), spread round-robin over the gateway instances running right now.
 * The route mix is the `traffic` weights of the gateway's routes in topology.ts.
 */

interface Entry {
  method: string;
  route: string;
  weight: number;
}

const TICK_MS = 50;
/** Past this many unanswered requests the generator skips sends rather than pile up sockets. */
const MAX_IN_FLIGHT = 500;
export const MAX_RPS = 1_000;

export class LoadGenerator {
  private readonly mix: Entry[];
  private readonly totalWeight: number;
  private timer: NodeJS.Timeout | undefined;
  private credit = 0;
  private next = 0;
  private inFlight = 0;
  readonly stats = { sent: 0, ok: 0, failed: 0, skipped: 0 };

  constructor(
    private readonly gateways: () => string[],
    private rps: number,
  ) {
    this.mix = (serviceSpec('gateway')?.routes ?? [])
      .filter((r) => (r.traffic ?? 0) > 0)
      .map((r) => ({ method: r.method, route: r.route, weight: r.traffic ?? 0 }));
    this.totalWeight = this.mix.reduce((s, e) => s + e.weight, 0);
  }

  get rate(): number {
    return this.rps;
  }

  setRate(rps: number): void {
    this.rps = rps;
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.credit += (this.rps * TICK_MS) / 1000;
    const gateways = this.gateways();
    while (this.credit >= 1) {
      this.credit -= 1;
      if (gateways.length === 0 || this.inFlight >= MAX_IN_FLIGHT) {
        this.stats.skipped++;
        continue;
      }
      void this.send(gateways[this.next++ % gateways.length]!);
    }
  }

  private pick(): Entry | undefined {
    let r = Math.random() * this.totalWeight;
    for (const e of this.mix) if ((r -= e.weight) < 0) return e;
    return this.mix[0];
  }

  private async send(address: string): Promise<void> {
    const entry = this.pick();
    if (!entry) return;
    this.inFlight++;
    this.stats.sent++;
    try {
      const res = await fetch(`http://${address}${entry.route.replace(/\{[^}]+\}/g, () => randomId())}`, {
        method: entry.method,
        headers: entry.method === 'POST' ? { 'content-type': 'application/json' } : undefined,
        body: entry.method === 'POST' ? '{}' : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.ok) this.stats.ok++;
      else this.stats.failed++;
    } catch {
      this.stats.failed++;
    } finally {
      this.inFlight--;
    }
  }
}
