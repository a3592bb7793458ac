import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { makeContextFactory } from './context.js';
import { addGlobalOptions } from './globalOptions.js';
import { sink } from './cliTestKit.js';


/** Parses `args` with a root program carrying the global options and one `run` subcommand. */
function contextFor(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out = sink();
  const err = sink();
  const makeCtx = makeContextFactory({ stdout: out.stream, stderr: err.stream, env }, args);
  let captured: ReturnType<typeof makeCtx> | undefined;
  const program = addGlobalOptions(new Command('soteria-lab').exitOverride());
  program.command('run').action((_opts: unknown, command: Command) => {
    captured = makeCtx(command);
  });
  program.parse(args, { from: 'user' });
  if (captured === undefined) throw new Error('the run action did not execute');
  return { ctx: captured, stdout: out.text, stderr: err.text };
}

describe('makeContextFactory', () => {
  it('resolves defaults: seed 0, backend from SOTERIA_BACKEND, else auto', () => {
    // Arrange / Act
    const plain = contextFor(['run']).ctx;
    const fromEnv = contextFor(['run'], { SOTERIA_BACKEND: 'cpu' }).ctx;
    const flagWins = contextFor(['run', '--backend', 'wasm'], { SOTERIA_BACKEND: 'cpu' }).ctx;
    // Assert
    expect([plain.seed, plain.backend, plain.json]).toEqual([0, 'auto', false]);
    expect(fromEnv.backend).toBe('cpu');
    expect(flagWins.backend).toBe('wasm');
  });

  it('routes log to stderr and the result to stdout: JSON with --json, else the summary', () => {
    // Arrange
    const json = contextFor(['--json', 'run', '--seed', '9']);
    const human = contextFor(['run']);
    // Act
    json.ctx.log('progress');
    json.ctx.emit({ answer: 42 }, 'the answer is 42');
    human.ctx.emit({ answer: 42 }, 'the answer is 42\n');
    // Assert
    expect(json.ctx.seed).toBe(9);
    expect(json.stderr()).toBe('progress\n');
    expect(JSON.parse(json.stdout())).toEqual({ answer: 42 });
    expect(human.stdout()).toBe('the answer is 42\n');
  });

  it('refuses a second emit, so stdout carries exactly one result', () => {
    // Arrange
    const { ctx, stdout } = contextFor(['--json', 'run']);
    ctx.emit({ n: 1 }, 'one');
    // Act / Assert
    expect(() => ctx.emit({ n: 2 }, 'two')).toThrow(/emit called twice/);
    expect(stdout()).toBe('{"n":1}\n');
  });
});
