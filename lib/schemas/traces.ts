import { z } from 'zod';

/**
 * A service-to-service link seen in traces over a window (Jaeger's dependency graph): `parent` called
 * `child` `callCount` times. One per (parent, child): adapters add up what their backend splits.
 */
export const DependencyLink = z.object({
  parent: z.string(),
  child: z.string(),
  callCount: z.number().int().nonnegative(),
});
export type DependencyLink = z.infer<typeof DependencyLink>;
