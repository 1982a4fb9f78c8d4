// Times Song2Vec training (`bench train`), optionally beside gensim in the same session: npx tsx bench/train.ts --dataset DIR [--algo cbow|sg] [--dim 256] [--window 10] [--negative 20] [--epochs 100] [--threads 2] [--seed 1] [--gensim] [--repeat N]
import { execFileSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { benchTrain } from '../src-main/core/song2vec/bench'

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'resources/dataset/yes/yes_big' },
    algo: { type: 'string', default: 'cbow' },
    dim: { type: 'string', default: '256' },
    window: { type: 'string', default: '10' },
    negative: { type: 'string', default: '20' },
    epochs: { type: 'string', default: '100' },
    threads: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    gensim: { type: 'boolean', default: false },
    python: { type: 'string', default: '/usr/bin/python3' },
    repeat: { type: 'string', default: '1' },
  },
})
if (values.algo !== 'cbow' && values.algo !== 'sg') throw new Error('--algo must be cbow or sg')
const opts = {
  dataset: values.dataset,
  algo: values.algo,
  dim: Number(values.dim),
  window: Number(values.window),
  negative: Number(values.negative),
  epochs: Number(values.epochs),
  threads: Number(values.threads),
  seed: Number(values.seed),
} as const

// gensim on the same playlists (same cleaning, no hold-out), timed the same way: train() alone.
const GENSIM = `
import sys, time, json
from gensim.models import Word2Vec
d, algo, dim, window, neg, epochs, threads, seed = sys.argv[1:9]
songs = {}
for line in open(d + '/song_hash.txt'):
    p = line.rstrip('\\n').split('\\t')
    if len(p) >= 3: songs[p[0].strip()] = (p[1], p[2])
unknown = {s for s, (t, a) in songs.items() if t == '-' or a == '-'}
pls = [l.split() for l in open(d + '/train.txt').readlines()[2:]]
pls = [[s for s in p if s not in unknown] for p in pls]
pls = [p for p in pls if len(p) > 1]
n = sum(len(p) for p in pls)
m = Word2Vec(vector_size=int(dim), window=int(window), min_count=1, sg=int(algo == 'sg'), negative=int(neg),
             workers=int(threads), seed=int(seed), sample=1e-3, ns_exponent=0.75)
m.build_vocab(pls)
t = time.time()
m.train(pls, total_examples=m.corpus_count, epochs=int(epochs), compute_loss=False)
s = time.time() - t
print(json.dumps({'engine': 'gensim', 'occurrences': n, 'epochs': int(epochs), 'seconds': s, 'words_per_sec': n * int(epochs) / s}))
`

for (let i = 0; i < Number(values.repeat); i++) {
  const ours = await benchTrain(opts)
  console.log(JSON.stringify({ engine: 'segue', ...ours }))
  if (values.gensim) {
    const args = [
      '-c',
      GENSIM,
      opts.dataset,
      opts.algo,
      ...[opts.dim, opts.window, opts.negative, opts.epochs, opts.threads, opts.seed].map(String),
    ]
    const theirs = JSON.parse(execFileSync(values.python, args, { encoding: 'utf8' })) as {
      words_per_sec: number
    }
    console.log(JSON.stringify(theirs))
    console.log(JSON.stringify({ ratio: ours.words_per_sec / theirs.words_per_sec }))
  }
}
