// The shared corpus of real modules (../shared/corpus beside the repository) and libopenmpt's view
// of each file (../shared/tools/reference.sh --info). Tests that need them skip with a notice.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const CORPUS_DIR = `${SHARED_DIR}corpus/`;
export const REFERENCE_SH = `${SHARED_DIR}tools/reference.sh`;

export const hasCorpus = existsSync(`${CORPUS_DIR}MANIFEST.tsv`);

/** One corpus file as MANIFEST.tsv lists it. */
export interface CorpusEntry {
  /** Path relative to the corpus folder, e.g. "mod/foo.mod". */
  readonly path: string;
  readonly absPath: string;
  /** The real format, whatever the extension says. */
  readonly format: string;
  readonly channels: number;
  /** libopenmpt's duration of subsong 0, in seconds. */
  readonly duration: number;
}

/** Every corpus file (empty when the corpus is absent). */
export function corpusEntries(format?: string): CorpusEntry[] {
  if (!hasCorpus) return [];
  const lines = readFileSync(`${CORPUS_DIR}MANIFEST.tsv`, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
  return lines
    .map((l) => l.split('\t'))
    .map((f) => ({ path: f[0]!, absPath: `${CORPUS_DIR}${f[0]!}`, format: f[1]!, channels: Number(f[2]), duration: Number(f[3]) }))
    .filter((e) => format === undefined || e.format === format);
}

export function readCorpusFile(entry: CorpusEntry): Uint8Array {
  return new Uint8Array(readFileSync(entry.absPath));
}

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasReference = hasCorpus && existsSync(REFERENCE_SH) && hasCommand('openmpt123');

/** libopenmpt's facts about a file ("key: value" lines of reference.sh --info). */
export function referenceInfo(absPath: string): Record<string, string> {
  const text = execFileSync('bash', [REFERENCE_SH, '--info', absPath], { encoding: 'utf8' });
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return out;
}

/** Prints why corpus tests are skipped (once per file that calls it). */
export function noticeIfMissing(what: string): void {
  if (!hasCorpus) console.warn(`NOTICE: ${what} skipped: ../shared/corpus is absent (expected at ${CORPUS_DIR})`);
  else if (!hasReference) console.warn(`NOTICE: ${what}: libopenmpt comparisons skipped: openmpt123 or ${REFERENCE_SH} is missing`);
}
