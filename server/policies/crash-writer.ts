import 'server-only';
import { PolicySpec, type PolicyTarget } from '@/lib/schemas/policy';
import { createFilePolicyStore } from './file-store';

/**
 * The child process of the crash-safety test (file-store.crash.test.ts): writes to the file store at
 * argv[2] as fast as it can, and prints `<id> <version> <revision>` for every write the store
 * acknowledged, before making the next one. The test SIGKILLs it at random moments.
 * Run: tsx --conditions=react-server server/policies/crash-writer.ts <dir>
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-writer.ts <dir>');
const targets: PolicyTarget[] = [
  { kind: 'service', service: 'a' },
  { kind: 'service', service: 'b' },
  { kind: 'edge', source: 'a', target: 'b' },
];
const ids = ['service:a', 'service:b', 'edge:a>b'];
const store = createFilePolicyStore({ dir });

for (let i = 0; ; i++) {
  const k = i % targets.length;
  const cur = await store.get(ids[k]!);
  const reason = `crash loop write ${i} by pid ${process.pid}`;
  const p =
    cur && !cur.deleted && i % 7 === 0
      ? await store.remove(ids[k]!, cur.version, reason, 'crash-writer')
      : await store.write(
          ids[k]!,
          { spec: PolicySpec.parse({ target: targets[k], rateLimit: { ratePerSecond: 1 + (i % 1000), burst: 10 } }), expectedVersion: cur?.version ?? 0, reason },
          'crash-writer',
        );
  process.stdout.write(`${p.id} ${p.version} ${p.revision}\n`);
}
