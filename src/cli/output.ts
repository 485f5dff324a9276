/** Where a command speaks: logs on stderr, machine output (--json) alone on stdout. */
export interface Output {
  quiet: boolean;
  json: boolean;
  log(message: string): void;
  result(value: unknown, text: string): void;
}

export function createOutput(options: { quiet?: boolean; json?: boolean }): Output {
  const quiet = Boolean(options.quiet);
  const json = Boolean(options.json);
  return {
    quiet,
    json,
    log: (message) => {
      if (!quiet) process.stderr.write(`${message}\n`);
    },
    result: (value, text) => {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    },
  };
}
