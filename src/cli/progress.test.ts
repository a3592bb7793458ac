import { describe, expect, it } from 'vitest';
import { sink } from './cliTestKit.js';
import type { CommandContext } from './context.js';
import { makeProgress, type ProgressView } from './progress.js';

const view: ProgressView<number> = {
  format: 'test [{bar}] {value}/{total} | v {v}',
  line: (i) => `item ${i}/3`,
  position: (i) => ({ value: i, total: 3 }),
  payload: (i) => ({ v: String(i * 10) }),
};

function context(opts: { json: boolean; tty: boolean }): { ctx: CommandContext; logged: string[]; bar: () => string } {
  const out = sink();
  if (opts.tty) Object.assign(out.stream, { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  const logged: string[] = [];
  const ctx: CommandContext = {
    seed: 0, backend: 'cpu', json: opts.json, argv: [], log: (m) => logged.push(m), progressStream: out.stream, emit: () => undefined,
  };
  return { ctx, logged, bar: out.text };
}

describe('makeProgress', () => {
  it('logs one line per update when the stream is not a terminal', async () => {
    // Arrange
    const { ctx, logged, bar } = context({ json: false, tty: false });
    // Act
    const p = await makeProgress(ctx, view);
    [1, 2, 3].forEach((i) => p.update(i));
    p.stop();
    // Assert
    expect(logged).toEqual(['item 1/3', 'item 2/3', 'item 3/3']);
    expect(bar()).toBe('');
  });

  it('logs lines, never a bar, under --json even on a terminal', async () => {
    // Arrange
    const { ctx, logged, bar } = context({ json: true, tty: true });
    // Act
    const p = await makeProgress(ctx, view);
    p.update(2);
    p.stop();
    // Assert
    expect(logged).toEqual(['item 2/3']);
    expect(bar()).toBe('');
  });

  it('draws a bar with the payload on a terminal (outside CI) and logs nothing', async () => {
    // Arrange: CI=… would force log lines, so take it away for this test
    const { ctx, logged, bar } = context({ json: false, tty: true });
    const ci = process.env.CI;
    delete process.env.CI;
    // Act
    try {
      const p = await makeProgress(ctx, view);
      [1, 2, 3].forEach((i) => p.update(i));
      p.stop();
      p.stop(); // a second stop is harmless
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
    // Assert
    expect(logged).toEqual([]);
    expect(bar()).toMatch(/3\/3 \| v 30/);
  });
});
