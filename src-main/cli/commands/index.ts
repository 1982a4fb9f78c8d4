// Every CLI command, by name; each module parses its own options and returns an exit code.
import { clustersCommand } from './clusters'
import { evalCommand } from './eval'
import { importCommand } from './import'
import { serve } from './serve'
import { similar } from './similar'
import { trainCommand } from './train'

export type Command = (argv: string[]) => Promise<number | void>

export const commands: Record<string, Command> = {
  clusters: clustersCommand,
  eval: evalCommand,
  import: importCommand,
  serve,
  similar,
  train: trainCommand,
}
