/**
 * Bad dataset input: the message names the file and what is wrong, on one line (line breaks that
 * come from the input, such as a JSON parser's excerpt or a key holding a newline, become spaces).
 */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " "));
  }
}

/** `ENOENT`, `EACCES`, ... of a Node fs error, or its message. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error as Error).message;
}
