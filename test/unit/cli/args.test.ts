// The CLI's option parser: typed values, defaults, and usage errors for anything malformed.
import { describe, expect, it } from 'vitest'
import { parseArgs, UsageError } from '../../../src-main/cli/args'

const spec = {
  data: { type: 'string' },
  topn: { type: 'int', default: 10, min: 1 },
  algo: { type: 'string', choices: ['cbow', 'sg'] },
  recommender: { type: 'list' },
  json: { type: 'boolean' },
} as const

describe('parseArgs', () => {
  it('parses every form', () => {
    expect(
      parseArgs(
        ['--data', 'd', '--topn=5', '--json', 'x', '--recommender', 'a,b', '--algo', 'sg'],
        spec,
      ),
    ).toEqual({
      _: ['x'],
      data: 'd',
      topn: 5,
      json: true,
      recommender: ['a', 'b'],
      algo: 'sg',
    })
    expect(parseArgs([], spec).topn).toBe(10)
  })

  it.each([
    [['--nope'], 'Unknown option --nope'],
    [['--topn'], '--topn needs a value'],
    [['--topn', '--json'], '--topn needs a value'],
    [['--topn', '2.5'], '--topn must be an integer'],
    [['--topn', '0'], '--topn must be at least 1'],
    [['--algo', 'glove'], '--algo must be one of cbow, sg'],
    [['--json=1'], '--json takes no value'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(UsageError)
    expect(() => parseArgs(argv, spec)).toThrow(message)
  })
})
