import { describe, expect, it } from 'vitest';
import { SwitchyardConfig } from '@/lib/schemas/config';
import { ConfigError } from '@/server/runtime/errors';
import { choosePolicyStore } from './factory';

const cfg = (raw: Record<string, unknown>) => SwitchyardConfig.parse(raw);
const etcdRegistry = { kind: 'etcd', endpoints: ['http://10.0.0.1:2379'] };

describe('choosePolicyStore', () => {
  it('uses the file store in .switchyard/policies when no etcd is configured', () => {
    expect(choosePolicyStore(cfg({}))).toEqual({ kind: 'file', dir: '.switchyard/policies' });
    expect(choosePolicyStore(cfg({ registry: { kind: 'static', file: 'r.json' }, policies: { dir: '/var/lib/sy' } }))).toEqual({ kind: 'file', dir: '/var/lib/sy' });
  });

  it("follows the registry's etcd by default, under /switchyard/", () => {
    expect(choosePolicyStore(cfg({ registry: etcdRegistry }))).toEqual({ kind: 'etcd', endpoints: ['http://10.0.0.1:2379'], prefix: '/switchyard/', dialTimeoutMs: 3000 });
  });

  it('prefers explicit policy endpoints, and an explicit file store over any etcd', () => {
    expect(choosePolicyStore(cfg({ registry: etcdRegistry, policies: { etcd: { endpoints: ['http://10.0.0.9:2379'], prefix: '/p/' } } }))).toMatchObject({ endpoints: ['http://10.0.0.9:2379'], prefix: '/p/' });
    expect(choosePolicyStore(cfg({ registry: etcdRegistry, policies: { store: 'file' } }))).toEqual({ kind: 'file', dir: '.switchyard/policies' });
  });

  it('refuses etcd with no endpoints anywhere, and a prefix without a trailing slash', () => {
    expect(() => choosePolicyStore(cfg({ policies: { store: 'etcd' } }))).toThrow(ConfigError);
    expect(() => cfg({ policies: { etcd: { prefix: '/p' } } })).toThrow(/must end with \//);
  });
});
