// word2vec text and binary files: exact round trips, autodetection, key encoding, and interop with gensim.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  decodeKey,
  encodeKey,
  formatFloat32,
  readWord2Vec,
  writeWord2Vec,
} from '../../../../src-main/core/song2vec/word2vec-format'
import { createRng } from '../../../../src-main/core/util/random'

const PYTHON = '/usr/bin/python3'
const hasGensim = spawnSync(PYTHON, ['-c', 'import gensim'], { stdio: 'ignore' }).status === 0
if (!hasGensim)
  console.warn(
    `gensim interop tests skipped: "${PYTHON} -c 'import gensim'" fails (gensim is missing)`,
  )

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'song2vec-w2v-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const KEYS = ['Daft Punk - One More Time', '100%', 'a%20b', 'tab\tkey', 'ünïcødé 🎵', 'plain']

function vectors(rows: number, dim: number): Float32Array {
  const rng = createRng(5)
  const v = Float32Array.from(
    { length: rows * dim },
    () => (rng.next() - 0.5) * 10 ** rng.nextInt(6) * 1e-3,
  )
  v[0] = 0
  v[1] = 0.5
  v[2] = -1e-7
  return v
}

describe('word2vec files', () => {
  for (const format of ['text', 'binary'] as const) {
    it(`round-trips keys with spaces and percent signs and every float exactly (${format})`, async () => {
      const file = join(root, `v.${format}`)
      const model = { vocab: KEYS, dim: 7, input: vectors(KEYS.length, 7) }
      await writeWord2Vec(model, file, format)
      const back = await readWord2Vec(file)
      expect(back.words).toEqual(KEYS)
      expect(back.dim).toBe(7)
      expect(Buffer.from(back.vectors.buffer).equals(Buffer.from(model.input.buffer))).toBe(true)
      const raw = await readWord2Vec(file, { decodeKeys: false })
      expect(raw.words[0]).toBe('Daft%20Punk%20-%20One%20More%20Time')
    })
  }

  it('writes the C tool layout: header, key, space, float32 little-endian, newline', async () => {
    const file = join(root, 'v.bin')
    await writeWord2Vec(
      { vocab: ['a b', 'c'], dim: 2, input: Float32Array.from([1, 2, 3, 4]) },
      file,
      'binary',
    )
    const expected = Buffer.concat([
      Buffer.from('2 2\na%20b '),
      Buffer.from(Float32Array.from([1, 2]).buffer),
      Buffer.from('\nc '),
      Buffer.from(Float32Array.from([3, 4]).buffer),
      Buffer.from('\n'),
    ])
    expect(await readFile(file)).toEqual(expected)
    const text = join(root, 'v.txt')
    await writeWord2Vec(
      { vocab: ['a b', 'c'], dim: 2, input: Float32Array.from([1, 0.1, -2.5, 3e-8]) },
      text,
      'text',
    )
    expect(await readFile(text, 'utf8')).toBe('2 2\na%20b 1 0.1\nc -2.5 3e-8\n')
  })

  it('reads binary files without the newline after each vector (as gensim writes them)', async () => {
    const file = join(root, 'g.bin')
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('2 1\nx '),
        Buffer.from(Float32Array.from([10]).buffer),
        Buffer.from('y '),
        Buffer.from(Float32Array.from([-10]).buffer),
      ]),
    )
    const back = await readWord2Vec(file)
    expect(back.words).toEqual(['x', 'y'])
    expect([...back.vectors]).toEqual([10, -10])
  })

  it('explains malformed files', async () => {
    const file = join(root, 'bad')
    await writeFile(file, 'hello world\n')
    await expect(readWord2Vec(file)).rejects.toThrow(/not a word2vec file/)
    await writeFile(
      file,
      Buffer.concat([Buffer.from('2 4\nx '), Buffer.alloc(16), Buffer.from('y '), Buffer.alloc(3)]),
    )
    await expect(readWord2Vec(file)).rejects.toThrow(
      /truncated binary word2vec file \(vector 2 of 2/,
    )
    await writeFile(file, '2 2\nx 1 2\ny 3\n')
    await expect(readWord2Vec(file)).rejects.toThrow(
      /line 3: expected a key and 2 numbers, found 1/,
    )
  })

  it('encodes keys reversibly and prints the shortest float32 decimal', () => {
    for (const k of [...KEYS, '%2', '%%20', '\r\n']) expect(decodeKey(encodeKey(k))).toBe(k)
    expect(encodeKey('a b%c')).toBe('a%20b%25c')
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1')
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334')
    expect(formatFloat32(Math.fround(-2.5e-12))).toBe('-2.5e-12')
    expect(formatFloat32(123456)).toBe('123456')
  })
})

describe.skipIf(!hasGensim)('gensim interop (KeyedVectors word2vec format)', () => {
  const script = `
import json, sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == 'binary')
print(json.dumps({'keys': kv.index_to_key, 'first': [float(x) for x in kv.vectors[0]], 'last': [float(x) for x in kv.vectors[-1]]}))
`
  for (const format of ['binary', 'text'] as const) {
    it(`gensim loads what we write (${format})`, async () => {
      const file = join(root, `ours.${format}`)
      const input = vectors(KEYS.length, 5)
      await writeWord2Vec({ vocab: KEYS, dim: 5, input }, file, format)
      const out = JSON.parse(
        execFileSync(PYTHON, ['-c', script, file, format], { encoding: 'utf8' }),
      )
      expect(out.keys.map(decodeKey)).toEqual(KEYS)
      expect(out.first).toEqual([...input.subarray(0, 5)])
      expect(out.last).toEqual([...input.subarray(input.length - 5)])
    })
  }

  it('we load what gensim writes (binary and text)', async () => {
    const write = `
import sys, numpy as np
from gensim.models import KeyedVectors
kv = KeyedVectors(vector_size=3)
kv.add_vectors(['alpha', 'beta', 'gamma%20ray'], np.array([[1, 2, 3], [0.5, -0.25, 1e-3], [7, 8, 9]], dtype=np.float32))
kv.save_word2vec_format(sys.argv[1], binary=True)
kv.save_word2vec_format(sys.argv[2], binary=False)
`
    const bin = join(root, 'g.bin')
    const txt = join(root, 'g.txt')
    execFileSync(PYTHON, ['-c', write, bin, txt])
    for (const file of [bin, txt]) {
      const back = await readWord2Vec(file)
      expect(back.words).toEqual(['alpha', 'beta', 'gamma ray'])
      expect(back.dim).toBe(3)
      expect([...back.vectors]).toEqual([1, 2, 3, 0.5, -0.25, Math.fround(1e-3), 7, 8, 9])
    }
  })
})
