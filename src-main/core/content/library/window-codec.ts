// Packs a track's log-mel windows into a small BLOB (8 bits per value, per-window range) for the analysis cache.

const HEADER = 8
const WINDOW_HEADER = 8

/**
 * Encodes same-shaped `[mels][frames]` windows: a header (count, mels, frames as u16), then per
 * window its minimum and step (float32) and one byte per value. A quarter of float32's size; the
 * rounding error (≤ step / 2, i.e. ≤ 0.2 % of the window's range) is far below what the audio
 * models can tell apart.
 */
export function encodeWindows(windows: readonly Float32Array[], mels: number): Buffer {
  if (windows.length === 0) throw new Error('No mel window to encode')
  const values = windows[0].length
  const frames = values / mels
  if (!Number.isInteger(frames) || frames < 1)
    throw new Error(`A mel window of ${values} values does not split into ${mels} bands`)
  if (windows.length > 0xffff || mels > 0xffff || frames > 0xffff)
    throw new Error(
      `Too many windows, bands or frames to encode (${windows.length}, ${mels}, ${frames})`,
    )
  const out = Buffer.alloc(HEADER + windows.length * (WINDOW_HEADER + values))
  out.writeUInt16LE(windows.length, 0)
  out.writeUInt16LE(mels, 2)
  out.writeUInt16LE(frames, 4)
  let at = HEADER
  for (const w of windows) {
    if (w.length !== values)
      throw new Error(`Mel windows differ in size (${w.length} vs ${values} values)`)
    let min = Infinity
    let max = -Infinity
    for (let i = 0; i < values; i++) {
      const v = w[i]
      if (!Number.isFinite(v)) throw new Error('A mel window holds a value that is not finite')
      if (v < min) min = v
      if (v > max) max = v
    }
    const step = max > min ? (max - min) / 255 : 0
    out.writeFloatLE(min, at)
    out.writeFloatLE(step, at + 4)
    at += WINDOW_HEADER
    const inv = step > 0 ? 1 / step : 0
    for (let i = 0; i < values; i++) out[at + i] = Math.round((w[i] - min) * inv)
    at += values
  }
  return out
}

/** Shape of an encoded BLOB without decoding it. */
export function windowsShape(blob: Uint8Array): { count: number; mels: number; frames: number } {
  if (blob.length < HEADER) throw new Error('The cached mel windows are truncated')
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  return { count: view.readUInt16LE(0), mels: view.readUInt16LE(2), frames: view.readUInt16LE(4) }
}

/** The windows back as float32 `[mels][frames]` arrays. */
export function decodeWindows(blob: Uint8Array): Float32Array[] {
  const { count, mels, frames } = windowsShape(blob)
  const values = mels * frames
  if (blob.length !== HEADER + count * (WINDOW_HEADER + values))
    throw new Error('The cached mel windows are corrupt: analyse the track again')
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  const out: Float32Array[] = []
  let at = HEADER
  for (let n = 0; n < count; n++) {
    const min = view.readFloatLE(at)
    const step = view.readFloatLE(at + 4)
    at += WINDOW_HEADER
    const w = new Float32Array(values)
    for (let i = 0; i < values; i++) w[i] = min + step * view[at + i]
    out.push(w)
    at += values
  }
  return out
}
