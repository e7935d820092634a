import 'server-only';

/** The subscriber list every registry shares. A throwing listener must not stop the others. */
export class Listeners {
  private readonly fns = new Set<() => void>();
  add(fn: () => void): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  notify(): void {
    for (const fn of this.fns) {
      try {
        fn();
      } catch (err) {
        console.error('[switchyard] registry listener failed', err);
      }
    }
  }
}
