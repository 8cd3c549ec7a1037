import { createHash } from 'node:crypto';
import { sha256Hex } from '../../src/outlook/sha256';

describe('sha256Hex', () => {
  it.each(['', 'abc', 'ünïcødé ✓ 𝟙', 'x'.repeat(1000)])('matches Node for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
