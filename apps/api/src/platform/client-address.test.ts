import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env';
import { addressBucket, compileTrustedProxies } from './client-address';

const baseEnv = {
  DIDIT_BASE_URL: 'http://127.0.0.1:1',
  DIDIT_API_KEY: 'key',
  DIDIT_WEBHOOK_SECRETS: 'secret-secret',
};

describe('client address buckets', () => {
  it('keys IPv4 by address and IPv6 by /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(addressBucket('2001:db8:1:2::1'));
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('puts what is not an address in one "unknown" bucket', () => {
    expect(addressBucket(null)).toBe('unknown');
    expect(addressBucket('not-an-address')).toBe('unknown');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('accepts addresses, ranges and names, and matches through them', () => {
    const trust = compileTrustedProxies(['loopback', '10.0.0.0/8', '2001:db8::1']);
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::ffff:127.0.0.1', 0)).toBe(true);
    expect(trust('10.1.2.3', 0)).toBe(true);
    expect(trust('2001:db8::1', 0)).toBe(true);
    expect(trust('203.0.113.7', 0)).toBe(false);
  });

  it('is empty by default and refuses a malformed entry at start', () => {
    expect(loadEnv(baseEnv).TRUSTED_PROXIES).toEqual([]);
    expect(loadEnv({ ...baseEnv, TRUSTED_PROXIES: ' loopback , 10.0.0.0/8 ' }).TRUSTED_PROXIES).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(() => loadEnv({ ...baseEnv, TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadEnv({ ...baseEnv, TRUSTED_PROXIES: 'proxy.example.com' })).toThrow(/TRUSTED_PROXIES/);
  });
});
