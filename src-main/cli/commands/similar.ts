// `segue similar --song "ARTIST - TITLE"`: the nearest songs from the model in use, exactly as the app serves them.
import { songKey } from '../../../src-shared/song-key'
import { parseArgs, UsageError } from '../args'
import { dataOption, openSegue } from '../open'
import { result } from '../output'

export async function similar(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    song: { type: 'string' },
    topn: { type: 'int', default: 10, min: 1 },
    json: { type: 'boolean' },
  })
  if (!a.song) throw new UsageError('--song "ARTIST - TITLE" is required')
  const app = await openSegue(a.data)
  try {
    const key = resolveSong(a.song, (k) => app.catalog.get(k) !== undefined)
    if (!key) {
      const hints = app.catalog
        .search(a.song.replace(/ - /g, ' '), 3)
        .map((s) => `"${s.artist} - ${s.title}"`)
      throw new UsageError(
        `No song "${a.song}" in the catalogue${hints.length ? ` — did you mean ${hints.join(', ')}?` : ''}`,
      )
    }
    if (!app.model)
      throw new Error(
        `No trained model in ${app.options.dataDir} — run \`npx segue train --data ${app.options.dataDir}\` first`,
      )
    const answer = await app.similar(key, a.topn!)
    result(a.json ?? false, answer, () =>
      answer.results
        .map(
          (r, i) =>
            `${String(i + 1).padStart(3)}. ${r.score.toFixed(3)}  ${r.artist} - ${r.title}  (${r.why})`,
        )
        .join('\n'),
    )
    return 0
  } finally {
    await app.close()
  }
}

/** "ARTIST - TITLE", where either side may itself contain " - ": tries every split. */
export function resolveSong(text: string, exists: (key: string) => boolean): string | undefined {
  const parts = text.split(' - ')
  for (let i = 1; i < parts.length; i++) {
    const key = songKey(parts.slice(0, i).join(' - '), parts.slice(i).join(' - '))
    if (exists(key)) return key
  }
  return undefined
}
