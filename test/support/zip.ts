/** Reads a whole ZIP (as downloaded) into its entries, with yauzl: for the export tests. */
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import type { ExportManifest } from '../../src/modules/exports/export-manifest.js';
import { MANIFEST_PATH } from '../../src/modules/exports/export-names.js';

export interface UnzippedEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated. */
  compressionMethod: number;
}

export async function unzip(zip: Buffer): Promise<UnzippedEntry[]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  const out: UnzippedEntry[] = [];
  for await (const entry of file.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.push({
      name: entry.fileName,
      data: Buffer.concat(chunks),
      compressionMethod: entry.compressionMethod,
    });
  }
  return out;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export interface ExportZip {
  entries: UnzippedEntry[];
  byPath: Map<string, UnzippedEntry>;
  /** `manifest.json`, the ZIP's last entry. */
  manifest: ExportManifest;
}

/** An export ZIP's entries and its manifest (which must be the last entry). */
export async function readExport(zip: Buffer): Promise<ExportZip> {
  const entries = await unzip(zip);
  const last = entries.at(-1);
  if (last?.name !== MANIFEST_PATH)
    throw new Error(`the last entry is ${last?.name ?? 'missing'}, not ${MANIFEST_PATH}`);
  return {
    entries,
    byPath: new Map(entries.map((e) => [e.name, e])),
    manifest: JSON.parse(last.data.toString('utf8')) as ExportManifest,
  };
}

/**
 * Every way the manifest disagrees with the ZIP: an entry it does not list (or lists out of
 * order), a size or a sha256 recomputed here that differs. Empty when it verifies.
 */
export function manifestProblems({ entries, manifest }: ExportZip): string[] {
  const problems: string[] = [];
  const files = entries.slice(0, -1);
  const listed = manifest.files.map((f) => f.path).join('\n');
  if (listed !== files.map((e) => e.name).join('\n'))
    problems.push(
      `manifest lists [${manifest.files.map((f) => f.path).join(', ')}], ` +
        `the ZIP holds [${files.map((e) => e.name).join(', ')}]`,
    );
  for (const file of manifest.files) {
    const entry = files.find((e) => e.name === file.path);
    if (!entry) continue;
    if (entry.data.length !== file.bytes)
      problems.push(`${file.path}: ${entry.data.length} bytes, manifest says ${file.bytes}`);
    const actual = sha256(entry.data);
    if (actual !== file.sha256)
      problems.push(`${file.path}: sha256 ${actual}, manifest says ${file.sha256}`);
  }
  return problems;
}
