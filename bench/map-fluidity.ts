// Benchmark (prints numbers, asserts nothing): frame times while panning and zooming a 75,000-point map drawn as the app draws it, with and without the level of detail (src-renderer/map-lod.ts).
// Run: npx tsx bench/map-fluidity.ts [--points 75000] [--owned 0] [--variants full,lod] [--rounds 2]   (needs Debian's chromium)
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { transformSync } from 'esbuild'
import { launchChromium } from '../test/helpers/browser'

const arg = (name: string, fallback: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback
const points = Number(arg('--points', '75000'))
const ownedCount = Number(arg('--owned', '0'))
const variants = arg('--variants', 'full,lod').split(',')
const rounds = Number(arg('--rounds', '2'))
const echartsJs = readFileSync(
  join(import.meta.dirname, '../node_modules/echarts/dist/echarts.min.js'),
  'utf8',
)
// The app's own level-of-detail code, as a browser script (window.MapLodLib).
const lodJs = transformSync(
  readFileSync(join(import.meta.dirname, '../src-renderer/map-lod.ts'), 'utf8'),
  { loader: 'ts', format: 'iife', globalName: 'MapLodLib', target: 'es2022' },
).code

// Variant "lod": the series options of src-renderer/components/SongMap.vue: one large scatter
// series per palette colour with flat Float32Array data from MapDrawing, the user's songs in white
// on top, inside zoom, axes fixed to the data's extent, the drawn set swapped through SwapThrottle.
// Variant "full": the app before the level of detail (every point, one series per cluster).
const page = (variant: string) => `<!doctype html><html><body style="margin:0;background:#14161b">
<div id="c" style="width:1200px;height:700px"></div>
<script>${echartsJs}</script>
<script>${lodJs}</script>
<script>
  const n = ${points}, k = 60, palette = ['#5ec3a0','#6c9ef8','#f0a35e','#d36fb4','#c7d45a','#58c7d6']
  let s = 1; const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647
  const xy = new Float64Array(2 * n), cluster = new Int32Array(n), owned = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % k, cx = Math.cos(c) * 10 + (c % 7), cy = Math.sin(c * 1.3) * 10 + (c % 5)
    xy[2 * i] = cx + (rnd() - 0.5) * 3; xy[2 * i + 1] = cy + (rnd() - 0.5) * 3; cluster[i] = c
  }
  for (let j = 0; j < ${ownedCount}; j++) owned[Math.floor((j * n) / ${Math.max(1, ownedCount)})] = 1
  const L = MapLodLib, variant = ${JSON.stringify(variant)}, ext = L.extentOf(xy)
  const drawing = new L.MapDrawing({ xy, cluster, owned })
  const style = (color, size, z) => ({ type: 'scatter', large: true, silent: true, symbolSize: size, z, itemStyle: { color, opacity: 0.75 }, dimensions: ['x', 'y'] })
  let series
  if (variant === 'full') {
    // The app before the level of detail: every point, one series per cluster.
    const byCluster = Array.from({ length: k }, () => [])
    for (let i = 0; i < n; i++) byCluster[cluster[i]].push(xy[2 * i], xy[2 * i + 1])
    const mine = []
    for (let i = 0; i < n; i++) if (owned[i]) mine.push(xy[2 * i], xy[2 * i + 1])
    const clusterData = byCluster.map((d) => new Float32Array(d)), mineData = new Float32Array(mine)
    const all = (on) => [...clusterData.map((data, c) => ({ ...style(L.PALETTE[c % 10], on === c ? 5 : 3, on === c ? 3 : 2), largeThreshold: 500, data,
      itemStyle: { color: L.PALETTE[c % 10], opacity: on === null ? 0.75 : on === c ? 1 : 0.12 } })),
      { type: 'scatter', symbolSize: 7, silent: true, itemStyle: { color: '#ffffff' }, data: mineData, dimensions: ['x', 'y'] }]
    series = all(null)
    // Lighting a cluster re-sent the whole option (vue-echarts' :option).
    window.light_ = (on) => chart.setOption({ series: all(on) })
  } else {
    const layers = drawing.layers(null, null)
    series = [...layers.colours.map((data, j) => ({ ...style(L.PALETTE[j], 3, 2), largeThreshold: 1, data })),
      { ...style(L.PALETTE[0], 5, 3), largeThreshold: 1, data: layers.lit }, { ...style('#ffffff', 7, 2), largeThreshold: 1, data: layers.owned }]
    // Lighting a cluster changes the colours' opacity and the lit layer only (SongMap's relight).
    window.light_ = (on) => chart.setOption({ series: [...L.PALETTE.map(() => ({ itemStyle: { opacity: on === null ? 0.75 : 0.12 } })),
      { itemStyle: { color: L.PALETTE[L.colourOf(on ?? 0)], opacity: 1 }, data: drawing.lit(viewNow(), on) }] })
  }
  const chart = echarts.init(document.getElementById('c'))
  chart.setOption({
    animation: false, grid: { left: 10, right: 10, top: 10, bottom: 10 },
    xAxis: { type: 'value', show: false, scale: true, min: ext.x0, max: ext.x1 },
    yAxis: { type: 'value', show: false, scale: true, min: ext.y0, max: ext.y1 },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
    series,
  })
  const count = (list) => list.reduce((a, s) => a + s.data.length / 2, 0)
  window.swaps_ = []
  window.drawn_ = count(series)
  const viewNow = () => {
    const a = chart.convertFromPixel({ gridIndex: 0 }, [10, 690]), b = chart.convertFromPixel({ gridIndex: 0 }, [1190, 10])
    return L.widen({ x0: a[0], x1: b[0], y0: a[1], y1: b[1] })
  }
  const swapper = new L.SwapThrottle(() => {
    const t = performance.now()
    const layers = drawing.layers(viewNow(), null)
    const series = [...layers.colours.map((data) => ({ data })), { data: layers.lit }, { data: layers.owned }]
    chart.setOption({ series })
    chart.getZr().flush()
    window.swaps_.push(performance.now() - t)
    window.drawn_ = count(series)
  })
  if (variant !== 'full') chart.on('datazoom', () => swapper.moved())
  window.frames_ = []
  const tick = (t) => { window.frames_.push(t); requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
</script></body></html>`

interface Gaps {
  frames: number
  p50_ms: number
  p95_ms: number
  max_ms: number
  long_frames_over_25ms: number
}
const summary = (gaps: number[]): Gaps => {
  const g = [...gaps].sort((a, b) => a - b)
  const q = (p: number) => g[Math.min(g.length - 1, Math.floor(p * g.length))]
  return {
    frames: g.length,
    p50_ms: +q(0.5).toFixed(1),
    p95_ms: +q(0.95).toFixed(1),
    max_ms: +g[g.length - 1].toFixed(1),
    long_frames_over_25ms: g.filter((x) => x > 25).length,
  }
}

let current = 'full'
const server = createServer((_req, res) => res.end(page(current)))
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
const browser = await launchChromium()
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 700 } })
  tab.on('pageerror', (e) => console.error('page error:', e.message))
  const frameGaps = async (action: () => Promise<void>) => {
    await tab.evaluate(() => {
      const w = globalThis as unknown as { frames_: number[]; swaps_: number[] }
      w.frames_ = []
      w.swaps_ = []
    })
    await action()
    await tab.waitForTimeout(400)
    const { frames, swaps } = await tab.evaluate(() => {
      const w = globalThis as unknown as { frames_: number[]; swaps_: number[] }
      return { frames: w.frames_, swaps: w.swaps_ }
    })
    return {
      ...summary(frames.slice(1).map((t, i) => t - frames[i])),
      swaps: swaps.length,
      swap_ms_max: swaps.length ? +Math.max(...swaps).toFixed(1) : 0,
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      current = variant
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
      await tab.waitForTimeout(1500)
      const drawnAtStart = await tab.evaluate(
        () => (globalThis as unknown as { drawn_: number }).drawn_,
      )
      // Pan at the whole map: 4 drags, 60 mouse steps each (the view cannot move past the map's edge).
      const pan = await frameGaps(async () => {
        for (let i = 0; i < 4; i++) {
          await tab.mouse.move(300, 350)
          await tab.mouse.down()
          await tab.mouse.move(900, 350 + (i % 2 ? 100 : -100), { steps: 60 })
          await tab.mouse.up()
        }
      })
      // Pan at a fifth of the map's width (at the whole map there is nothing to pan to).
      await tab.evaluate(
        `echarts.getInstanceByDom(document.getElementById('c')).dispatchAction({ type: 'dataZoom', batch: [{ dataZoomIndex: 0, start: 40, end: 60 }, { dataZoomIndex: 1, start: 40, end: 60 }] })`,
      )
      await tab.waitForTimeout(500)
      const panZoomed = await frameGaps(async () => {
        for (let i = 0; i < 4; i++) {
          await tab.mouse.move(i % 2 ? 900 : 300, 350)
          await tab.mouse.down()
          await tab.mouse.move(i % 2 ? 300 : 900, 350 + (i % 2 ? 100 : -100), { steps: 60 })
          await tab.mouse.up()
        }
      })
      await tab.evaluate(
        `echarts.getInstanceByDom(document.getElementById('c')).dispatchAction({ type: 'dataZoom', batch: [{ dataZoomIndex: 0, start: 0, end: 100 }, { dataZoomIndex: 1, start: 0, end: 100 }] })`,
      )
      await tab.waitForTimeout(500)
      // Zoom in and out with the wheel.
      await tab.mouse.move(600, 350)
      const zoom = await frameGaps(async () => {
        for (let i = 0; i < 10; i++) await tab.mouse.wheel(0, i < 5 ? -200 : 200)
      })
      // The same zoom without the input path (headless Chromium's wheel events alone cost 50–80 ms
      // frames even on a 600-point map): one dataZoom step per animation frame, from the whole map
      // to a tenth of its width and back, so the frame gaps are ECharts' own re-render at each new
      // scale (and, for "lod", the swaps of the drawn set). work_ms: the dispatch and its paint.
      let work: number[] = []
      let drawnZoomedIn = 0
      const zoomRender = await frameGaps(async () => {
        // A string, not a function: tsx would wrap a function's inner names in its own helper.
        ;[work, drawnZoomedIn] = (await tab.evaluate(`new Promise((done) => {
          const chart = echarts.getInstanceByDom(document.getElementById('c'))
          let step = 0, drawnIn = 0
          const work = []
          const next = () => {
            const t = step < 30 ? step : 60 - step
            const half = 50 - t * 1.5
            const t0 = performance.now()
            chart.dispatchAction({ type: 'dataZoom', batch: [{ dataZoomIndex: 0, start: 50 - half, end: 50 + half }, { dataZoomIndex: 1, start: 50 - half, end: 50 + half }] })
            chart.getZr().flush()
            work.push(performance.now() - t0)
            if (step === 30) drawnIn = window.drawn_
            if (++step <= 60) requestAnimationFrame(next)
            else done([work, drawnIn])
          }
          next()
        })`)) as [number[], number]
      })
      // Lighting clusters one after another (as hovering across the map does): ms per change.
      const light = summary(
        (await tab.evaluate(`(() => {
          const ms = []
          for (let c = 0; c < 20; c++) {
            const t = performance.now()
            window.light_(c)
            echarts.getInstanceByDom(document.getElementById('c')).getZr().flush()
            ms.push(performance.now() - t)
          }
          window.light_(null)
          return ms
        })()`)) as number[],
      )
      const w = summary(work)
      console.log(
        JSON.stringify({
          variant,
          round,
          points,
          owned: ownedCount,
          drawn: { whole_map: drawnAtStart, at_tenth_width: drawnZoomedIn },
          pan,
          panZoomed,
          zoom,
          zoomRender,
          zoomRender_work_ms: { p50: w.p50_ms, p95: w.p95_ms, max: w.max_ms },
          light_cluster_ms: { p50: light.p50_ms, max: light.max_ms },
        }),
      )
    }
  }
} finally {
  await browser.close()
  server.close()
}
