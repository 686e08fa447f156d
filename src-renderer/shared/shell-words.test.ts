import { describe, expect, it } from 'vitest'
import { shellQuote, splitCommand } from './shell-words'

describe('splitCommand', () => {
  it('splits on spaces', () => {
    expect(splitCommand('  top -d  1 ')).toEqual(['top', '-d', '1'])
  })

  it('keeps quoted words whole, with empty words where quoted', () => {
    expect(splitCommand(`sh -c 'echo "a b"; exit 3'`)).toEqual(['sh', '-c', 'echo "a b"; exit 3'])
    expect(splitCommand(`echo "it's \\"here\\"" ''`)).toEqual(['echo', `it's "here"`, ''])
  })

  it('takes a backslash as an escape outside quotes', () => {
    expect(splitCommand('ls my\\ dir')).toEqual(['ls', 'my dir'])
  })

  it('keeps Korean text', () => {
    expect(splitCommand('echo 안녕 "한국 어"')).toEqual(['echo', '안녕', '한국 어'])
  })

  it('gives null for an unclosed quote and nothing for blank input', () => {
    expect(splitCommand(`echo 'open`)).toBeNull()
    expect(splitCommand('   ')).toEqual([])
  })
})

describe('shellQuote', () => {
  it('quotes only words a shell would split or expand', () => {
    expect(shellQuote('nginx:1.27')).toBe('nginx:1.27')
    expect(shellQuote('a b')).toBe("'a b'")
    expect(shellQuote('$HOME')).toBe("'$HOME'")
    expect(shellQuote('')).toBe("''")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
  })

  it('writes words that splitCommand reads back', () => {
    const argv = ['sh', '-c', `echo "it's"; ls /tmp`, 'plain', '']
    expect(splitCommand(argv.map(shellQuote).join(' '))).toEqual(argv)
  })
})
