/**
 * Provenance of a run: everything needed to reproduce a result JSON (DESIGN.md, "Configs":
 * every result carries the resolved config, the seed, the backend, package versions and the
 * command line that reproduces it).
 */
import { createHash } from 'node:crypto';
import { arch, cpus, platform } from 'node:os';
import { canonicalJson } from './canonicalJson.js';
import { ownPackage, readPackageVersion } from './packageVersions.js';

export { canonicalJson };

/** Dependencies whose versions every result records (when installed). */
export const RECORDED_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-backend-webgpu',
  'mathjs',
  'fast-check',
] as const;

/** The backend a run asked for and the one it actually used (a `BackendInfo` fits). */
export interface ProvenanceBackend {
  readonly requested: string;
  /** The backend actually used. */
  readonly name: string;
}

/** Input of `makeProvenance`. */
export interface ProvenanceInput {
  /** The user's arguments (no `node`/script path), e.g. ['demo', '--images', '8']. */
  readonly argv: readonly string[];
  readonly seed: number;
  readonly backend: ProvenanceBackend;
  /** The resolved config; hashed canonically. @default null */
  readonly config?: unknown;
  /** Start time. @default now */
  readonly startedAt?: Date;
}

/** JSON-serialisable provenance record. */
export interface Provenance {
  /** Shell command that reproduces the run, with the seed and the backend used made explicit. */
  readonly command: string;
  /** The same command as an argument vector (without the leading 'soteria-lab'). */
  readonly args: readonly string[];
  readonly seed: number;
  readonly backend: { readonly requested: string; readonly used: string };
  /** soteria-lab, node and the installed `RECORDED_PACKAGES`. */
  readonly versions: Readonly<Record<string, string>>;
  readonly machine: { readonly platform: string; readonly arch: string; readonly cpus: number; readonly cpuModel: string };
  /** ISO 8601. */
  readonly startedAt: string;
  /** sha256 (hex) of `canonicalJson(config)`. */
  readonly configHash: string;
}

/**
 * Hashes a config canonically, so key order does not matter.
 * @param config - plain JSON data.
 * @returns sha256 of `canonicalJson(config)`, in hex.
 */
export function configHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

/**
 * Builds the provenance record of a run.
 * @param input - argv, seed, backend (requested and used), config and start time.
 * @returns the record (plain JSON data).
 */
export function makeProvenance(input: ProvenanceInput): Provenance {
  const args = reproducingArgs(input.argv, input.seed, input.backend.name);
  const machine = cpus();
  return {
    command: ['soteria-lab', ...args].map(shellQuote).join(' '),
    args,
    seed: input.seed,
    backend: { requested: input.backend.requested, used: input.backend.name },
    versions: collectVersions(),
    machine: { platform: platform(), arch: arch(), cpus: machine.length, cpuModel: machine[0]?.model ?? 'unknown' },
    startedAt: (input.startedAt ?? new Date()).toISOString(),
    configHash: configHash(input.config ?? null),
  };
}

/** The user's arguments without any --seed/--backend, followed by the resolved ones. */
function reproducingArgs(argv: readonly string[], seed: number, backend: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed' || arg === '--backend') i++;
    else if (!arg.startsWith('--seed=') && !arg.startsWith('--backend=')) kept.push(arg);
  }
  return [...kept, '--seed', String(seed), '--backend', backend];
}

function collectVersions(): Record<string, string> {
  const versions: Record<string, string> = { 'soteria-lab': ownPackage().version, node: process.versions.node };
  for (const name of RECORDED_PACKAGES) {
    const version = readPackageVersion(name);
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
