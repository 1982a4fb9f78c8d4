// Cluster labels: distinctive tags win over common ones, artists stand in, cohesion ranks tightness.
import { describe, expect, it } from 'vitest'
import { clusterCohesion } from '../../../../src-main/core/cluster/cohesion'
import { sphericalKMeans } from '../../../../src-main/core/cluster/kmeans'
import { labelClusters, type SongFacts } from '../../../../src-main/core/cluster/labels'
import { plantedClusters } from './planted'

describe('labelClusters', () => {
  // Cluster 0: country songs; cluster 1: hip hop; cluster 2: untagged; cluster 3: nothing known.
  // 'pop' is on every tagged song, so it says nothing about any cluster.
  const songs: SongFacts[] = []
  const assignments: number[] = []
  for (let i = 0; i < 10; i++) {
    songs.push({
      tags: ['country', 'pop', i < 6 ? 'classic country' : 'pop'],
      artist: i < 7 ? 'Reba' : 'Alan Jackson',
      owned: i < 3,
    })
    assignments.push(0)
  }
  for (let i = 0; i < 10; i++) {
    songs.push({
      tags: ['hip hop', 'pop', i < 4 ? 'rap' : 'dance', i === 0 ? 'country' : ''],
      artist: i < 5 ? 'Drake' : 'Nas',
    })
    assignments.push(1)
  }
  for (let i = 0; i < 4; i++) {
    songs.push({ tags: [], artist: i < 3 ? 'Enya' : 'Enigma', owned: true })
    assignments.push(2)
  }
  songs.push({ tags: [], artist: '-' })
  assignments.push(3)
  songs.push({ tags: ['ignored'], artist: 'Ignored', owned: true })
  assignments.push(-1)
  const labels = labelClusters(Int32Array.from(assignments), 4, songs)

  it('labels a cluster by its most distinctive genre and top artists, not the ubiquitous tags', () => {
    expect(labels[0].label).toBe('Country · Reba, Alan Jackson')
    expect(labels[0].top_tags).toEqual(['country', 'classic country'])
    expect(labels[1].label).toBe('Hip Hop · Drake, Nas')
    expect(labels[1].top_tags).toEqual(['hip hop', 'dance', 'rap'])
    expect(labels.flatMap((l) => l.top_tags)).not.toContain('pop')
  })

  it('never lets a junk tag into a label, and keeps labels distinct', () => {
    const facts: SongFacts[] = []
    const given: number[] = []
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 6; i++) {
        facts.push({
          tags: [c === 2 ? 'rock' : 'jazz', 'genius', 'favorites', '<3'],
          artist: ['Miles Davis', 'Nina Simone', 'Chet Baker', 'Bill Evans'][i % 4],
        })
        given.push(c)
      }
    }
    const got = labelClusters(Int32Array.from(given), 3, facts, { minShare: 0 })
    const names = got.map((l) => l.label)
    expect(new Set(names).size).toBe(3)
    for (const l of got) {
      expect(l.label).not.toMatch(/genius|favorites|<3/)
      expect(l.top_tags).not.toContain('genius')
    }
    expect(names).toEqual([
      'Jazz · Miles Davis, Nina Simone',
      'Jazz · Miles Davis, Nina Simone, Bill Evans',
      'Rock · Miles Davis, Nina Simone',
    ])
  })

  it('falls back to the top artists, then to a number', () => {
    expect(labels[2]).toMatchObject({
      label: 'Enya, Enigma',
      top_tags: [],
      top_artists: ['Enya', 'Enigma'],
    })
    expect(labels[3]).toMatchObject({ label: 'Cluster 4', top_tags: [], top_artists: [] })
  })

  it('counts sizes, owned songs and artists, skipping unassigned rows', () => {
    expect(labels.map((l) => l.size)).toEqual([10, 10, 4, 1])
    expect(labels.map((l) => l.owned)).toEqual([3, 0, 4, 0])
    expect(labels[0].top_artists).toEqual(['Reba', 'Alan Jackson'])
    expect(labels[1].top_artists).toEqual(['Drake', 'Nas'])
    expect(labels.map((l) => l.id)).toEqual([0, 1, 2, 3])
    expect(labels.every((l) => l.cohesion === null)).toBe(true)
  })

  it('rejects mismatched inputs', () => {
    expect(() => labelClusters(new Int32Array(3), 1, songs)).toThrow(/one per row/)
    expect(() => labelClusters(Int32Array.from([0, 5]), 2, songs.slice(0, 2))).toThrow(
      /outside 0..1/,
    )
  })
})

describe('cohesion', () => {
  const dim = 16
  const { vectors } = plantedClusters(400, dim, 4, 0.4, 3)
  const fit = sphericalKMeans(vectors, 400, dim, { k: 4, seed: 1 })

  it('is high for well-separated clusters and falls when the partition is scrambled', () => {
    const good = clusterCohesion(vectors, 400, dim, fit.assignments, fit.centroids, 4)
    for (const s of good) expect(s).toBeGreaterThan(0.5)
    const scrambled = fit.assignments.map((_, i) => Math.floor(i / 100))
    const bad = clusterCohesion(vectors, 400, dim, scrambled, fit.centroids, 4)
    for (let c = 0; c < 4; c++) expect(bad[c]).toBeLessThan(good[c])
    expect(Math.max(...bad)).toBeLessThan(0)
  })

  it('is reported per cluster by labelClusters when given the vectors', () => {
    const facts = Array.from({ length: 400 }, () => ({ tags: [], artist: 'x' }))
    const labels = labelClusters(fit.assignments, 4, facts, {
      space: { vectors, dim, centroids: fit.centroids },
    })
    const direct = clusterCohesion(vectors, 400, dim, fit.assignments, fit.centroids, 4)
    expect(labels.map((l) => l.cohesion)).toEqual([...direct])
  })

  it('is 0 with a single cluster and NaN (null in labels) for empty ones', () => {
    const one = clusterCohesion(
      vectors,
      400,
      dim,
      new Int32Array(400),
      fit.centroids.slice(0, dim),
      1,
    )
    expect([...one]).toEqual([0])
    const assign = new Int32Array(400) // everything in cluster 0, clusters 1..3 empty
    const coh = clusterCohesion(vectors, 400, dim, assign, fit.centroids, 4)
    expect(Number.isNaN(coh[1])).toBe(true)
  })
})
