// Clusters view logic: the user's clusters first, the rest searchable, cohesion in words, map centres, level of detail, fly-to.
import { describe, expect, it } from 'vitest'
import type { ClusterView } from '../../../src-shared/contract'
import {
  clusterCentres,
  cohesionWords,
  flyMatches,
  namesToShow,
  splitClusters,
} from '../../../src-renderer/cluster-list'

const c = (id: number, size: number, owned: number, label: string): ClusterView => ({
  id,
  size,
  owned,
  label,
  top_tags: [label.split(' · ')[0].toLowerCase()],
  top_artists: label.split(' · ')[1]?.split(', ') ?? [],
  cohesion: 0.2,
})

describe('splitClusters', () => {
  const list = [
    c(0, 900, 0, 'Rock · Queen, AC/DC'),
    c(1, 300, 2, 'Jazz · Miles Davis, Nina Simone'),
    c(2, 500, 7, 'Pop · Lady Gaga, Kesha'),
    c(3, 1200, 0, 'Country · Reba, Alan Jackson'),
  ]
  it('puts the clusters with most of the user songs first, the rest by size', () => {
    const { yours, others } = splitClusters(list)
    expect(yours.map((x) => x.id)).toEqual([2, 1])
    expect(others.map((x) => x.id)).toEqual([3, 0])
  })
  it('searches the rest by label, tags and artists', () => {
    expect(splitClusters(list, 'queen').others.map((x) => x.id)).toEqual([0])
    expect(splitClusters(list, 'country reba').others.map((x) => x.id)).toEqual([3])
    expect(splitClusters(list, 'miles').others).toEqual([])
  })
})

describe('map reading', () => {
  it('says cohesion in words', () => {
    expect(cohesionWords(0.45).word).toBe('tight')
    expect(cohesionWords(0.15).word).toBe('fairly tight')
    expect(cohesionWords(-0.05).word).toBe('loose')
    expect(cohesionWords(0.45).title).toMatch(/0\.45/)
  })

  it('places a name at the median of its cluster, largest first', () => {
    const centres = clusterCentres({
      xy: [0, 0, 1, 1, 100, 100, 2, 2, 10, 10, 11, 11],
      cluster: [0, 0, 0, 0, 1, 1],
    })
    expect(centres).toEqual([
      { cluster: 0, x: 1.5, y: 1.5, size: 4 },
      { cluster: 1, x: 10.5, y: 10.5, size: 2 },
    ])
  })

  it('shows more names as one zooms in', () => {
    expect(namesToShow(96, 1)).toBe(12)
    expect(namesToShow(96, 0.5)).toBe(48)
    expect(namesToShow(96, 0.2)).toBe(96)
    expect(namesToShow(5, 1)).toBe(5)
  })

  it('offers clusters and songs matching what was typed', () => {
    const names = new Map([
      [0, 'Rock · Queen, AC/DC'],
      [1, 'Jazz · Miles Davis'],
    ])
    const got = flyMatches(
      { labels: ['Queen — Bohemian Rhapsody', 'Miles Davis — So What'] },
      names,
      'queen',
    )
    expect(got).toEqual([
      { kind: 'cluster', cluster: 0, label: 'Rock · Queen, AC/DC' },
      { kind: 'song', index: 0, label: 'Queen — Bohemian Rhapsody' },
    ])
    expect(flyMatches({ labels: [] }, names, '  ')).toEqual([])
  })
})
