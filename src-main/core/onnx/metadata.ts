// What an exported model says about itself (ONNX metadata_props), written at export and read at load.
import { createHash } from 'node:crypto'
import type { HeadCombine, HeadSpec } from './heads'
import { onnxType } from './onnx-schema'
import type { Quantize } from './quantize'

/** Version of this graph's contract (inputs, outputs, metadata keys). */
export const GRAPH_FORMAT = 1

/** The model facts stored in an exported file. */
export interface OnnxModelMetadata {
  /** Identifier of the trained model (results carry it, so they are never mixed across models). */
  modelId: string
  /** Hash of the vocabulary (`hashVocab`): which song each index means. */
  vocabHash: string
  /** Vector dimensionality. */
  dim: number
  /** Number of songs (rows). */
  vocabSize: number
  /** Scoring heads and their weights. */
  heads: HeadSpec[]
  /** How several heads are combined. */
  combine: HeadCombine
  /** Whether the context songs are excluded from the answers. */
  excludeContext: boolean
  /** How the weight matrices are stored. */
  quantize: Quantize
  /** Training parameters as given at export (JSON), or null. */
  params: unknown
  /** ISO date of the export. */
  created: string
  /** GRAPH_FORMAT of the file. */
  format: number
}

/** sha256 (hex) of the vocabulary in order; JSON-encoded so no key can be confused with two. */
export function hashVocab(vocab: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(vocab)).digest('hex')
}

/** The metadata as ONNX StringStringEntryProto objects. */
export function encodeMetadata(m: OnnxModelMetadata): { key: string; value: string }[] {
  const entries: Record<string, string> = {
    'segue.format': String(m.format),
    model_id: m.modelId,
    vocab_hash: m.vocabHash,
    dim: String(m.dim),
    vocab_size: String(m.vocabSize),
    heads: JSON.stringify(m.heads),
    combine: m.combine,
    exclude_context: String(m.excludeContext),
    quantize: m.quantize,
    params: JSON.stringify(m.params ?? null),
    created: m.created,
  }
  return Object.entries(entries).map(([key, value]) => ({ key, value }))
}

/** Reads the metadata of an exported model's bytes without decoding its weights. */
export function readMetadata(bytes: Uint8Array, source = 'model'): OnnxModelMetadata {
  let props: { key?: string; value?: string }[]
  try {
    const view = onnxType('ModelMetadataView').decode(bytes) as unknown as {
      metadata_props?: { key?: string; value?: string }[]
    }
    props = view.metadata_props ?? []
  } catch (e) {
    throw new Error(
      `Cannot load ${source}: not an ONNX model file (${(e as Error).message}); export the model again`,
    )
  }
  const map = new Map(props.map((p) => [p.key ?? '', p.value ?? '']))
  const get = (key: string): string => {
    const v = map.get(key)
    if (v === undefined) {
      throw new Error(
        `Cannot load ${source}: no '${key}' metadata, so Segue did not export it; export the model again`,
      )
    }
    return v
  }
  const format = Number(get('segue.format'))
  if (format !== GRAPH_FORMAT) {
    throw new Error(
      `Cannot load ${source}: graph format ${format}, this build reads ${GRAPH_FORMAT}; export the model again`,
    )
  }
  const int = (key: string): number => {
    const n = Number(get(key))
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`Cannot load ${source}: metadata '${key}' is not a positive integer`)
    }
    return n
  }
  return {
    format,
    modelId: get('model_id'),
    vocabHash: get('vocab_hash'),
    dim: int('dim'),
    vocabSize: int('vocab_size'),
    heads: JSON.parse(get('heads')) as HeadSpec[],
    combine: get('combine') as HeadCombine,
    excludeContext: get('exclude_context') === 'true',
    quantize: get('quantize') as Quantize,
    params: JSON.parse(get('params')) as unknown,
    created: get('created'),
  }
}
