// Runs a bench script against the source of an older commit (for "before → after" figures): the commit's src-main and src-shared, today's fixtures and bench.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')

/**
 * Extracts `commit`'s src-main and src-shared into a temporary tree, copies today's `copy` paths
 * (fixtures, the bench script) over it, runs `npx tsx <script> …args` there and returns its stdout.
 */
export function runAtCommit(
  commit: string,
  script: string,
  args: string[],
  copy: string[],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'segue-before-'))
  try {
    const archive = spawnSync(
      'git',
      [
        'archive',
        commit,
        'src-main',
        'src-shared',
        'package.json',
        'tsconfig.json',
        'tsconfig.node.json',
      ],
      {
        cwd: ROOT,
        maxBuffer: 1 << 30,
      },
    )
    if (archive.status !== 0) throw new Error(`git archive ${commit}: ${archive.stderr.toString()}`)
    const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout, maxBuffer: 1 << 30 })
    if (tar.status !== 0) throw new Error(`tar: ${tar.stderr.toString()}`)
    for (const p of copy) cpSync(join(ROOT, p), join(dir, p), { recursive: true })
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    symlinkSync(join(ROOT, 'resources'), join(dir, 'resources'))
    const run = spawnSync('npx', ['tsx', script, ...args], { cwd: dir, maxBuffer: 1 << 28 })
    if (run.status !== 0)
      throw new Error(`${script} at ${commit}: ${run.stderr.toString().slice(-2000)}`)
    return run.stdout.toString()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The `--before <commit>` argument, if given. */
export function beforeCommit(): string | undefined {
  const i = process.argv.indexOf('--before')
  return i >= 0 ? process.argv[i + 1] : undefined
}
