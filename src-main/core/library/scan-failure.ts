// A file or folder a scan could not read, with a reason a person can act on.

/** One thing a scan skipped. */
export interface ScanFailure {
  /** The file or folder (non-UTF-8 bytes shown as \xNN). */
  path: string
  /** Why it was skipped and, where useful, what to do. */
  reason: string
}

/** Turns a file-system error into a short reason. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied — give Segue read access or remove the folder from the library'
    case 'ELOOP':
      return 'symbolic link loop (too many levels of links)'
    case 'ENOENT':
      return 'no longer exists (removed during the scan, or a broken symbolic link)'
    case 'ENOTDIR':
      return 'not a folder'
    case 'EIO':
      return 'input/output error — the disk may be failing or disconnected'
    case 'ENAMETOOLONG':
      return 'path too long'
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files — try again'
    default:
      return err?.message ? String(err.message) : String(e)
  }
}

/** Shows a file name's bytes as text, escaping bytes that are not valid UTF-8 as \xNN. */
export function escapeName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    let s = ''
    for (const b of bytes)
      s +=
        b >= 0x20 && b < 0x7f
          ? String.fromCharCode(b)
          : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`
    return s
  }
}
