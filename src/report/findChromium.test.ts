import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from './findChromium.js';

describe('findChromium', () => {
  it('finds an executable chromium on PATH, honours CHROMIUM_PATH, and returns undefined when there is none', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
    const empty = mkdtempSync(join(tmpdir(), 'find-chromium-empty-'));
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    const notExecutable = join(dir, 'plain');
    writeFileSync(notExecutable, '', { mode: 0o644 });
    // Act / Assert
    expect(findChromium({ PATH: `${empty}:${dir}` })).toBe(fake);
    expect(findChromium({ PATH: empty })).toBeUndefined();
    expect(findChromium({})).toBeUndefined();
    expect(findChromium({ PATH: empty, CHROMIUM_PATH: fake })).toBe(fake);
    expect(findChromium({ PATH: dir, CHROMIUM_PATH: notExecutable })).toBeUndefined();
  });
});
