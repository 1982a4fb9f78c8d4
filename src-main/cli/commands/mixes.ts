// `segue mixes` and `segue export-playlist`: Made For You mixes from the command line, and any mix as M3U8 or XSPF.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs, UsageError } from '../args'
import { dataOption, openSegue } from '../open'
import { result } from '../output'

export async function mixesCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    seed: { type: 'int', min: 0 },
    json: { type: 'boolean' },
  })
  const app = await openSegue(a.data)
  try {
    if (!app.model)
      throw new Error(
        `No trained model in ${app.options.dataDir} — run \`npx segue train --data ${app.options.dataDir}\` first`,
      )
    const mixes = await app.mixes.generate(a.seed)
    const out = {
      mixes: mixes.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        saved: m.saved,
        tracks: m.tracks.map((t) => ({
          artist: t.artist,
          title: t.title,
          owned: t.owned,
          why: t.why,
        })),
      })),
    }
    result(a.json ?? false, out, () =>
      out.mixes
        .map(
          (m) =>
            `${m.name} [${m.kind}] ${m.id}\n${m.tracks.map((t) => `  ${t.owned ? '♪' : ' '} ${t.artist} - ${t.title}  (${t.why})`).join('\n')}`,
        )
        .join('\n\n'),
    )
    return 0
  } finally {
    await app.close()
  }
}

export async function exportPlaylistCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, {
    ...dataOption,
    mix: { type: 'string' },
    format: { type: 'string', choices: ['m3u8', 'xspf'] },
    out: { type: 'string' },
  })
  if (!a.mix || !a.format || !a.out)
    throw new UsageError('--mix ID, --format m3u8|xspf and --out FILE are required')
  const app = await openSegue(a.data)
  try {
    const { content } = await app.mixes
      .export(a.mix, a.format as 'm3u8' | 'xspf')
      .catch((e: Error) => {
        throw new UsageError(e.message)
      })
    await writeFile(resolve(a.out), content)
    return 0
  } finally {
    await app.close()
  }
}
