// Reading the cold-start section of a quality report: both spellings, the baselines, every source, malformed input ignored.
import { describe, expect, it } from 'vitest'
import type { EvalReport } from '../../../src-shared/contract'
import { coldStartOf, sourceLabel } from '../../../src-renderer/cold-start'

const base: EvalReport = {
  created: '2026-01-01T00:00:00Z',
  protocol: { topn: 25 },
  playlists: 100,
  heldout: 10,
  ahr: { served: 0.2 },
  ndcg: {},
  seconds: {},
}

const cold = {
  songs: 500,
  ahr: { content: 0.31, popular: 0.12, random: 0.05 },
  map: { content: 0.21, popular: 0.08, random: 0.02 },
  auc: { content: 0.81, popular: 0.66, random: 0.5 },
  content: 'tags+audio',
  sources: {
    tags: { ahr: 0.28, map: 0.19, auc: 0.79 },
    audio: { ahr: 0.2, map: 0.1, auc: 0.7 },
    'tags+audio': { ahr: 0.31, map: 0.21, auc: 0.81 },
    broken: { ahr: 'n/a' },
  },
  protocol: { topn: 10 },
}

describe('coldStartOf', () => {
  it('reads the figures under coldStart', () => {
    expect(coldStartOf({ ...base, coldStart: cold })).toEqual({
      songs: 500,
      content: 'tags+audio',
      methods: {
        content: { ahr: 0.31, map: 0.21, auc: 0.81 },
        popular: { ahr: 0.12, map: 0.08, auc: 0.66 },
        random: { ahr: 0.05, map: 0.02, auc: 0.5 },
      },
      sources: [
        { name: 'tags', figures: { ahr: 0.28, map: 0.19, auc: 0.79 } },
        { name: 'audio', figures: { ahr: 0.2, map: 0.1, auc: 0.7 } },
        { name: 'tags+audio', figures: { ahr: 0.31, map: 0.21, auc: 0.81 } },
      ],
      topn: 10,
    })
  })

  it('reads them under cold_start as eval --json writes them', () => {
    expect(coldStartOf({ ...base, cold_start: cold })?.methods.content.ahr).toBe(0.31)
  })

  it('is null without figures or with a baseline missing', () => {
    expect(coldStartOf(null)).toBeNull()
    expect(coldStartOf(base)).toBeNull()
    const { random: _random, ...noRandom } = cold.ahr
    expect(coldStartOf({ ...base, coldStart: { ...cold, ahr: noRandom } })).toBeNull()
  })
})

describe('sourceLabel', () => {
  it('names sources in words', () => {
    expect(sourceLabel('tags')).toBe('Tags')
    expect(sourceLabel('audio')).toBe('Audio')
    expect(sourceLabel('tags+audio')).toBe('Tags + audio (combined)')
    expect(sourceLabel('tags:mlp')).toBe('Tags (mlp)')
  })
})
