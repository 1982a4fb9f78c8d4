// iTunes / Music "Loved" and "Disliked" count as ListenBrainz feedback does: loved ×1.5 in the taste and cited in the why, disliked never recommended.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogIndex } from '../../../../src-main/core/catalog/match'
import { listeningFacts, listeningReason } from '../../../../src-main/core/history/listening-facts'
import { importHistoryFile } from '../../../../src-main/core/history/store'
import { scanFolders } from '../../../../src-main/core/library/scan'
import { loadUserLibrary } from '../../../../src-main/core/mixes/user-library'
import { Db } from '../../../../src-main/core/store/db'
import { sampleLibrary, writeTree } from '../../../fixtures/library-tree'
import { makeTempDir } from '../../../fixtures/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: Db

beforeEach(async () => {
  tmp = makeTempDir()
  writeTree(join(tmp.dir, 'music'), sampleLibrary())
  db = await Db.open(join(tmp.dir, 'segue.db'))
  await scanFolders(db, [join(tmp.dir, 'music')])
})

afterEach(async () => {
  await db.close()
  tmp.cleanup()
})

const track = (id: number, artist: string, title: string, extra: string) => `\t\t<key>${id}</key>
\t\t<dict>
\t\t\t<key>Track ID</key><integer>${id}</integer>
\t\t\t<key>Name</key><string>${title}</string>
\t\t\t<key>Artist</key><string>${artist}</string>
\t\t\t<key>Play Count</key><integer>3</integer>
\t\t\t<key>Play Date UTC</key><date>2025-06-01T12:00:00Z</date>
${extra}\t\t</dict>`

function libraryXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple Computer//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>Major Version</key><integer>1</integer>
\t<key>Tracks</key>
\t<dict>
${track(1, 'Radiohead', 'Paranoid Android', '\t\t\t<key>Loved</key><true/>\n')}
${track(2, 'Radiohead', 'Airbag', '\t\t\t<key>Disliked</key><true/>\n')}
${track(3, 'Radiohead', 'Let Down', '')}
\t</dict>
\t<key>Playlists</key><array></array>
</dict>
</plist>`
}

const keyOf = (lib: Awaited<ReturnType<typeof loadUserLibrary>>, title: string) =>
  [...lib.owned.keys()].find((k) => k.endsWith(title.toLowerCase()))!

describe('iTunes / Music loved and disliked', () => {
  it('go to the feedback table as ListenBrainz feedback does: loved ×1.5 in the taste, disliked out', async () => {
    const file = join(tmp.dir, 'Library.xml')
    writeFileSync(file, libraryXml())
    const report = await importHistoryFile(db, file, CatalogIndex.fromSongs([]))
    expect(report.formats).toEqual(['itunes-plays'])
    expect(report.feedback).toBe(2)
    expect(report.feedback_matched).toBe(2)

    const lib = await loadUserLibrary(db)
    const loved = keyOf(lib, 'Paranoid Android')
    const disliked = keyOf(lib, 'Airbag')
    expect(loved).toBeDefined()
    expect(disliked).toBeDefined()
    expect(lib.thumbsUp.has(loved)).toBe(true)
    expect(lib.thumbsDown.has(disliked)).toBe(true)
    expect(lib.taste.some((s) => s.key === disliked)).toBe(false)
    const weight = (l: typeof lib, k: string) => l.taste.find((s) => s.key === k)!.weight

    // The same song without the love weighs 1/1.5 as much.
    await db.run('DELETE FROM feedback')
    const plain = await loadUserLibrary(db)
    expect(weight(lib, loved)).toBeCloseTo(1.5 * weight(plain, loved), 10)
  })

  it('a loved song is cited in the why', async () => {
    const file = join(tmp.dir, 'Library.xml')
    writeFileSync(file, libraryXml())
    await importHistoryFile(db, file, CatalogIndex.fromSongs([]))
    const lib = await loadUserLibrary(db)
    const facts = await listeningFacts(db)
    const now = Date.UTC(2025, 6, 1)
    expect(listeningReason(facts.get(keyOf(lib, 'Paranoid Android')), now)).toBe(
      'you loved this and played it 3 times, last in June',
    )
    expect(listeningReason({ plays: 0, skips: 0, loved: true }, now)).toBe('you loved this')
  })
})
