// Python's onnx.checker (and onnxruntime, when importable) accept every exported variant; float16 matches numpy.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportOnnx, writeOnnx, type ExportOptions } from '../../../../src-main/core/onnx/export'
import { toFloat16 } from '../../../../src-main/core/onnx/quantize'
import { randomModel, tempDir, tinyModel } from './fixtures'

const PYTHON = '/usr/bin/python3'
const dir = tempDir()

/** Why Python's onnx cannot be used here, or undefined when it can. */
function unavailable(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import onnx, numpy'], { encoding: 'utf8' })
  if (r.error) return `${PYTHON} not runnable (${r.error.message})`
  if (r.status !== 0)
    return `python3 cannot import onnx/numpy (apt-get install python3-onnx): ${r.stderr.trim().split('\n').pop()}`
  return undefined
}
const reason = unavailable()
if (reason) console.log(`Python onnx checks skipped: ${reason}`)

const CHECK = `
import json, sys, onnx
out = []
for path in sys.argv[1:]:
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    entry = {"path": path, "ir": m.ir_version, "opset": [o.version for o in m.opset_import],
             "meta": {p.key: p.value for p in m.metadata_props}}
    try:
        import numpy as np, onnxruntime as ort
        s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        r = s.run(None, {"context": np.array([0], dtype=np.int64), "weights": np.array([1], dtype=np.float32),
                         "exclude": np.zeros(0, dtype=np.int64), "k": np.array([3], dtype=np.int64)})
        entry["ort"] = [int(i) for i in r[0]]
    except ImportError as e:
        entry["ort"] = "skipped: " + str(e)
    out.append(entry)
print(json.dumps(out))
`

describe.skipIf(reason !== undefined)('Python onnx', () => {
  it('onnx.checker.check_model(full_check) accepts every head and storage', () => {
    const variants: ExportOptions[] = [
      {},
      { quantize: 'none' },
      { heads: [{ kind: 'output', weight: 1 }], excludeContext: false, quantize: 'none' },
      {
        heads: [
          { kind: 'cosine', weight: 0.5 },
          { kind: 'output', weight: 0.5 },
        ],
      },
      {
        heads: [
          { kind: 'cosine', weight: 0.5 },
          { kind: 'output', weight: 0.5 },
        ],
        quantize: 'none',
      },
      {
        combine: 'sum',
        heads: [
          { kind: 'cosine', weight: 1 },
          { kind: 'output', weight: 1 },
        ],
      },
      { quantize: 'float16' },
      { quantize: 'int8', heads: [{ kind: 'output', weight: 1 }] },
    ]
    const paths = variants.map((opts, i) => {
      const path = join(dir, `variant-${i}.onnx`)
      writeOnnx(path, exportOnnx(tinyModel(), opts))
      return path
    })
    const r = spawnSync(PYTHON, ['-c', CHECK, ...paths], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const results = JSON.parse(r.stdout) as {
      ir: number
      opset: number[]
      meta: Record<string, string>
      ort: unknown
    }[]
    expect(results).toHaveLength(variants.length)
    for (const res of results) {
      expect(res.ir).toBe(8)
      expect(res.opset).toEqual([17])
      expect(res.meta.model_id).toBe('tiny')
      expect(res.meta.vocab_size).toBe('4')
    }
    // Python onnxruntime (rarely installed here) must give the hand-checked cosine answer c, b, d.
    if (typeof results[0].ort === 'string') console.log(`Python onnxruntime run ${results[0].ort}`)
    else expect(results[0].ort).toEqual([2, 1, 3])
  })

  it('float16 conversion matches numpy bit for bit', () => {
    const model = randomModel(200, 16, 3, 'f16')
    const values = new Float32Array([
      ...model.input,
      0,
      -0,
      1,
      -2,
      0.1,
      65504,
      65520,
      1e6,
      -1e6,
      6.1e-5,
      5.96e-8,
      2.98e-8,
      3e-8,
      1e-9,
      Infinity,
      -Infinity,
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
      2 ** -24 * 1.5,
      2 ** -24 * 2.5,
    ])
    const raw = join(dir, 'values.f32')
    writeFileSync(raw, new Uint8Array(values.buffer))
    const r = spawnSync(
      PYTHON,
      [
        '-c',
        `import numpy as np, sys; v = np.fromfile(sys.argv[1], dtype='<f4'); print(','.join(str(x) for x in v.astype(np.float16).view(np.uint16)))`,
        raw,
      ],
      { encoding: 'utf8' },
    )
    expect(r.status).toBe(0)
    expect(Array.from(toFloat16(values))).toEqual(r.stdout.trim().split(',').map(Number))
  })
})
