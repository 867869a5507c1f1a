/**
 * The frame hash that the client reports and the server's re-emulation must reproduce:
 * FNV-1a (32-bit) over the frame's RGBA bytes (row by row, R G B A per pixel, exactly the bytes
 * of `AtariMachine.pixels()`) followed by the 128 RAM bytes ($80-$FF), as 8 lowercase hex digits.
 *
 * Pure integer maths (Math.imul, shifts): the same digits in Node and every browser, whatever
 * the platform's byte order.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * @param abgr pixels as 32-bit words with R in the low byte (6502.ts's surface layout).
 * @param ram the 128 bytes of RIOT RAM.
 */
export function frameHash(abgr: Uint32Array, ram: Uint8Array): string {
  let h = FNV_OFFSET_BASIS;
  for (let i = 0; i < abgr.length; i++) {
    const word = abgr[i];
    h = Math.imul(h ^ (word & 0xff), FNV_PRIME);
    h = Math.imul(h ^ ((word >>> 8) & 0xff), FNV_PRIME);
    h = Math.imul(h ^ ((word >>> 16) & 0xff), FNV_PRIME);
    h = Math.imul(h ^ (word >>> 24), FNV_PRIME);
  }
  for (let i = 0; i < ram.length; i++) h = Math.imul(h ^ ram[i], FNV_PRIME);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** FNV-1a (32-bit) of a byte string, as 8 lowercase hex digits (the reference the spec checks). */
export function fnv1a32(bytes: Uint8Array): string {
  let h = FNV_OFFSET_BASIS;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return (h >>> 0).toString(16).padStart(8, '0');
}
