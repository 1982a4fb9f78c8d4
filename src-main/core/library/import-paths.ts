// Cleans the paths a person typed or pasted into the import box and says, per path, which cannot be found.
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'

/** One path that cannot be imported, with a reason a person can act on. */
export interface PathProblem {
  path: string
  reason: string
}

/** Strips whitespace and one pair of surrounding quotes ("…", '…', “…”, ‘…’), as file managers add when copying. */
export function cleanImportPath(raw: string): string {
  let p = raw.trim()
  const pairs: Array<[string, string]> = [
    ['"', '"'],
    ["'", "'"],
    ['\u201c', '\u201d'],
    ['\u2018', '\u2019'],
  ]
  for (const [open, close] of pairs) {
    if (p.length >= 2 && p.startsWith(open) && p.endsWith(close)) {
      p = p.slice(open.length, p.length - close.length).trim()
      break
    }
  }
  return p
}

/** Checks every path exists; returns the cleaned paths and the problems (empty when all can be imported). */
export async function checkImportPaths(
  raw: readonly string[],
): Promise<{ paths: string[]; problems: PathProblem[] }> {
  const paths = [...new Set(raw.map(cleanImportPath).filter(Boolean))]
  const problems: PathProblem[] = []
  for (const p of paths) {
    try {
      await stat(resolve(p))
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      problems.push({
        path: p,
        reason:
          code === 'ENOENT' || code === 'ENOTDIR'
            ? 'not found'
            : code === 'EACCES'
              ? 'permission denied'
              : (e as Error).message,
      })
    }
  }
  return { paths, problems }
}

/** One sentence naming every path that cannot be imported. */
export function describePathProblems(problems: readonly PathProblem[]): string {
  const list = problems.map((p) => `${p.path} (${p.reason})`).join(', ')
  return problems.length === 1
    ? `Nothing imported: ${list}. Check the spelling; the path is on the machine running Segue.`
    : `Nothing imported: ${problems.length} paths cannot be used: ${list}.`
}
