import { describe, expect, it } from 'vitest';
import { listenUrl, publicBaseUrl } from './baseUrl.js';
import { parseConfig } from '../config.js';

describe('the address letters point at', () => {
  it('is PUBLIC_BASE_URL when it is set, whatever the server listens on', () => {
    const config = parseConfig({ PUBLIC_BASE_URL: 'https://mizekhedmat.isfahan.ir/' });
    expect(config.publicBaseUrl).toBe('https://mizekhedmat.isfahan.ir');
    expect(publicBaseUrl({ config, servedAt: { url: 'http://127.0.0.1:4123' } })).toBe('https://mizekhedmat.isfahan.ir');
  });

  it('is the address the server listens on when PUBLIC_BASE_URL is unset', () => {
    const config = parseConfig({ PORT: '4123' });
    expect(config.publicBaseUrl).toBeNull();
    expect(publicBaseUrl({ config, servedAt: { url: 'http://127.0.0.1:4123' } })).toBe('http://127.0.0.1:4123');
    // Not listening (a script, a test without a port): the configured port on this machine.
    expect(publicBaseUrl({ config, servedAt: { url: null } })).toBe('http://localhost:4123');
  });

  it('reads the listening address: a wildcard as localhost, IPv6 in brackets, a pipe as unknown', () => {
    expect(listenUrl({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe('http://localhost:3000');
    expect(listenUrl({ address: '::', family: 'IPv6', port: 8080 })).toBe('http://localhost:8080');
    expect(listenUrl({ address: '127.0.0.1', family: 'IPv4', port: 41234 })).toBe('http://127.0.0.1:41234');
    expect(listenUrl({ address: '::1', family: 'IPv6', port: 5000 })).toBe('http://[::1]:5000');
    expect(listenUrl({ address: '192.168.1.20', family: 'IPv4', port: 3000 })).toBe('http://192.168.1.20:3000');
    expect(listenUrl('/tmp/miz.sock')).toBeNull();
    expect(listenUrl(null)).toBeNull();
  });

  it('refuses a PUBLIC_BASE_URL that is not an http(s) address', () => {
    expect(() => parseConfig({ PUBLIC_BASE_URL: 'ftp://x' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => parseConfig({ PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
