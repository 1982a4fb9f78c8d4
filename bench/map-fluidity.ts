// Benchmark (prints numbers, asserts nothing): frame times while panning a 75,000-point map drawn as the app draws it.
// Run: npx tsx bench/map-fluidity.ts [--points 75000]   (needs Debian's chromium)
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { launchChromium } from '../test/helpers/browser'

const points = Number(process.argv[process.argv.indexOf('--points') + 1]) || 75_000
const echartsJs = readFileSync(
  join(import.meta.dirname, '../node_modules/echarts/dist/echarts.min.js'),
  'utf8',
)

// The same series options as src-renderer/components/SongMap.vue: large scatter, flat Float32Array data, inside zoom.
const page = `<!doctype html><html><body style="margin:0;background:#14161b">
<div id="c" style="width:1200px;height:700px"></div>
<script>${echartsJs}</script>
<script>
  const n = ${points}, k = 60, palette = ['#5ec3a0','#6c9ef8','#f0a35e','#d36fb4','#c7d45a','#58c7d6']
  let s = 1; const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647
  const byCluster = Array.from({ length: k }, () => [])
  for (let i = 0; i < n; i++) {
    const c = i % k, cx = Math.cos(c) * 10 + (c % 7), cy = Math.sin(c * 1.3) * 10 + (c % 5)
    byCluster[c].push(cx + (rnd() - 0.5) * 3, cy + (rnd() - 0.5) * 3)
  }
  const chart = echarts.init(document.getElementById('c'))
  chart.setOption({
    animation: false, grid: { left: 10, right: 10, top: 10, bottom: 10 },
    xAxis: { type: 'value', show: false, scale: true }, yAxis: { type: 'value', show: false, scale: true },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
    series: byCluster.map((d, c) => ({ type: 'scatter', large: true, largeThreshold: 500, symbolSize: 3, silent: true,
      itemStyle: { color: palette[c % palette.length], opacity: 0.75 }, data: new Float32Array(d), dimensions: ['x', 'y'] })),
  })
  window.frames_ = []
  const tick = (t) => { window.frames_.push(t); requestAnimationFrame(tick) }
  requestAnimationFrame(tick)
</script></body></html>`

const server = createServer((_req, res) => res.end(page))
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
const browser = await launchChromium()
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 700 } })
  await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  await tab.waitForTimeout(1500)
  const frameGaps = async (action: () => Promise<void>) => {
    await tab.evaluate(() => ((globalThis as unknown as { frames_: number[] }).frames_ = []))
    await action()
    await tab.waitForTimeout(300)
    const frames = await tab.evaluate(
      () => (globalThis as unknown as { frames_: number[] }).frames_,
    )
    const gaps = frames
      .slice(1)
      .map((t, i) => t - frames[i])
      .sort((a, b) => a - b)
    const q = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))]
    return {
      frames: gaps.length,
      p50_ms: +q(0.5).toFixed(1),
      p95_ms: +q(0.95).toFixed(1),
      max_ms: +gaps[gaps.length - 1].toFixed(1),
      long_frames_over_25ms: gaps.filter((g) => g > 25).length,
    }
  }
  // Pan: 4 drags across the map, 60 mouse steps each.
  const pan = await frameGaps(async () => {
    for (let i = 0; i < 4; i++) {
      await tab.mouse.move(300, 350)
      await tab.mouse.down()
      await tab.mouse.move(900, 350 + (i % 2 ? 100 : -100), { steps: 60 })
      await tab.mouse.up()
    }
  })
  // Zoom in and out with the wheel.
  const zoom = await frameGaps(async () => {
    for (let i = 0; i < 10; i++) await tab.mouse.wheel(0, i < 5 ? -200 : 200)
  })
  // The same zoom without the input path (headless Chromium's wheel events alone cost 50–80 ms
  // frames even on a 600-point map): one dataZoom step per animation frame, in and out, so the
  // frame gaps are ECharts' own re-render at each new scale.
  const zoomRender = await frameGaps(async () => {
    // A string, not a function: tsx would wrap a function's inner names in its own helper.
    await tab.evaluate(`new Promise((done) => {
      const chart = echarts.getInstanceByDom(document.getElementById('c'))
      let step = 0
      const next = () => {
        const t = step < 30 ? step : 60 - step
        const half = 50 - t * 1.5
        chart.dispatchAction({ type: 'dataZoom', start: 50 - half, end: 50 + half })
        if (++step <= 60) requestAnimationFrame(next)
        else done()
      }
      next()
    })`)
  })
  console.log(JSON.stringify({ points, pan, zoom, zoomRender }))
} finally {
  await browser.close()
  server.close()
}
