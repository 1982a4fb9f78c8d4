// How commands talk: progress to stderr, results to stdout (with --json, one JSON object last on stdout).

export function progress(line: string): void {
  process.stderr.write(`${line}\n`)
}

export function result(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`)
}
