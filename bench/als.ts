// Times ALS (or, with --autoencoder, the autoencoder) training, printing seconds: npx tsx bench/als.ts [--dataset DIR] [--factors 64] [--iterations 15] [--threads 2] [--loss] [--autoencoder] [--epochs 10] [--tags] [--json]
import { parseArgs } from 'node:util'
import { trainAls } from '../src-main/core/als/train'
import { songColumns } from '../src-main/core/autoencoder/columns'
import { trainAutoencoder } from '../src-main/core/autoencoder/train'
import { cleanPlaylists, loadYesDataset } from '../src-main/core/catalog/yes'

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: '/work/shared/datasets/yes/yes_big' },
    factors: { type: 'string', default: '64' },
    iterations: { type: 'string', default: '15' },
    threads: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    loss: { type: 'boolean', default: false },
    autoencoder: { type: 'boolean', default: false },
    epochs: { type: 'string', default: '10' },
    tags: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})

const ds = await loadYesDataset(values.dataset)
const rows = cleanPlaylists(ds)
const log = (line: string): void => {
  if (!values.json) console.log(line)
}
const cpuStart = process.cpuUsage()
const started = performance.now()
let result: Record<string, unknown>
if (values.autoencoder) {
  const columns = songColumns(
    rows,
    ds.songs.length,
    values.tags ? ds.songs.map((s) => s.tags) : undefined,
  )
  const model = await trainAutoencoder(
    columns,
    { epochs: Number(values.epochs), seed: Number(values.seed) },
    {
      onProgress: (p) =>
        log(`epoch ${p.epoch}/${p.epochs}  ${p.seconds.toFixed(2)} s  loss ${p.loss.toFixed(4)}`),
    },
  )
  result = {
    model: 'autoencoder',
    songs: model.vocab.length,
    columns: model.nCols,
    non_zeros: columns.rows.reduce((s, r) => s + r.length, 0),
    layers: [model.nCols, ...model.params.encoder, ...model.params.decoder, model.nCols],
    epochs: model.params.epochs,
    final_loss: model.lossHistory.at(-1) ?? null,
  }
} else {
  const model = await trainAls(
    { rows, nItems: ds.songs.length },
    {
      factors: Number(values.factors),
      iterations: Number(values.iterations),
      threads: Number(values.threads),
      seed: Number(values.seed),
      computeLoss: values.loss,
    },
    {
      onProgress: (p) => {
        const loss = p.loss === undefined ? '' : `  objective ${p.loss.toFixed(1)}`
        log(`iteration ${p.iteration}/${p.iterations}  ${p.seconds.toFixed(2)} s${loss}`)
      },
    },
  )
  result = {
    model: 'als',
    playlists: model.nUsers,
    songs: model.vocab.length,
    occurrences: rows.reduce((s, p) => s + p.length, 0),
    factors: model.dim,
    iterations: model.params.iterations,
    threads: model.params.threads,
    final_objective: model.lossHistory.at(-1) ?? null,
  }
}
const cpu = process.cpuUsage(cpuStart)
result.seconds = Number(((performance.now() - started) / 1000).toFixed(3))
result.cpu_seconds = Number(((cpu.user + cpu.system) / 1e6).toFixed(3))
console.log(values.json ? JSON.stringify(result) : result)
