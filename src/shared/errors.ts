/** Line breaks that come from input (a JSON parser's excerpt, a key holding a newline) become spaces. */
export function singleLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ").trim();
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The message of anything thrown, on one line: what a terminal, a log line or a sample record shows. */
export function oneLine(error: unknown): string {
  return singleLine(errorMessage(error));
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a file stands where a folder should be",
  EISDIR: "a folder stands where a file should be",
};

/** A file system error in words with its code (`permission denied, EACCES`), without the path and call that Node's message repeats. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return errorMessage(error);
  return FS_REASONS[code] ? `${FS_REASONS[code]}, ${code}` : code;
}

/**
 * Bad input: a file, flag, spec, dataset or run the user gave cannot be used. Every subclass means
 * exit 2; the message is one line that starts with the file (or flag) at fault and says what is wrong.
 */
export class BadInputError extends Error {
  constructor(message: string) {
    super(singleLine(message));
    this.name = new.target.name;
  }
}

/** The constructor of a room's own kind of bad input, for helpers that report problems in its name. */
export type BadInputClass = new (message: string) => BadInputError;
