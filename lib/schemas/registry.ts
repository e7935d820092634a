import { z } from 'zod';

/** One instance of a service as a registry (etcd, Consul, Nacos, static file) knows it. */
export const RegistryInstance = z.object({
  service: z.string().min(1),
  id: z.string().min(1),
  address: z.string().min(1), // host:port
  metadata: z.record(z.string(), z.string()).default({}),
});
export type RegistryInstance = z.infer<typeof RegistryInstance>;
