// Share of playlist entries matched to the user's own files on a generated messy library (features, remaster/live/radio-edit suffixes, other lengths, symbols, swaps).
// Run: npx tsx bench/match-library.ts [--songs 3000] [--seed 7] [--verbose] [--before <commit>]
// The playlist spells songs as the bundled catalogue does (like a Spotify export); the library spells
// the same songs the way real tags do. Entries for songs the user does not own measure wrong matches.
import { join } from 'node:path'
import { beforeCommit, runAtCommit } from './at-commit'
import { CatalogIndex } from '../src-main/core/catalog/match'
import { loadYesDataset } from '../src-main/core/catalog/yes'
import { LibraryIndex, type LibraryTrackRef } from '../src-main/core/library/library-index'
import { resolveEntry } from '../src-main/core/playlists/resolve-entry'
import type { PlaylistEntry } from '../src-main/core/playlists/types'
import { songKey } from '../src-shared/song-key'

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : def
}
const N = arg('songs', 3000)
let seed = arg('seed', 7)
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]

const ds = await loadYesDataset(join(import.meta.dirname, '../resources/dataset/yes/yes_big'), {
  playlists: false,
})
// One song per loose key (the dataset lists some songs twice), so "not owned" really is not owned.
const seenKeys = new Set<string>()
const known = ds.songs.filter((s) => {
  if (!s.known || /[([]/.test(s.title) || s.title.length <= 2) return false
  const k = songKey(s.artist, s.title).replace(/\bthe\b|\s+/g, '')
  if (seenKeys.has(k)) return false
  seenKeys.add(k)
  return true
})
// Shuffle (seeded) and take N owned songs and N/2 songs the user does not own.
for (let i = known.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1))
  ;[known[i], known[j]] = [known[j], known[i]]
}
const owned = known.slice(0, N)
const notOwned = known.slice(N, N + Math.floor(N / 2))

/** Tag mess seen in real libraries, each applied with its probability. */
const MESS: [string, number, (a: string, t: string) => [string, string]][] = [
  ['feat. in artist', 0.12, (a, t) => [`${a} feat. ${pick(['Drake', 'Pitbull', 'Ne-Yo'])}`, t]],
  [
    '(feat.) in title',
    0.12,
    (a, t) => [a, `${t} (ft. ${pick(['T-Pain', 'Akon', 'Nicki Minaj'])})`],
  ],
  ['(Remastered 2011)', 0.1, (a, t) => [a, `${t} (Remastered ${pick(['2009', '2011', '2015'])})`]],
  ['- Radio Edit', 0.1, (a, t) => [a, `${t} - Radio Edit`]],
  ['(Live)', 0.06, (a, t) => [a, `${t} (Live)`]],
  ['[year]', 0.06, (a, t) => [a, `${t} [${pick(['1999', '2004', '2010'])}]`]],
  ['& → and', 0.5, (a, t) => [a.replace(/ & /g, ' and '), t]],
  ['UPPER CASE', 0.05, (a, t) => [a.toUpperCase(), t.toUpperCase()]],
  ['lower case', 0.05, (a, t) => [a.toLowerCase(), t.toLowerCase()]],
  ['no diacritics', 0.5, (a, t) => [strip(a), strip(t)]],
  ['"The" dropped', 0.5, (a, t) => [a.replace(/^The /, ''), t]],
  [
    'symbol spelling',
    0.04,
    (a, t) => [a.replace(/(?<=\w)s\b/, '$').replace(/(?<=\w)i(?=\w)/, '!'), t],
  ],
  ['hyphen/space', 0.05, (a, t) => [a.includes(' ') ? a.replace(' ', '-') : a, t]],
  [
    'word dropped',
    0.03,
    (a, t) => [a, t.split(' ').length > 4 ? t.split(' ').slice(0, -1).join(' ') : t],
  ],
  ['artist/title swapped', 0.04, (a, t) => [t, a]],
]
const strip = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')

const tracks: LibraryTrackRef[] = []
const entries: { entry: PlaylistEntry; want: number | null }[] = []
const counts = new Map<string, number>()
owned.forEach((s, i) => {
  let a = s.artist.replace(/\\\//g, '/')
  let t = s.title.replace(/\\\//g, '/')
  for (const [name, p, f] of MESS) {
    if (rnd() < p) {
      const [na, nt] = f(a, t)
      if (na !== a || nt !== t) counts.set(name, (counts.get(name) ?? 0) + 1)
      ;[a, t] = [na, nt]
    }
  }
  const length = 150 + Math.floor(rnd() * 200)
  // 35 % of files are another cut: radio edit, remaster, live or extended, 20–90 s off.
  const fileLength =
    rnd() < 0.35
      ? length + (rnd() < 0.5 ? -1 : 1) * (20 + Math.floor(rnd() * 70))
      : length + Math.round(rnd() * 2)
  if (fileLength !== length && Math.abs(fileLength - length) > 3)
    counts.set('length differs > 3 s', (counts.get('length differs > 3 s') ?? 0) + 1)
  const id = i + 1
  tracks.push({
    id,
    path: `/music/${id}.mp3`,
    artist: a,
    title: t,
    duration: fileLength,
    song_key: songKey(a, t),
  })
  entries.push({
    entry: {
      artist: s.artist.replace(/\\\//g, '/'),
      title: s.title.replace(/\\\//g, '/'),
      duration: length,
      location: `spotify:track:${id}`,
    },
    want: id,
  })
})
for (const s of notOwned)
  entries.push({
    entry: {
      artist: s.artist.replace(/\\\//g, '/'),
      title: s.title.replace(/\\\//g, '/'),
      duration: 200,
      location: 'spotify:track:x',
    },
    want: null,
  })

const library = new LibraryIndex(tracks)
const catalog = CatalogIndex.fromSongs(ds.songs)
const ctx = { library, catalog, manual: new Map(), baseDir: '/' }
let right = 0
let wrong = 0
let falseOwned = 0
const t0 = performance.now()
for (const { entry, want } of entries) {
  const r = resolveEntry(entry, ctx)
  if (want === null) {
    if (r.track_id !== null) {
      falseOwned++
      if (process.argv.includes('--verbose'))
        console.log(`  not owned but matched: ${entry.artist} - ${entry.title} → ${r.match_reason}`)
    }
  } else if (r.track_id === want) right++
  else if (r.track_id !== null) {
    wrong++
    if (process.argv.includes('--verbose'))
      console.log(`  wrong: ${entry.artist} - ${entry.title} → ${r.match_reason}`)
  } else if (process.argv.includes('--verbose'))
    console.log(
      `  missed: ${entry.artist} - ${entry.title} (file: ${tracks[want - 1].artist} - ${tracks[want - 1].title}) → ${r.match_reason}`,
    )
}
const ms = performance.now() - t0
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)} %`
console.log(
  `generated library: ${owned.length} tracks (seed ${arg('seed', 7)}); mess applied: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`,
)
console.log(
  `owned entries matched to the right file: ${right} of ${owned.length} (${pct(right, owned.length)}); to a wrong file: ${wrong}`,
)
console.log(
  `entries not owned matched to a file anyway: ${falseOwned} of ${notOwned.length} (${pct(falseOwned, notOwned.length)})`,
)
console.log(
  `resolve time: ${(ms / entries.length).toFixed(3)} ms per entry (${entries.length} entries)`,
)
const before = beforeCommit()
if (before) {
  const args = process.argv
    .slice(2)
    .filter((a, i, all) => a !== '--before' && all[i - 1] !== '--before' && a !== '--verbose')
  const out = runAtCommit(before, 'bench/match-library.ts', args, [
    'bench/match-library.ts',
    'bench/at-commit.ts',
  ])
  const m = /matched to the right file: (\d+) of (\d+) \(([\d.]+ %)\)/.exec(out)
  const f = /not owned matched to a file anyway: (\d+) of (\d+) \(([\d.]+ %)\)/.exec(out)
  console.log(
    `before → after: right file ${m?.[3] ?? '?'} (at ${before}) → ${pct(right, owned.length)} (now); not-owned matched ${f?.[3] ?? '?'} → ${pct(falseOwned, notOwned.length)}`,
  )
}
