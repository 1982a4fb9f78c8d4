// Songs by tag with inverse document frequencies: the content side of recommendations and explanations.
import type { SongInfo } from './types'

/** Tag ids per song and songs per tag (both ascending), with each tag's IDF. */
export interface TagIndex {
  /** Tag names, by tag id. */
  names: string[]
  /** `ln(songs with any tag / songs with this tag)`, by tag id. */
  idf: Float64Array
  /** Tag ids of song `s`: `songTags[songTagStart[s] .. songTagStart[s+1])`. */
  songTagStart: Uint32Array
  /** Tag ids of all songs, song after song. */
  songTags: Uint32Array
  /** Songs of tag `t`: `tagSongs[tagSongStart[t] .. tagSongStart[t+1])`. */
  tagSongStart: Uint32Array
  /** Song ids of all tags, tag after tag. */
  tagSongs: Uint32Array
}

/** Indexes the tags of a catalogue (song id = position in `songs`). Duplicate tags of a song count once. */
export function buildTagIndex(songs: readonly SongInfo[]): TagIndex {
  const idOf = new Map<string, number>()
  const names: string[] = []
  const perSong: number[][] = songs.map((s) => {
    const ids = new Set<number>()
    for (const name of s.tags) {
      let id = idOf.get(name)
      if (id === undefined) {
        id = names.length
        idOf.set(name, id)
        names.push(name)
      }
      ids.add(id)
    }
    return [...ids].sort((a, b) => a - b)
  })
  const songTagStart = new Uint32Array(songs.length + 1)
  perSong.forEach((t, s) => (songTagStart[s + 1] = songTagStart[s] + t.length))
  const songTags = new Uint32Array(songTagStart[songs.length])
  perSong.forEach((t, s) => songTags.set(t, songTagStart[s]))

  const df = new Uint32Array(names.length)
  for (const t of songTags) df[t]++
  const tagSongStart = new Uint32Array(names.length + 1)
  for (let t = 0; t < names.length; t++) tagSongStart[t + 1] = tagSongStart[t] + df[t]
  const tagSongs = new Uint32Array(songTags.length)
  const fill = tagSongStart.slice(0, names.length)
  perSong.forEach((tags, s) => {
    for (const t of tags) tagSongs[fill[t]++] = s
  })
  const tagged = perSong.filter((t) => t.length > 0).length
  const idf = new Float64Array(names.length)
  for (let t = 0; t < names.length; t++) idf[t] = Math.log(tagged / df[t])
  return { names, idf, songTagStart, songTags, tagSongStart, tagSongs }
}

/** Tag ids of a song. */
export function tagsOf(index: TagIndex, song: number): Uint32Array {
  if (!(song >= 0 && song < index.songTagStart.length - 1)) return new Uint32Array(0)
  return index.songTags.subarray(index.songTagStart[song], index.songTagStart[song + 1])
}
