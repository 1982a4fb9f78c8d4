// `segue import PATH...`: music folders, playlist files and listening histories (any mix) into the library the desktop app uses.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs, UsageError } from '../args'
import { dataOption, openSegue, waitForJob } from '../open'
import { failedImportPaths } from '../import-outcome'
import { result } from '../output'
import { librarySummary } from '../../core/app/library'
import { describeHistoryReport } from '../../core/history/import-paths'
import { isKnownEncoding } from '../../core/playlists/decode-text'

export async function importCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    json: { type: 'boolean' },
    encoding: { type: 'string' },
  })
  if (a._.length === 0)
    throw new UsageError(
      'Give one or more music folders, playlist files or listening histories to import',
    )
  const paths = a._.map((p) => resolve(p))
  const missing = paths.filter((p) => !existsSync(p))
  if (missing.length) throw new UsageError(`Not found: ${missing.join(', ')}`)
  const app = await openSegue(a.data)
  try {
    const encoding = a.encoding as string | undefined
    if (encoding !== undefined && !isKnownEncoding(encoding))
      throw new UsageError(
        `Unknown text encoding "${encoding}" (e.g. utf-8, windows-1251, koi8-r, shift_jis)`,
      )
    await waitForJob(app, app.startImport(paths, { encoding }))
    const report = (await librarySummary(app.db)).lastImport!
    const folders = report.folders[0]
    const out = {
      ...(folders
        ? {
            tracks_added: folders.tracks_added,
            tracks_updated: folders.tracks_updated,
            tracks_failed: folders.tracks_failed,
            tracks_removed: folders.tracks_removed,
            failures: folders.failures,
          }
        : {}),
      playlists: report.playlists,
      histories: report.histories ?? [],
    }
    result(a.json ?? false, out, () =>
      [
        ...(folders
          ? [
              `Folders: ${folders.tracks_added} added, ${folders.tracks_updated} updated, ${folders.tracks_failed} failed`,
            ]
          : []),
        ...(folders?.failures.slice(0, 20).map((f) => `  ${f.path}: ${f.reason}`) ?? []),
        ...report.playlists.map(
          (p) =>
            `${p.file} (${p.format}${p.encoding ? `, read as ${p.encoding}` : ''}): ${p.entries} entries, ${p.matched_library} your files, ${p.matched_catalog} catalogue, ${p.unmatched} unmatched${p.errors.length ? ` — ${p.errors.join('; ')}` : ''}`,
        ),
        ...(report.histories ?? []).map(describeHistoryReport),
      ].join('\n'),
    )
    // Exit 1 when a named path gave nothing (/dev/zero, a FIFO, a file that is no playlist), one reason per path.
    const failed = failedImportPaths(paths, report)
    for (const f of failed)
      process.stderr.write(`segue: nothing imported from ${f.path}: ${f.reason}\n`)
    return failed.length > 0 ? 1 : 0
  } finally {
    await app.close()
  }
}
