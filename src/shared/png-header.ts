import { crc32 } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Checks a PNG's signature and header chunk (with its CRC) without decoding the pixels, so a whole
 * benchmark is validated before a run in milliseconds. Returns the image size, or a reason.
 */
export function readPngHeader(bytes: Buffer): { width: number; height: number } | string {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) return "not a PNG file";
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString("latin1", 12, 16) !== "IHDR") return "PNG has no IHDR header";
  if (crc32(bytes.subarray(12, 29)) !== bytes.readUInt32BE(29)) return "PNG header is corrupt (bad CRC)";
  if (bytes.toString("latin1", bytes.length - 8, bytes.length - 4) !== "IEND") return "PNG is truncated (no IEND chunk)";
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) return "PNG has zero size";
  // The PNG specification's limit: a larger value is a corrupt header, not an image.
  if (width > 0x7fffffff || height > 0x7fffffff) return "PNG header is corrupt (size beyond 2^31 - 1)";
  return { width, height };
}
