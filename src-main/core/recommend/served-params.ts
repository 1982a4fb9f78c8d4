// The knobs of the served pipeline (ONNX candidates re-ranked with co-occurrence evidence).
import type { HeadSpec } from '../onnx/heads'
import type { NeighbourParams } from './playlist-neighbours'

/** How the app's recommender turns a context into a ranked list. */
export interface ServedParams {
  /** Scoring heads of the exported ONNX graph. */
  heads: HeadSpec[]
  /** Songs the ONNX graph returns for the re-rank (the candidate pool). */
  candidates: number
  /** Positions apart within which two songs of a playlist count as played near each other. */
  coocWindow: number
  /** A pair `d` positions apart adds `1 / d^coocDistancePower` to the co-occurrence evidence. */
  coocDistancePower: number
  /** Each context song's co-occurrence row is divided by (its total)^coocRowPower (0: raw counts). */
  coocRowPower: number
  /**
   * Final score = `log(cooc share + coocFloor) + embeddingWeight · ONNX score`, where the cooc
   * share is the song's co-occurrence evidence over the total of the candidates. `coocFloor`
   * keeps songs without evidence in the ranking.
   */
  coocFloor: number
  /** Weight of the ONNX (embedding) score against the log co-occurrence share. */
  embeddingWeight: number
  /**
   * With an ordered context and a slot, the context song `d` positions from the slot weighs
   * `1 / d^slotDecay` (0: all alike). Without a slot every context song weighs 1.
   */
  slotDecay: number
  /**
   * Evidence of whole playlists like the context (see `PlaylistNeighbours`): the final score adds
   * `weight · log(votes / best votes + floor)`; weight 0 leaves it out.
   */
  playlists: NeighbourParams & { weight: number; floor: number }
}
