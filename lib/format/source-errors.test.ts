import { describe, expect, it } from 'vitest';
import { describeSourceError, errorsFrom, sourceLabel } from './source-errors';

describe('source errors', () => {
  it('names the backend and what went wrong', () => {
    expect(describeSourceError({ source: 'prometheus', kind: 'unavailable', message: 'connection refused' })).toBe('Prometheus unavailable: connection refused');
    expect(describeSourceError({ source: 'registry:etcd', kind: 'timeout', message: 'after 3s' })).toBe('Registry (etcd) timed out: after 3s');
    expect(sourceLabel('consul')).toBe('Consul');
  });

  it('selects a backend family', () => {
    const errs = [
      { source: 'prometheus', kind: 'timeout' as const, message: 'a' },
      { source: 'registry:etcd', kind: 'unavailable' as const, message: 'b' },
    ];
    expect(errorsFrom(errs, 'registry').map((e) => e.message)).toEqual(['b']);
    expect(errorsFrom(errs, 'prometheus')).toHaveLength(1);
  });
});
