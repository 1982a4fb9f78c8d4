// The decoded-audio shape every decoder returns: one Float32Array per channel plus the sample rate.

/** Decoded audio, samples in [-1, 1]. */
export interface Pcm {
  /** One array per channel, all the same length. */
  channels: Float32Array[]
  /** Samples per second of each channel. */
  sampleRate: number
}

/** The mean of the channels over samples `from .. to − 1` (default all; mono is returned as a view, not copied). */
export function downmix(pcm: Pcm, from = 0, to = pcm.channels[0]?.length ?? 0): Float32Array {
  const { channels } = pcm
  if (channels.length === 0) throw new Error('Decoded audio has no channels')
  if (channels.length === 1) return channels[0].subarray(from, to)
  const n = Math.max(0, to - from)
  const out = new Float32Array(n)
  const scale = 1 / channels.length
  for (const ch of channels) for (let i = 0; i < n; i++) out[i] += ch[from + i] * scale
  return out
}
