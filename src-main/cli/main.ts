// `segue <command>`: dispatches to one command module; usage errors exit 2 with one line on stderr.
import { UsageError } from './args'
import { commands } from './commands'

const USAGE = `usage: segue <command> [options]
commands: ${Object.keys(commands).join(', ')}
See docs/cli.md (the contract) or the README for every option.`

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command)
    throw new UsageError(
      `Unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`,
    )
  return (await command(rest)) ?? 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`segue: ${e.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`segue: ${(e as Error)?.message ?? String(e)}\n`)
      process.exitCode = 1
    }
  },
)
