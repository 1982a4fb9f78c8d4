// Which CSV column holds what: header names in many languages (Exportify's 12 locales, hand-made sheets), else inferred from the cells.

/** The columns a playlist CSV can have. */
export type CsvColumn =
  'title' | 'artist' | 'album' | 'durationMs' | 'duration' | 'location' | 'uri'

/** Columns found for a CSV and how. */
export interface CsvColumnMap {
  columns: Map<CsvColumn, number>
  /** True when row 0 is a header (false when the file has none and columns were inferred). */
  hasHeader: boolean
  /** "header" when names were recognised, "content" when columns were guessed from the cells. */
  how: 'header' | 'content'
}

/**
 * Exportify's header strings for the columns Segue uses, per interface language (the `track.*`
 * strings of Exportify's src/i18n/locales/<lang>/translation.json): track URI, track name, artist
 * names, album name, duration (ms).
 */
const EXPORTIFY: Record<string, [string, string, string, string, string]> = {
  en: ['Track URI', 'Track Name', 'Artist Name(s)', 'Album Name', 'Track Duration (ms)'],
  ar: [
    'رابط الأغنية (URI)',
    'اسم الأغنية',
    'أسماء الفنانين',
    'اسم الألبوم',
    'مدة الأغنية (بالمللي ثانية)',
  ],
  de: ['Track-URI', 'Track-Name', 'Künstlername(n)', 'Album-Name', 'Track-Dauer (ms)'],
  el: [
    'URI κομματιού',
    'Όνομα κομματιού',
    'Όνομα/τα καλλιτέχνη',
    'Όνομα άλμπουμ',
    'Διάρκεια κομματιού (ms)',
  ],
  es: [
    'URI de la canción',
    'Nombre de la canción',
    'Nombre(s) del artista',
    'Nombre del álbum',
    'Duración de la canción (ms)',
  ],
  fr: [
    'URI du titre',
    'Nom du titre',
    "Nom(s) de l'artiste",
    "Nom de l'album",
    'Durée du titre (ms)',
  ],
  it: [
    'URI della traccia',
    'Nome della traccia',
    "Nome dell'artista",
    "Nome dell'album",
    'Durata della traccia (ms)',
  ],
  ja: ['トラックURI', 'トラック名', 'アーティスト名', 'アルバム名', 'トラックの長さ（ミリ秒）'],
  nl: ['Nummer URI', 'Nummernaam', 'Naam van artiest', 'Naam van album', 'Nummerduur (ms)'],
  pt: [
    'URI da faixa',
    'Nome da faixa',
    'Nome(s) do artista',
    'Nome do álbum',
    'Duração da faixa (ms)',
  ],
  sv: ['Låtens URI', 'Låtens namn', 'Artistens namn', 'Albumets namn', 'Låtlängd (ms)'],
  tr: ['Parça URI', 'Parça Adı', 'Sanatçı Adı', 'Albüm Adı', 'Parça Süresi (ms)'],
}

/** Single-word and common header names of hand-made sheets, by language (compared folded). */
const WORDS: Record<CsvColumn, string[]> = {
  title: [
    'track name',
    'track title',
    'title',
    'name',
    'song',
    'song name',
    'song title',
    'track',
    'titel',
    'titre',
    'titulo',
    'titolo',
    'nome',
    'nombre',
    'cancion',
    'chanson',
    'lied',
    'liedtitel',
    'brani',
    'brano',
    'musica',
    'lat',
    'latt',
    'sarki',
    'parca',
    'название',
    'песня',
    'тайтл',
    'タイトル',
    '曲名',
    '标题',
    '歌曲',
    '제목',
    'τιτλος',
  ],
  artist: [
    'artist name(s)',
    'artist names',
    'artist name',
    'artists',
    'artist',
    'artist(s)',
    'performer',
    'creator',
    'interpret',
    'interpreten',
    'kunstler',
    'kuenstler',
    'artiste',
    'artistes',
    'artista',
    'artistas',
    'artisti',
    'artiest',
    'artiesten',
    'sanatci',
    'interprete',
    'исполнитель',
    'артист',
    'アーティスト',
    '歌手',
    '艺术家',
    '아티스트',
    'καλλιτεχνης',
  ],
  album: [
    'album name',
    'album',
    'album title',
    'release',
    'albumi',
    'albun',
    'albume',
    'альбом',
    'アルバム',
    '专辑',
    '앨범',
    'αλμπουμ',
  ],
  durationMs: ['duration (ms)', 'track duration (ms)', 'duration_ms', 'length (ms)', 'dauer (ms)'],
  duration: [
    'duration',
    'length',
    'time',
    'duration (s)',
    'seconds',
    'dauer',
    'lange',
    'laenge',
    'spielzeit',
    'duree',
    'duracion',
    'durata',
    'duracao',
    'duur',
    'lengte',
    'langd',
    'sure',
    'длительность',
    'время',
    '長さ',
    '时长',
    '재생 시간',
    'διαρκεια',
  ],
  location: [
    'location',
    'path',
    'file',
    'filename',
    'file name',
    'file path',
    'filepath',
    'pfad',
    'datei',
    'dateipfad',
    'chemin',
    'fichier',
    'ruta',
    'archivo',
    'percorso',
    'caminho',
    'arquivo',
    'pad',
    'bestand',
    'sokvag',
    'fil',
    'dosya',
    'путь',
    'файл',
    'パス',
  ],
  uri: ['track uri', 'uri', 'spotify uri', 'url', 'link', 'enlace', 'lien'],
}

/** Lower-case, accents off, full-width forms folded, spaces squashed. */
export function foldHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

const ORDER: CsvColumn[] = ['uri', 'title', 'artist', 'album', 'durationMs']

/** Folded header name → column. */
const KNOWN = (() => {
  const m = new Map<string, CsvColumn>()
  for (const names of Object.values(EXPORTIFY))
    names.forEach((n, i) => m.set(foldHeader(n), ORDER[i]))
  for (const [col, names] of Object.entries(WORDS) as [CsvColumn, string[]][])
    for (const n of names) if (!m.has(foldHeader(n))) m.set(foldHeader(n), col)
  return m
})()

/** Maps a header row to columns (the first column of each kind wins). */
export function mapHeader(header: string[]): Map<CsvColumn, number> {
  const cols = new Map<CsvColumn, number>()
  header.forEach((h, i) => {
    const col = KNOWN.get(foldHeader(h))
    if (col !== undefined && !cols.has(col)) cols.set(col, i)
  })
  return cols
}

type CellKind = 'empty' | 'uri' | 'path' | 'clock' | 'number' | 'date' | 'text'

function kindOf(v: string): CellKind {
  const s = v.trim()
  if (s === '') return 'empty'
  if (/^(spotify|https?|file|deezer|tidal|youtube):/i.test(s)) return 'uri'
  if (
    /^(\/|[a-z]:[\\/]|\.{1,2}[\\/])/i.test(s) ||
    /\.(mp3|flac|m4a|ogg|opus|wav|aac|wma)$/i.test(s)
  )
    return 'path'
  if (/^(\d+:)?\d{1,2}:\d{2}(\.\d+)?$/.test(s)) return 'clock'
  if (/^\d{4}-\d{2}(-\d{2})?([T ].*)?$/.test(s)) return 'date'
  if (/^-?\d+(\.\d+)?$/.test(s)) return 'number'
  return 'text'
}

/**
 * Columns of a CSV whose header is not recognised (or absent), inferred from the cells of up to 50
 * rows: a column of m:ss values is the duration, large integers (≥ 30 000) are milliseconds, URIs
 * and paths are locations; the text columns, left to right, are title, artist, album (the order of
 * Exportify and most spreadsheets). Row 0 is a header when its cells do not look like the rows below.
 * Undefined when no text column exists.
 */
export function inferColumns(records: string[][]): CsvColumnMap | undefined {
  const rows = records.filter((r) => !(r.length === 1 && r[0].trim() === ''))
  if (rows.length === 0) return undefined
  const width = Math.max(...rows.map((r) => r.length))
  const sample = rows.slice(1, 51)
  const body = sample.length > 0 ? sample : rows
  const dominant: CellKind[] = []
  for (let c = 0; c < width; c++) {
    const counts = new Map<CellKind, number>()
    for (const r of body) {
      const k = kindOf(r[c] ?? '')
      if (k !== 'empty') counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    let best: CellKind = 'empty'
    let n = 0
    for (const [k, v] of counts) if (v > n) [best, n] = [k, v]
    dominant.push(best)
  }
  // Row 0 is a header when a typed column (not text) has a text cell there.
  const first = rows[0]
  const hasHeader =
    sample.length > 0 &&
    dominant.some((k, c) => k !== 'text' && k !== 'empty' && kindOf(first[c] ?? '') === 'text')
  const columns = new Map<CsvColumn, number>()
  const texts: number[] = []
  dominant.forEach((k, c) => {
    if (k === 'text') texts.push(c)
    else if (k === 'clock' && !columns.has('duration')) columns.set('duration', c)
    else if (k === 'number' && !columns.has('durationMs')) {
      const big = body.every((r) => {
        const v = Number(r[c])
        return !(r[c] ?? '').trim() || (v >= 30_000 && v <= 3_600_000)
      })
      if (big) columns.set('durationMs', c)
    } else if ((k === 'uri' || k === 'path') && !columns.has('location')) columns.set('location', c)
  })
  if (texts.length === 0) return undefined
  const names: CsvColumn[] = ['title', 'artist', 'album']
  texts.slice(0, 3).forEach((c, i) => columns.set(names[i], c))
  return { columns, hasHeader, how: 'content' }
}
