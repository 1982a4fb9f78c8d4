// Guesses artist and title from a file name ("Artist - Title.mp3", "01 - Artist - Title.flac", "03. Title.ogg").
import { basename, extname } from 'node:path'
import { splitDisplayTitle } from '../playlists/display-title'

/** What a file name says. */
export interface FileNameTags {
  artist?: string
  title?: string
  /** Leading track number, when the name has one. */
  trackNo?: number
}

/** Parses the base name of `path` (either separator); never throws. */
export function tagsFromFileName(path: string): FileNameTags {
  const base = basename(path.replace(/\\/g, '/'))
  let name = base.slice(0, base.length - extname(base).length).trim()
  if (!name.includes(' ') && name.includes('_')) name = name.replace(/_+/g, ' ')
  const out: FileNameTags = {}
  const num = trackNumberPrefix(name)
  if (num) {
    out.trackNo = Number(num[1] ?? num[2] ?? num[3])
    name = name.slice(num[0].length)
  }
  const { artist, title } = splitDisplayTitle(name)
  if (artist) out.artist = artist
  if (title) out.title = title
  return out
}

/**
 * A leading track number: "01 - A - B" / "1. Title" / "1) Title" / "01 Title" / "07 - Title", but
 * not band names such as "50 Cent - …" or "311 - …".
 */
function trackNumberPrefix(name: string): RegExpExecArray | null {
  const threePart = /^(\d{1,3})\s*[-.)_]\s*(?=\S.*\s[-–—]\s)/.exec(name)
  if (threePart) return threePart
  return /^(\d{1,2})\s*[.)_]\s*(?=\S)|^(\d{1,2})\s+-\s+(?=\S)|^(0\d)\s+(?=\S)/.exec(
    name,
  ) as RegExpExecArray | null
}
