// The reason shown for a song placed by content: the tags it shares with what was asked about, or what it sounds like.
import { isCleanTag } from '../catalog/clean-tags'
import type { ServableModel } from '../models/servable'

/**
 * Why placed row `row` answers `context` (rows): shared tags when it was placed by tags and shares
 * some, else the reason stored when it was placed ("tagged rock, 80s", `sounds like "X" by Y`).
 */
export function placedReason(
  model: Pick<ServableModel, 'trained' | 'placedBy' | 'placedWhy' | 'vocab'>,
  row: number,
  context: readonly number[],
  tagsOf: (row: number) => readonly string[],
): string {
  const i = row - model.trained
  const by = model.placedBy[i]
  const stored = model.placedWhy[i]
  if (by !== 'audio') {
    const wanted = new Set(context.flatMap((r) => tagsOf(r)))
    const shared = tagsOf(row)
      .filter((t) => wanted.has(t) && isCleanTag(t))
      .slice(0, 3)
    if (shared.length) return `placed by its tags, no playlist yet — shares ${shared.join(', ')}`
  }
  const source = by === 'audio' ? 'its sound' : by === 'tags' ? 'its tags' : 'its tags and sound'
  return `placed by ${source}, no playlist yet — ${stored}`
}
