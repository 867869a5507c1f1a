/** Reads a whole ZIP (as downloaded) into its entries, with yauzl: for the export tests. */
import yauzl from 'yauzl';

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
