// Reads the cold-start figures (songs no playlist has, placed by content) out of a quality report, which carries them untyped.
import type { EvalReport } from '../src-shared/contract'

/** AHR, mAP and AUC of one way of ranking the held-out songs. */
export interface ColdFigures {
  /** Hit rate at top-n over held-out playlists, counting only the cold songs. */
  ahr: number
  /** Mean average precision of ranking every cold song per playlist. */
  map: number
  /** Mean AUC of the same rankings. */
  auc: number
}

/** The cold-start section of a quality report, checked. */
export interface ColdStartView {
  /** Songs held out of training and placed by content. */
  songs: number
  /** What "content" combined, e.g. "tags+audio". */
  content: string
  /** Content placement against the popular and random baselines. */
  methods: { content: ColdFigures; popular: ColdFigures; random: ColdFigures }
  /** Each content source alone and combined, as the report lists them. */
  sources: { name: string; figures: ColdFigures }[]
  /** Recommendations per query (AHR@topn). */
  topn: number | null
}

const METHODS = ['content', 'popular', 'random'] as const

/** The report's cold-start figures (`coldStart`, or `cold_start` as `eval --json` writes it), or null when absent or malformed. */
export function coldStartOf(report: EvalReport | null): ColdStartView | null {
  if (!report) return null
  const raw = (report as Record<string, unknown>).coldStart ?? report.cold_start
  if (!isRecord(raw)) return null
  const { ahr, map, auc } = raw
  if (!isRecord(ahr) || !isRecord(map) || !isRecord(auc)) return null
  const methods = {} as ColdStartView['methods']
  for (const m of METHODS) {
    const f = figures({ ahr: ahr[m], map: map[m], auc: auc[m] })
    if (!f) return null
    methods[m] = f
  }
  const sources: ColdStartView['sources'] = []
  if (isRecord(raw.sources))
    for (const [name, s] of Object.entries(raw.sources)) {
      const f = isRecord(s) ? figures(s) : null
      if (f) sources.push({ name, figures: f })
    }
  const protocol = isRecord(raw.protocol) ? raw.protocol : {}
  return {
    songs: typeof raw.songs === 'number' ? raw.songs : 0,
    content: typeof raw.content === 'string' ? raw.content : '',
    methods,
    sources,
    topn: typeof protocol.topn === 'number' ? protocol.topn : null,
  }
}

/** A content source's name in words: "tags" → "Tags", "tags+audio" → "Tags + audio (combined)", "tags:mlp" → "Tags (mlp)". */
export function sourceLabel(name: string): string {
  const [base, variant] = name.split(':')
  const parts = base.split('+')
  const words = parts.join(' + ')
  let label = words.charAt(0).toUpperCase() + words.slice(1)
  if (parts.length > 1) label += ' (combined)'
  if (variant) label += ` (${variant})`
  return label
}

function figures(o: Record<string, unknown>): ColdFigures | null {
  const { ahr, map, auc } = o
  return isNumber(ahr) && isNumber(map) && isNumber(auc) ? { ahr, map, auc } : null
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
