import { describe, expect, it } from 'vitest';
import { SCRYPT_N, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('officer passwords', () => {
  it('are stored as scrypt with the OWASP cost and a random salt, and verify only with the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(SCRYPT_N).toBe(2 ** 17);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'md5$whatever')).toBe(false);
  });

  it('must be long enough', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('long enough password')).toBeNull();
  });
});
