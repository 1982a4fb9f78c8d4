// JSON with Float32Arrays inside (model weights): arrays travel as base64 of their little-endian bytes.

/** A `JSON.stringify` replacer that writes each Float32Array as `{ f32: base64 }`. */
export function f32Replacer(_key: string, value: unknown): unknown {
  if (value instanceof Float32Array)
    return { f32: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  return value
}

/** The `JSON.parse` reviver that turns `{ f32: base64 }` back into a Float32Array. */
export function f32Reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'f32' in value && typeof value.f32 === 'string') {
    const bytes = Buffer.from(value.f32, 'base64')
    const out = new Float32Array(bytes.length / 4)
    new Uint8Array(out.buffer).set(bytes)
    return out
  }
  return value
}
