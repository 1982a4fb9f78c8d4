// vocab.tsv: one "key<TAB>count" line per model row, keys escaped so any character survives.

/** Escapes `\`, tab, newline and carriage return as \\, \t, \n, \r. */
export function escapeKey(key: string): string {
  return key.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c])
}

export function unescapeKey(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? `\\${c}`)
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' }

export function vocabTsv(words: readonly string[], counts: Uint32Array): string {
  let out = ''
  for (let i = 0; i < words.length; i++) out += `${escapeKey(words[i])}\t${counts[i]}\n`
  return out
}

export function parseVocabTsv(
  text: string,
  file: string,
): { words: string[]; counts: Uint32Array } {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const words: string[] = []
  const counts = new Uint32Array(lines.length)
  lines.forEach((line, i) => {
    const tab = line.lastIndexOf('\t')
    const count = Number(line.slice(tab + 1))
    if (tab < 0 || !Number.isInteger(count) || count < 0 || line.slice(tab + 1) === '') {
      throw new Error(`${file} line ${i + 1}: expected "key<TAB>count"`)
    }
    words.push(unescapeKey(line.slice(0, tab)))
    counts[i] = count
  })
  return { words, counts }
}
