// Ratings from library play counts (iTunes, MusicBee, foobar2000): kept in the listening facts, cited in the why, and scaling a song's taste weight.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listeningFacts, listeningReason } from '../../../../src-main/core/history/listening-facts'
import { listeningWeight, ratingFactor } from '../../../../src-main/core/mixes/listening'
import { Db } from '../../../../src-main/core/store/db'
import { makeTempDir } from '../../../fixtures/temp-dir'

const NOW = Date.UTC(2025, 5, 30, 12)

let tmp: ReturnType<typeof makeTempDir>
let db: Db

beforeEach(async () => {
  tmp = makeTempDir()
  db = await Db.open(join(tmp.dir, 'segue.db'))
  const { lastID: id } = await db.run(
    "INSERT INTO history_sources (path, formats, imported, report) VALUES ('/stats.xml', 'foobar-playcount', '2025-07-01', '{}')",
  )
  const rows: [string, number, number | null, number | null][] = [
    ['a — loved', 14, 100, NOW],
    ['a — meh', 3, 20, NOW],
    ['a — rated only', 0, 80, null],
    ['a — unrated', 5, null, NOW],
    ['a — zero', 2, 0, NOW],
  ]
  for (const [key, plays, rating, last] of rows)
    await db.run(
      'INSERT INTO history_tallies (source_id, song_key, plays, skips, last_played, rating) VALUES (?, ?, ?, 0, ?, ?)',
      [id, key, plays, last, rating],
    )
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

describe('ratings from library play counts', () => {
  it('are kept in the facts (0 = unrated), also for a rated song never played', async () => {
    const facts = await listeningFacts(db)
    expect(facts.get('a — loved')).toEqual({ plays: 14, skips: 0, lastPlayed: NOW, rating: 100 })
    expect(facts.get('a — rated only')).toEqual({ plays: 0, skips: 0, rating: 80 })
    expect(facts.get('a — unrated')).toEqual({ plays: 5, skips: 0, lastPlayed: NOW })
    expect(facts.get('a — zero')?.rating).toBeUndefined()
  })

  it('are cited in the why', async () => {
    const facts = await listeningFacts(db)
    expect(listeningReason(facts.get('a — loved'), NOW)).toBe(
      'you played this 14 times, last in June, rated 5 stars',
    )
    expect(listeningReason(facts.get('a — meh'), NOW)).toBe(
      'you played this 3 times, last in June, rated 1 star',
    )
    expect(listeningReason(facts.get('a — rated only'), NOW)).toBe('you rated this 4 stars')
    expect(listeningReason(facts.get('a — unrated'), NOW)).toBe(
      'you played this 5 times, last in June',
    )
  })

  it('scale the taste weight: ×1.5 at 5 stars, ×1 at 3 or unrated, ×0.5 at 1 star', () => {
    const f = { plays: 4, skips: 0, lastPlayed: NOW }
    const base = listeningWeight(f, NOW)
    expect(listeningWeight({ ...f, rating: 100 }, NOW)).toBeCloseTo(1.5 * base, 10)
    expect(listeningWeight({ ...f, rating: 60 }, NOW)).toBeCloseTo(base, 10)
    expect(listeningWeight({ ...f, rating: 20 }, NOW)).toBeCloseTo(0.5 * base, 10)
    expect(listeningWeight({ plays: 0, skips: 0, rating: 80 }, NOW)).toBe(1.25)
    expect(ratingFactor(undefined)).toBe(1)
  })
})
