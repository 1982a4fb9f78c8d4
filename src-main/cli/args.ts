// A small strict option parser for the CLI: typed options, unknown or malformed ones are usage errors (exit code 2).

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export type OptionType = 'string' | 'int' | 'number' | 'boolean' | 'list'
export type OptionSpec = Record<
  string,
  { type: OptionType; default?: unknown; choices?: readonly string[]; min?: number }
>
type Value<T extends OptionType> = T extends 'int' | 'number'
  ? number
  : T extends 'boolean'
    ? boolean
    : T extends 'list'
      ? string[]
      : string
export type Parsed<S extends OptionSpec> = { [K in keyof S]: Value<S[K]['type']> | undefined } & {
  _: string[]
}

/** Parses `--name value`, `--name=value` and boolean `--flag`; positionals go to `_`. */
export function parseArgs<S extends OptionSpec>(argv: string[], spec: S): Parsed<S> {
  const out: Record<string, unknown> = { _: [] }
  for (const [name, s] of Object.entries(spec)) if (s.default !== undefined) out[name] = s.default
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) {
      ;(out._ as string[]).push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq < 0 ? undefined : eq)
    const s = spec[name]
    if (!s) throw new UsageError(`Unknown option --${name}`)
    if (s.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`)
      out[name] = true
      continue
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i]
    if (raw === undefined || (eq < 0 && raw.startsWith('--')))
      throw new UsageError(`--${name} needs a value`)
    out[name] = convert(name, raw, s)
  }
  return out as Parsed<S>
}

function convert(name: string, raw: string, s: OptionSpec[string]): unknown {
  if (s.type === 'int' || s.type === 'number') {
    const n = Number(raw)
    if (raw.trim() === '' || !Number.isFinite(n) || (s.type === 'int' && !Number.isInteger(n))) {
      throw new UsageError(
        `--${name} must be ${s.type === 'int' ? 'an integer' : 'a number'}, got "${raw}"`,
      )
    }
    if (s.min !== undefined && n < s.min)
      throw new UsageError(`--${name} must be at least ${s.min}, got ${n}`)
    return n
  }
  if (s.type === 'list')
    return raw
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
  if (s.choices && !s.choices.includes(raw)) {
    throw new UsageError(`--${name} must be one of ${s.choices.join(', ')}, got "${raw}"`)
  }
  return raw
}

/** A Yes-format directory that cannot be read is bad input (exit 2); other failures pass through. */
export function datasetInputError(e: Error): never {
  if (/Not a Yes-format directory|is missing|not in song_hash/.test(e.message))
    throw new UsageError(e.message)
  throw e
}
