import 'server-only';
import type { RegistryInstance } from '@/lib/schemas/registry';
import type { RegistrySource } from '@/server/sources/registry/port';
import type { ErrorList } from './source-errors';

export interface RegistryView {
  services: Set<string>;
  instances: Map<string, RegistryInstance[]>;
}

/** A registry snapshot grouped by service; a failing registry adds an error and an empty view. */
export async function registryView(registry: RegistrySource | null, errors: ErrorList, signal?: AbortSignal): Promise<RegistryView> {
  const view: RegistryView = { services: new Set(), instances: new Map() };
  if (!registry) return view;
  try {
    const [names, instances] = await Promise.all([registry.services(signal), registry.list(signal)]);
    for (const n of names) view.services.add(n);
    for (const i of instances) {
      view.services.add(i.service);
      const list = view.instances.get(i.service);
      if (list) list.push(i);
      else view.instances.set(i.service, [i]);
    }
  } catch (err) {
    errors.add(err, registry.name);
  }
  return view;
}
