/**
 * The demo fleet's control API (demo/README.md) on the port playwright.config.ts gives demo.sh, for specs
 * that inject faults or stop instances. Throws with the answer's text when the fleet refuses.
 */
const CONTROL = `http://127.0.0.1:${process.env.DEMO_CONTROL_PORT ?? '18299'}`;

export async function fleetControl(method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${CONTROL}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
}
