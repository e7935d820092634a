import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Prometheus file_sd targets, one file per instance (`<service>-<n>.json`), with `job` = service name.
 * One file per instance lets an instance come and go without rewriting anyone else's target.
 */
export class TargetFiles {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private path(service: string, n: number): string {
    return join(this.dir, `${service}-${n}.json`);
  }

  write(service: string, n: number, address: string): void {
    const body = JSON.stringify([{ targets: [address], labels: { job: service } }]) + '\n';
    // Written aside and renamed, so Prometheus never reads half a file; the dot-name and the
    // .tmp suffix keep the partial file out of the `*.json` glob.
    const tmp = join(this.dir, `.${service}-${n}.json.tmp`);
    writeFileSync(tmp, body);
    renameSync(tmp, this.path(service, n));
  }

  remove(service: string, n: number): void {
    rmSync(this.path(service, n), { force: true });
  }

  /** Drops files a previous launcher left behind for these services. */
  clear(services: readonly string[]): void {
    for (const f of readdirSync(this.dir)) {
      if (services.some((s) => new RegExp(`^\\.?${s}-\\d+\\.json(\\.tmp)?$`).test(f))) rmSync(join(this.dir, f), { force: true });
    }
  }
}
