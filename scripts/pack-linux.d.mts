// Types for pack-linux.mjs (used by the packaging test).
export declare function packLinuxDir(options: {
  electronDist: string
  output: string
  stdio?: 'inherit' | 'pipe'
  config?: string[]
}): string
