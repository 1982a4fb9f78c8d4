// Why a media request was refused, with the HTTP status a server answers it with.

/** The kinds of refusal. */
export type MediaErrorCode = 'bad-request' | 'not-found' | 'forbidden' | 'missing' | 'not-a-file'

const STATUS: Record<MediaErrorCode, number> = {
  'bad-request': 400,
  'not-found': 404,
  forbidden: 403,
  missing: 404,
  'not-a-file': 404,
}

/** A refused media request: `code` says why, `status` is the matching HTTP status. */
export class MediaError extends Error {
  readonly status: number

  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'MediaError'
    this.status = STATUS[code]
  }
}
