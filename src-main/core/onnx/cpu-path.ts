// Which int8 kernel onnxruntime picks on this CPU (from /proc/cpuinfo), for benchmarks and tests to report.
import { readFileSync } from 'node:fs'
import { arch } from 'node:os'

/** The CPU features that decide onnxruntime's MatMulInteger kernel. */
export interface KernelPath {
  /** Node's `os.arch()`. */
  arch: string
  /** The relevant flags present (avx2, fma, avx512f, avx512bw, avx512_vnni, avx_vnni, asimddp, …). */
  flags: string[]
  /** The u8×s8 kernel onnxruntime's MLAS uses here, and whether its intermediates can saturate. */
  int8: string
}

const RELEVANT = [
  'avx2',
  'fma',
  'avx512f',
  'avx512bw',
  'avx512_vnni',
  'avx_vnni',
  'asimddp',
  'i8mm',
]

/** Reads the flags of the first CPU listed in `cpuinfo` (Linux); elsewhere only the architecture. */
export function kernelPath(cpuinfo?: string): KernelPath {
  let text = cpuinfo
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8')
    } catch {
      text = ''
    }
  }
  const line = text.split('\n').find((l) => /^(flags|Features)\s*:/.test(l)) ?? ''
  const present = new Set(
    line
      .replace(/^[^:]*:/, '')
      .trim()
      .split(/\s+/),
  )
  const flags = RELEVANT.filter((f) => present.has(f))
  return { arch: arch(), flags, int8: describe(present) }
}

function describe(f: Set<string>): string {
  if (f.has('avx512_vnni') || f.has('avx_vnni')) return 'VNNI vpdpbusd (int32 sums, exact)'
  if (f.has('avx512bw'))
    return 'AVX-512BW vpmaddubsw (int16 pair sums: exact only with 7-bit weights)'
  if (f.has('avx2')) return 'AVX2 vpmaddubsw (int16 pair sums: exact only with 7-bit weights)'
  if (f.has('asimddp')) return 'ARM sdot/udot (int32 sums, exact)'
  if (f.size > 1) return 'generic (widened int32 sums, exact)'
  return 'unknown (no /proc/cpuinfo flags)'
}

/** One line for logs: "x64 avx2 fma — AVX2 vpmaddubsw (…)". */
export function kernelPathLine(p: KernelPath = kernelPath()): string {
  return `${p.arch} ${p.flags.join(' ') || '(no flags)'} — ${p.int8}`
}
