// Every CLI command, by name; each module parses its own options and returns an exit code.
import { bench } from './bench'
import { clustersCommand } from './clusters'
import { evalCommand } from './eval'
import { importCommand } from './import'
import { exportPlaylistCommand, mixesCommand } from './mixes'
import { serve } from './serve'
import { similar } from './similar'
import { trainCommand } from './train'

export type Command = (argv: string[]) => Promise<number | void>

export const commands: Record<string, Command> = {
  bench,
  clusters: clustersCommand,
  eval: evalCommand,
  'export-playlist': exportPlaylistCommand,
  import: importCommand,
  mixes: mixesCommand,
  serve,
  similar,
  train: trainCommand,
}
