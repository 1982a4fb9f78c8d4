// Shared fixtures of the ONNX tests: a hand-checkable 4-song model, random models, temp files.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect } from 'vitest'
import { randomUnitRows } from '../../../../src-main/core/onnx/bench-serve'
import type { ExportableModel } from '../../../../src-main/core/onnx/export'
import type { HeadSpec } from '../../../../src-main/core/onnx/heads'
import type { ScoreResult } from '../../../../src-main/core/onnx/query'
import { createRng } from '../../../../src-main/core/util/random'

/**
 * Songs a, b, c, d. Input vectors (1,0), (0,1), (3,4), (-2,0): unit (1,0), (0,1), (.6,.8), (-1,0).
 * Output vectors (1,0), (0,2), (1,1), (0,-1).
 */
export function tinyModel(id = 'tiny'): ExportableModel {
  return {
    vocab: ['a', 'b', 'c', 'd'],
    dim: 2,
    input: new Float32Array([1, 0, 0, 1, 3, 4, -2, 0]),
    output: new Float32Array([1, 0, 0, 2, 1, 1, 0, -1]),
    id,
    params: { algo: 'cbow', dim: 2 },
  }
}

/** A model of random unit vectors (input and output), seeded. */
export function randomModel(songs: number, dim: number, seed: number, id: string): ExportableModel {
  const rng = createRng(seed)
  return {
    vocab: Array.from({ length: songs }, (_, i) => `${id}-${i}`),
    dim,
    input: randomUnitRows(rng, songs, dim),
    output: randomUnitRows(rng, songs, dim),
    id,
  }
}

/**
 * The rows a Similar songs scorer serves, seeded: `rows` random input rows, output rows for the
 * first `trained` (learnt) ones and zeros for the rest (placed songs, as servableOf builds them).
 */
export function similarRows(rows: number, trained: number, dim: number, seed: number) {
  let x = seed
  const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1
  const input = Float32Array.from({ length: rows * dim }, rand)
  const output = Float32Array.from({ length: rows * dim }, (_, i) =>
    i < trained * dim ? rand() : 0,
  )
  return { input, output, dim, trained }
}

/** The served heads' blend: output layer, plus the cosine at 0.3. */
export const BLEND: HeadSpec[] = [
  { kind: 'output', weight: 1 },
  { kind: 'cosine', weight: 0.3 },
]

/** A fresh temporary folder, removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segue-onnx-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * Same top-k as the exact answer, allowing only swaps among scores tied within `tol` (float32
 * rounding): position by position, either the same song or two scores equal within `tol`.
 */
export function expectSameTopK(got: ScoreResult, exact: ScoreResult, tol = 1e-5): void {
  expect(got.indices.length).toBe(exact.indices.length)
  for (let i = 0; i < exact.indices.length; i++) {
    expect(Math.abs(got.scores[i] - exact.scores[i])).toBeLessThan(tol)
    if (got.indices[i] !== exact.indices[i]) {
      const j = exact.indices.indexOf(got.indices[i])
      const tiedWithBoundary = Math.abs(got.scores[i] - exact.scores[exact.scores.length - 1]) < tol
      expect(j >= 0 || tiedWithBoundary, `index ${got.indices[i]} at rank ${i}`).toBe(true)
    }
  }
}
