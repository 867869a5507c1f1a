import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed download URLs for the local driver, served by `StorageController`:
 * `{publicUrl}/api/storage/files?key=...&exp=<unix s>&sig=<hex HMAC-SHA256>&filename=...`
 * where the HMAC covers `key + '\n' + exp + '\n' + filename` (filename '' when absent).
 * Pure: no Nest, no I/O.
 */

export const SIGNED_FILES_PATH = '/api/storage/files';

export interface DownloadGrant {
  key: string;
  /** Expiry, unix seconds. */
  exp: number;
  filename?: string;
}

export type VerifyResult =
  | { ok: true; key: string; exp: number; filename?: string }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function signDownload(secret: string, grant: DownloadGrant): string {
  return createHmac('sha256', secret)
    .update(`${grant.key}\n${grant.exp}\n${grant.filename ?? ''}`)
    .digest('hex');
}

export function buildSignedDownloadUrl(
  baseUrl: string,
  secret: string,
  grant: DownloadGrant,
): string {
  const query = new URLSearchParams({
    key: grant.key,
    exp: String(grant.exp),
    sig: signDownload(secret, grant),
  });
  if (grant.filename) query.set('filename', grant.filename);
  return `${baseUrl.replace(/\/$/, '')}${SIGNED_FILES_PATH}?${query.toString()}`;
}

/**
 * Checks a query taken from a signed URL. The signature is checked before the expiry so that
 * "expired" is only ever said of a URL that we really issued.
 */
export function verifyDownload(
  secret: string,
  query: Record<string, unknown>,
  nowS: number = Math.floor(Date.now() / 1000),
): VerifyResult {
  const { key, exp, sig, filename } = query;
  if (typeof key !== 'string' || key === '') return { ok: false, reason: 'malformed' };
  if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp)) return { ok: false, reason: 'malformed' };
  if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig))
    return { ok: false, reason: 'malformed' };
  if (filename !== undefined && typeof filename !== 'string')
    return { ok: false, reason: 'malformed' };

  const grant: DownloadGrant = { key, exp: Number(exp), filename: filename || undefined };
  const expected = Buffer.from(signDownload(secret, grant), 'hex');
  const given = Buffer.from(sig, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  if (grant.exp < nowS) return { ok: false, reason: 'expired' };
  return { ok: true, ...grant };
}
