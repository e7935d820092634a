import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const setup = () => {
  let now = 1_000_000;
  const t = new LoginThrottle({ perUser: 3, perAddress: 5, windowMs: 60_000 }, () => now);
  return { t, advance: (ms: number) => (now += ms) };
};

describe('LoginThrottle', () => {
  it('locks a user name after perUser failures until the oldest leaves the window', () => {
    const { t, advance } = setup();
    t.fail('ana', '10.0.0.1'); // t = 0
    advance(10_000);
    t.fail('ana', '10.0.0.2'); // t = 10 s
    advance(10_000);
    expect(t.retryAfterS('ana', '10.0.0.3')).toBe(0);
    t.fail('ana', '10.0.0.3'); // t = 20 s: third failure
    expect(t.retryAfterS('ana', '10.0.0.4')).toBe(40); // the t=0 failure leaves at 60 s
    expect(t.retryAfterS('ANA', null)).toBe(40); // names are counted case-insensitively
    expect(t.retryAfterS('bo', '10.0.0.4')).toBe(0);
    advance(39_999);
    expect(t.retryAfterS('ana', null)).toBe(1);
    advance(1);
    expect(t.retryAfterS('ana', null)).toBe(0);
  });

  it('locks an address after perAddress failures across names', () => {
    const { t } = setup();
    for (const u of ['a', 'b', 'c', 'd', 'e']) t.fail(u, '192.0.2.7');
    expect(t.retryAfterS('f', '192.0.2.7')).toBe(60);
    expect(t.retryAfterS('f', '192.0.2.8')).toBe(0);
    expect(t.retryAfterS('f', null)).toBe(0); // an unknown address is not one shared bucket
  });

  it('clears the user on success, but not the address', () => {
    const { t } = setup();
    for (let i = 0; i < 2; i++) t.fail('ana', '192.0.2.7');
    for (let i = 0; i < 3; i++) t.fail(`x${i}`, '192.0.2.7');
    t.succeed('ana');
    t.fail('ana', null);
    t.fail('ana', null);
    expect(t.retryAfterS('ana', null)).toBe(0); // 2 failures since the success
    expect(t.retryAfterS('z', '192.0.2.7')).toBe(60); // 5 on the address
  });
});
