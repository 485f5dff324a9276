import type { ImageMediaType } from "../types.js";

/**
 * The media type of image bytes from their signature (the first bytes every such file starts
 * with), or undefined for anything else: a data URI must name what it holds, and a server may
 * decode by the name.
 */
export function imageMediaType(bytes: Uint8Array): ImageMediaType | undefined {
  const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  // "GIF87a" or "GIF89a".
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "image/gif";
  // "RIFF", a 4-byte size, "WEBP".
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}
