// A request failure carrying the core's error code, so views can show "what to do" messages.
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'BridgeError'
  }
}
