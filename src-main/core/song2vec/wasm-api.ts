// The few WebAssembly APIs the trainer uses, typed here because the Node tsconfig has no DOM lib.

/** A compiled module (can be posted to worker threads). */
export interface WasmModule {
  readonly __wasmModule?: never
}

/** A shared linear memory: its buffer is a SharedArrayBuffer every thread sees. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer
}

interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>
  validate(bytes: Uint8Array): boolean
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => {
    exports: Record<string, unknown>
  }
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
