/**
 * The files of a run directory: `rounds.jsonl` (one `RoundRecord` per line) and
 * `checkpoint.json` (written atomically after every round). A run either starts in an empty or
 * new directory, or resumes from its checkpoint; a crash may leave `rounds.jsonl` ahead of the
 * checkpoint (or with a torn last line), so resuming rewrites it from the checkpoint's history.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import type { paramsToJson } from '../../tensor/index.js';
import { appendDurable, atomicWrite } from './atomicWrite.js';
import { configDiff } from './configDiff.js';
import type { RoundRecord } from './types.js';

export const ROUNDS_FILE = 'rounds.jsonl';
export const CHECKPOINT_FILE = 'checkpoint.json';
export const CHECKPOINT_VERSION = 1;

/** What identifies a run's configuration (the hash decides; the config names a mismatch). */
export interface RunIdentity {
  readonly configHash: string;
  readonly config: unknown;
}

/** Contents of `checkpoint.json`. */
export interface Checkpoint extends RunIdentity {
  readonly version: number;
  /** Completed rounds. */
  readonly round: number;
  /** The global model after `round` rounds (`paramsToJson`). */
  readonly params: ReturnType<typeof paramsToJson>;
  /** One record per completed round. */
  readonly history: readonly RoundRecord[];
}

/**
 * Make sure `outDir` can hold a fresh run: create it, or accept it when empty.
 * @throws InputError when it exists and is not empty.
 */
export function startFresh(outDir: string): void {
  if (existsSync(outDir)) {
    const entries = readdirSync(outDir);
    if (entries.length > 0) {
      throw new InputError(`--out ${outDir}: directory is not empty (got ${entries.length} entries, e.g. '${entries[0]}'; expected a new or empty directory): pass --resume to continue the run in it, or choose a new --out`);
    }
  }
  mkdirSync(outDir, { recursive: true });
}

/**
 * Read the checkpoint of `outDir`, check it belongs to `identity`, and rewrite `rounds.jsonl`
 * to exactly its history.
 * @throws InputError when the checkpoint is missing, unreadable, or from another config.
 */
export function resumeFrom(outDir: string, identity: RunIdentity): Checkpoint {
  const path = join(outDir, CHECKPOINT_FILE);
  if (!existsSync(path)) throw new InputError(`--resume: no checkpoint in ${outDir} (got no ${CHECKPOINT_FILE}, expected a run directory written by soteria-lab train); run without --resume to start`);
  let cp: Checkpoint;
  try {
    cp = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  } catch (error) {
    throw new InputError(`--resume: ${path} is not valid JSON (got ${(error as Error).message}, expected a checkpoint)`);
  }
  if (cp.version !== CHECKPOINT_VERSION) throw new InputError(`--resume: ${path}: unsupported checkpoint version (got ${String(cp.version)}, expected ${CHECKPOINT_VERSION})`);
  if (cp.configHash !== identity.configHash) {
    const diff = configDiff(identity.config, cp.config);
    const shown = diff.slice(0, 3).join('; ') + (diff.length > 3 ? `; and ${diff.length - 3} more` : '');
    throw new InputError(`--resume: config differs from the checkpoint's in ${outDir} (got vs checkpoint: ${shown || 'hash only'}); use the same config, or a new --out`);
  }
  atomicWrite(join(outDir, ROUNDS_FILE), cp.history.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return cp;
}

/**
 * Record a completed round: append its line to `rounds.jsonl`, then replace the checkpoint.
 * @param outDir - the run directory.
 * @param checkpoint - the state after the round (its last history entry is the round's record).
 */
export function saveRound(outDir: string, checkpoint: Checkpoint): void {
  const last = checkpoint.history[checkpoint.history.length - 1];
  if (last !== undefined) appendDurable(join(outDir, ROUNDS_FILE), `${JSON.stringify(last)}\n`);
  atomicWrite(join(outDir, CHECKPOINT_FILE), JSON.stringify(checkpoint));
}
