// trainAutoencoder: a deep SELU autoencoder over songs' playlist and tag columns; its bottleneck is the song embedding.
import { createRng, type Rng } from '../util/random'
import { Adam } from './adam'
import { encodeSparse, initLayers, TrainingPass } from './network'
import {
  DEFAULT_AUTOENCODER_PARAMS,
  type AutoencoderModel,
  type AutoencoderParams,
  type AutoencoderRunOptions,
  type SongColumns,
} from './types'

/**
 * Trains on every song with a non-empty row (Kuchaiev & Ginsburg 2017: SELU everywhere but the
 * linear output, dropout on the bottleneck, masked MSE on the non-zero inputs) plus a weighted
 * plain MSE over every cell so zeros are predicted too. Adam, seeded; yields to the event loop
 * between batches so `signal` and progress listeners run.
 */
export async function trainAutoencoder(
  data: SongColumns,
  params: Partial<AutoencoderParams> = {},
  opts: AutoencoderRunOptions = {},
): Promise<AutoencoderModel> {
  const p: AutoencoderParams = { ...DEFAULT_AUTOENCODER_PARAMS, ...definedOnly(params) }
  checkParams(p)
  const rows = checkColumns(data)
  const nSongs = rows.length
  const keys = data.keys ?? Array.from({ length: nSongs }, (_, i) => String(i))
  if (keys.length !== nSongs)
    throw new Error(`keys has ${keys.length} entries, expected one per song (${nSongs})`)
  const { signal, onProgress } = opts
  if (signal?.aborted) throw abortError()

  const started = performance.now()
  const rng = createRng(p.seed)
  const active: number[] = []
  let nnz = 0
  for (let s = 0; s < nSongs; s++) {
    if (rows[s].length > 0) active.push(s)
    nnz += rows[s].length
  }
  if (active.length === 0)
    throw new Error('Every song row is empty: the autoencoder needs songs with playlists or tags')
  const layers = initLayers(data.nCols, p.encoder, p.decoder, nnz / active.length, rng)
  const batchSize = Math.min(p.batchSize, active.length)
  const pass = new TrainingPass(layers, batchSize)
  const adam = new Adam(pass.params, p.learningRate, p.weightDecay)
  const inputScale = 1 / (1 - p.inputDropout)
  const lossHistory: number[] = []

  for (let epoch = 1; epoch <= p.epochs; epoch++) {
    shuffle(active, rng)
    let loss = 0
    let masked = 0
    let plain = 0
    let batches = 0
    for (let start = 0; start < active.length; start += batchSize) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (signal?.aborted) throw abortError()
      const target = active.slice(start, start + batchSize).map((s) => rows[s])
      const input =
        p.inputDropout > 0 ? target.map((r) => dropInputs(r, p.inputDropout, rng)) : target
      const l = pass.run(input, p.inputDropout > 0 ? inputScale : 1, target, {
        dropout: p.dropout,
        zeroWeight: p.zeroWeight,
        rng,
      })
      if (!Number.isFinite(l.loss)) {
        throw new Error(
          `Autoencoder loss diverged at epoch ${epoch}: lower learningRate (now ${p.learningRate})`,
        )
      }
      adam.step()
      loss += l.loss
      masked += l.maskedMse
      plain += l.plainMse
      batches++
    }
    lossHistory.push(loss / batches)
    onProgress?.({
      epoch,
      epochs: p.epochs,
      loss: loss / batches,
      maskedMse: masked / batches,
      plainMse: plain / batches,
      seconds: (performance.now() - started) / 1000,
    })
  }

  const embeddings = encodeSparse(layers, rows)
  const dim = p.encoder[p.encoder.length - 1]
  return {
    vocab: [...keys],
    dim,
    input: embeddings,
    output: embeddings,
    nCols: data.nCols,
    ...layers,
    hasInput: Uint8Array.from(rows, (r) => (r.length > 0 ? 1 : 0)),
    params: p,
    lossHistory,
  }
}

/** The error an aborted training rejects with (`name === 'AbortError'`). */
export function abortError(): Error {
  const err = new Error('Autoencoder training was cancelled')
  err.name = 'AbortError'
  return err
}

/** A row with each column kept with probability 1 − p (at least one kept). */
function dropInputs(row: readonly number[], p: number, rng: Rng): number[] {
  const kept = row.filter(() => rng.next() >= p)
  return kept.length > 0 || row.length === 0 ? kept : [row[rng.nextInt(row.length)]]
}

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1)
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
}

/** Rows with duplicates removed; throws on a column outside `0..nCols-1`. */
function checkColumns(data: SongColumns): number[][] {
  const { rows, nCols } = data
  if (!Number.isInteger(nCols) || nCols < 1)
    throw new Error(`nCols must be a positive whole number, got ${nCols}`)
  if (!Array.isArray(rows) || rows.length === 0)
    throw new Error('rows must be a non-empty array of songs (column index lists)')
  return rows.map((r, s) => {
    if (!Array.isArray(r)) throw new Error(`Song ${s} is not a list of column indices`)
    for (const c of r) {
      if (!Number.isInteger(c) || c < 0 || c >= nCols)
        throw new Error(`Song ${s} has column ${c}, outside 0..${nCols - 1}`)
    }
    return [...new Set<number>(r)].sort((a, b) => a - b)
  })
}

function definedOnly(params: Partial<AutoencoderParams>): Partial<AutoencoderParams> {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined),
  ) as Partial<AutoencoderParams>
}

function checkParams(p: AutoencoderParams): void {
  const sizes = (name: 'encoder' | 'decoder', min: number): void => {
    const v = p[name]
    if (!Array.isArray(v) || v.length < min || v.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new Error(
        `Autoencoder ${name} must be a list of ≥ ${min} positive layer sizes, got ${JSON.stringify(v)}`,
      )
    }
  }
  sizes('encoder', 1)
  sizes('decoder', 0)
  const whole = (name: 'epochs' | 'batchSize', min: number): void => {
    if (!Number.isInteger(p[name]) || p[name] < min)
      throw new Error(`Autoencoder ${name} must be a whole number ≥ ${min}, got ${p[name]}`)
  }
  whole('epochs', 0)
  whole('batchSize', 1)
  const prob = (name: 'dropout' | 'inputDropout'): void => {
    if (!(p[name] >= 0 && p[name] < 1))
      throw new Error(`Autoencoder ${name} must be in [0, 1), got ${p[name]}`)
  }
  prob('dropout')
  prob('inputDropout')
  if (!(p.zeroWeight >= 0) || !Number.isFinite(p.zeroWeight))
    throw new Error(`zeroWeight must be ≥ 0, got ${p.zeroWeight}`)
  if (!(p.learningRate > 0) || !Number.isFinite(p.learningRate))
    throw new Error(`learningRate must be > 0, got ${p.learningRate}`)
  if (!(p.weightDecay >= 0) || !Number.isFinite(p.weightDecay))
    throw new Error(`weightDecay must be ≥ 0, got ${p.weightDecay}`)
  if (!Number.isSafeInteger(p.seed))
    throw new Error(`Autoencoder seed must be a whole number, got ${p.seed}`)
}
