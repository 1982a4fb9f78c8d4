// Listening sessions as training sentences, each repeated SESSION_WEIGHT times beside the playlists.
import type { Db } from '../store/db'
import { sessionsOf, type SessionOptions } from './sessions'
import { loadListens } from './store'

/**
 * Times each listening session is repeated in the training corpus. bench/history.ts measures
 * next-song hit rate@25 for weights 0 (playlists only), 1 and 3; see /work/notes/issue-18.md.
 */
export const SESSION_WEIGHT = 1

/** The user's listening sessions (skips and short plays out, repeats collapsed), repeated `weight` times. */
export async function sessionCorpus(
  db: Db,
  weight = SESSION_WEIGHT,
  options: SessionOptions = {},
): Promise<string[][]> {
  if (weight <= 0) return []
  const { sessions } = sessionsOf(await loadListens(db), options)
  return Array.from({ length: weight }, () => sessions).flat()
}
