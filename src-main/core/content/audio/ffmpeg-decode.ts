// Decodes what our own decoders cannot (AAC/ALAC in MP4, WMA, APE…) through an ffmpeg executable, when one is installed.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, delimiter, join } from 'node:path'
import type { Pcm } from './pcm'
import { abortError } from './worker-errors'

/** Where ffmpeg was looked for and what was found. */
export interface FfmpegLookup {
  /** The executable to run, when one was found. */
  path?: string
  /** Why none is usable, in plain words (when `path` is unset). */
  missing?: string
}

/** Options of {@link decodeWithFfmpeg}. */
export interface FfmpegDecodeOptions {
  /** Output sample rate (ffmpeg resamples; default 44,100). */
  sampleRate?: number
  /** Output channels (ffmpeg down/up-mixes; default 2). */
  channels?: number
  /** Aborting kills ffmpeg and rejects with an AbortError. */
  signal?: AbortSignal
  /** ffmpeg is killed after this long (default 120 s). */
  timeoutMs?: number
  /** Most decoded bytes accepted (default 512 MiB: 1.7 h of mono 22,050 Hz, 25 min of stereo 44,100 Hz). */
  maxBytes?: number
  /** The executable (default: {@link findFfmpeg}). */
  ffmpeg?: string
  /** Called with the child once spawned (tests watch it being killed). */
  onSpawn?: (child: ChildProcess) => void
}

/**
 * The ffmpeg to use: `SEGUE_FFMPEG` when set (and then only it), else `ffmpeg` on `PATH` (on macOS
 * also Homebrew's and MacPorts' folders). A file that exists and is executable counts; nothing is
 * run to check it.
 */
export function findFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegLookup {
  const given = env.SEGUE_FFMPEG
  if (given) {
    return isExecutable(given)
      ? { path: given }
      : { missing: `SEGUE_FFMPEG is ${given}, which is not an executable file` }
  }
  const names =
    process.platform === 'win32'
      ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => `ffmpeg${e.toLowerCase()}`)
      : ['ffmpeg']
  // An app started from the macOS Finder gets a bare PATH: Homebrew's and MacPorts' folders too.
  const extra =
    process.platform === 'darwin' ? ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin'] : []
  for (const dir of [...(env.PATH ?? env.Path ?? '').split(delimiter), ...extra]) {
    if (!dir) continue
    for (const n of names) {
      const p = join(dir, n)
      if (isExecutable(p)) return { path: p }
    }
  }
  return { missing: 'ffmpeg is not installed (not found on PATH)' }
}

function isExecutable(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false
    if (process.platform !== 'win32') accessSync(p, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Decodes the first audio stream of the file at `path` to float PCM through ffmpeg (`-f f32le`
 * on a pipe). Rejects with a clear message when ffmpeg fails, runs too long or the audio is too
 * long; `name` is used in those messages.
 */
export function decodeWithFfmpeg(
  path: string,
  name: string,
  opts: FfmpegDecodeOptions = {},
): Promise<Pcm> {
  const rate = opts.sampleRate ?? 44100
  const channels = opts.channels ?? 2
  const timeoutMs = opts.timeoutMs ?? 120_000
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024
  const exe = opts.ffmpeg ?? findFfmpeg().path
  const label = basename(name)
  if (!exe) return Promise.reject(new Error(`Cannot decode ${label}: ffmpeg is not installed`))
  if (opts.signal?.aborted) return Promise.reject(abortError())
  const args = ['-v', 'error', '-nostdin', '-i', `file:${path}`, '-map', '0:a:0', '-vn', '-sn']
  // rematrix_maxval 1: a downmix is the mean of the channels, as our own decoders' downmix is.
  args.push('-ac', String(channels), '-rematrix_maxval', '1', '-ar', String(rate))
  args.push('-f', 'f32le', 'pipe:1')
  return new Promise<Pcm>((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    const chunks: Buffer[] = []
    let bytes = 0
    let stderr = ''
    let failure: Error | undefined
    const stop = (err: Error): void => {
      failure ??= err
      child.kill('SIGKILL')
    }
    const onAbort = (): void => stop(abortError())
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const timer = setTimeout(
      () =>
        stop(new Error(`Cannot decode ${label}: ffmpeg took longer than ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
    child.stdout.on('data', (b: Buffer) => {
      bytes += b.length
      if (bytes > maxBytes) {
        const secs = maxBytes / (4 * channels * rate)
        const most = secs < 120 ? `${Math.round(secs)} s` : `${Math.round(secs / 60)} minutes`
        stop(new Error(`Cannot decode ${label}: it is longer than the ${most} Segue decodes`))
      } else chunks.push(b)
    })
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-4000)
    })
    child.on('error', (e) => stop(new Error(`Cannot run ffmpeg (${exe}): ${e.message}`)))
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      if (failure) return reject(failure)
      if (code !== 0) {
        const why = lastLines(stderr) || (signal ? `killed by ${signal}` : `exit code ${code}`)
        return reject(new Error(`Cannot decode ${label}: ffmpeg could not read it (${why})`))
      }
      const pcm = deinterleave(Buffer.concat(chunks, bytes), channels, rate)
      if (pcm.channels[0].length === 0)
        return reject(new Error(`Cannot decode ${label}: ffmpeg found no audio samples in it`))
      resolve(pcm)
    })
    opts.onSpawn?.(child)
  })
}

/** {@link decodeWithFfmpeg} for bytes in memory: written to a private temporary file first (MP4 needs seeking). */
export async function decodeBytesWithFfmpeg(
  bytes: Uint8Array,
  name: string,
  opts: FfmpegDecodeOptions = {},
): Promise<Pcm> {
  const dir = await mkdtemp(join(tmpdir(), 'segue-decode-'))
  try {
    const file = join(dir, 'input')
    await writeFile(file, bytes)
    return await decodeWithFfmpeg(file, name, opts)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function lastLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(-2).join('; ').trim()
}

function deinterleave(buf: Buffer, channels: number, sampleRate: number): Pcm {
  const frames = Math.floor(buf.length / (4 * channels))
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const out = Array.from({ length: channels }, () => new Float32Array(frames))
  for (let i = 0, o = 0; i < frames; i++)
    for (let c = 0; c < channels; c++, o += 4) out[c][i] = view.getFloat32(o, true)
  return { channels: out, sampleRate }
}
