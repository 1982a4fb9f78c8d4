// The words of the "placed by content" badge: a song no playlist has, placed in the model by its tags and/or audio.
import type { PlacedBy } from '../src-shared/contract'

/** What placed a song; `content` when only the fact is known (the map), not whether tags or audio. */
export type PlacedWhat = PlacedBy | 'content'

const WORDS: Record<PlacedWhat, { label: string; source: string }> = {
  tags: { label: 'by tags', source: 'its tags' },
  audio: { label: 'by sound', source: 'its audio' },
  'tags+audio': { label: 'by tags + sound', source: 'its tags and audio' },
  content: { label: 'by content', source: 'its tags or audio' },
}

/** The badge's short label and its tooltip. */
export function placedText(by: PlacedWhat): { label: string; title: string } {
  const w = WORDS[by]
  return {
    label: w.label,
    title: `Placed by content: no playlist has it yet, so its place comes from ${w.source}`,
  }
}
