// Runs `bench serve` from source: npx tsx bench/serve.ts [--songs N] [--dim N] [--queries N] [--topn N] [--threads N] [--heads cosine|output|blend] [--quantize none|float16|int8] [--json]
import { parseArgs } from 'node:util'
import { benchServe } from '../src-main/core/onnx/bench-serve'
import type { HeadSpec } from '../src-main/core/onnx/heads'
import type { Quantize } from '../src-main/core/onnx/quantize'

const { values } = parseArgs({
  options: {
    songs: { type: 'string', default: '75262' },
    dim: { type: 'string', default: '128' },
    queries: { type: 'string', default: '1000' },
    topn: { type: 'string', default: '25' },
    threads: { type: 'string' },
    heads: { type: 'string', default: 'cosine' },
    quantize: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
})

const headSets: Record<string, HeadSpec[]> = {
  cosine: [{ kind: 'cosine', weight: 1 }],
  output: [{ kind: 'output', weight: 1 }],
  blend: [
    { kind: 'cosine', weight: 0.5 },
    { kind: 'output', weight: 0.5 },
  ],
}
const heads = headSets[values.heads]
if (!heads) throw new Error(`--heads ${values.heads}: use cosine, output or blend`)

const result = await benchServe({
  songs: Number(values.songs),
  dim: Number(values.dim),
  queries: Number(values.queries),
  topn: Number(values.topn),
  threads: values.threads === undefined ? undefined : Number(values.threads),
  seed: Number(values.seed),
  heads,
  quantize: values.quantize as Quantize | undefined,
})
if (values.json) {
  console.log(JSON.stringify(result))
} else {
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(16)} ${JSON.stringify(v)}`)
}
