// Builds Segue's .deb offline from a packed Linux app folder (electron-installer-debian + Debian's dpkg-deb): electron-builder's own deb target downloads fpm, which needs the network.
import installer from 'electron-installer-debian'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** The playlist types "Open with Segue" imports (the same as electron-builder.yml's fileAssociations). */
export const PLAYLIST_MIME_TYPES = [
  'audio/x-mpegurl',
  'application/vnd.apple.mpegurl',
  'audio/x-scpls',
  'application/xspf+xml',
]

/** build/icons/NxN.png keyed by the hicolor size folder ("16x16"). */
function icons() {
  const dir = join(root, 'build', 'icons')
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /^\d+x\d+\.png$/.test(f))
      .map((f) => [f.replace(/\.png$/, ''), join(dir, f)]),
  )
}

/**
 * Packs `src` (electron-builder's `linux-unpacked` folder, which must hold LICENSE) into
 * `dest/segue_<version>_amd64.deb`; returns the package's path.
 */
export async function makeDeb({ src, dest, compression = 'xz', logger = () => {} }) {
  const options = await installer({
    src,
    dest,
    arch: 'amd64',
    name: 'segue',
    productName: 'Segue',
    genericName: 'Music recommender',
    bin: 'segue',
    section: 'sound',
    categories: ['AudioVideo', 'Audio'],
    mimeType: PLAYLIST_MIME_TYPES,
    icon: icons(),
    compression,
    logger,
  })
  return options.packagePaths?.[0] ?? join(dest, `segue_${options.version}_amd64.deb`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const src = resolve(process.argv[2] ?? join(root, 'dist', 'linux-unpacked'))
  const dest = resolve(process.argv[3] ?? join(root, 'dist'))
  const deb = await makeDeb({ src, dest, logger: (m) => process.stderr.write(`${m}\n`) })
  process.stdout.write(`${deb}\n`)
}
