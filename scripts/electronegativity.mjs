#!/usr/bin/env node
// Runs Doyensec's Electronegativity over main's source and over the build (out/), and fails on
// any HIGH or MEDIUM finding that is not explained where it is raised.
//
//   node scripts/electronegativity.mjs            # after `electron-vite build`
//   node scripts/electronegativity.mjs --source   # the source only
//   node scripts/electronegativity.mjs --tree DIR # DIR/src-main and DIR/out instead of the project's (its test)
//
// In the source, a finding is explained by a comment on its line:
//   `// eng-disable CHECK_ID -- why this is safe here`
// (Electronegativity itself honours the comment; the "why" is required by this script). The
// bundler drops comments, so a finding in out/ is accepted when its check is explained in the
// source and the build has no more findings of that check than the source explains.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourceOnly = process.argv.includes('--source')
const treeArg = process.argv.indexOf('--tree')
const tree = treeArg > 0 ? resolve(process.argv[treeArg + 1]) : root
const SOURCES = ['src-main']
const BUILD = 'out'
const FAILING = new Set(['HIGH', 'MEDIUM'])
// Needs Electron's release list from the network; which Electron we ship is npm's business (package.json).
const OFFLINE_EXCLUDED = 'AvailableSecurityFixesGlobalCheck'
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
const require = createRequire(import.meta.url)
const bin = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js')

/** Electronegativity's CSV report as records: quoted fields may hold commas, quotes and newlines. */
function csvRecords(text) {
  const records = []
  let record = []
  let field = ''
  let quoted = false
  const endField = () => {
    record.push(field.trim())
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n') {
      endField()
      records.push(record)
      record = []
    } else field += c
  }
  if (field || record.length > 0) {
    endField()
    records.push(record)
  }
  return records
}

function scan(input) {
  const dir = mkdtempSync(join(tmpdir(), 'berth-eng-'))
  const csv = join(dir, 'report.csv')
  try {
    // It prints progress and a table; the CSV is what is read. No network: -e names the version.
    execFileSync(process.execPath, [bin, '-i', input, '-o', csv, '-e', electronVersion, '-v', 'false', '-x', OFFLINE_EXCLUDED], { cwd: tree, stdio: ['ignore', 'ignore', 'pipe'] })
    if (!existsSync(csv)) return []
    const [, ...records] = csvRecords(readFileSync(csv, 'utf8')).filter((r) => r.length > 1)
    // Its CSV writer sometimes cuts a row short (seen for CSP_GLOBAL_CHECK, LOW): such a row is shown, not parsed.
    const readable = records.filter((r) => /^[A-Z][A-Z_]+$/.test(r[0]) && r.length >= 6)
    for (const r of records) if (!readable.includes(r)) console.log(`electronegativity: skipped an unreadable report row: ${r.join(',').slice(0, 160)}`)
    return readable.map(([check, severity, confidence, file, location, sample]) => ({ check, severity, confidence, file: relative(tree, file), location, sample }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else if (/\.(ts|js|mjs|cjs|html)$/.test(entry.name)) yield path
  }
}

/** Check id → how many places in the source explain it, and lines that disable a check without saying why. */
function explanations() {
  const explained = new Map()
  const unexplained = []
  for (const dir of SOURCES) {
    for (const file of filesUnder(join(tree, dir))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /eng-disable[ \t]+([A-Z_ \t]+?)(?:[ \t]+--[ \t]*(.*))?(?:\*\/|-->|$)/.exec(text)
          if (!m) return
          if (!m[2]?.trim()) unexplained.push(`${relative(tree, file)}:${i + 1} disables ${m[1].trim()} without saying why (add "-- why")`)
          for (const id of m[1].trim().split(/[ \t]+/)) explained.set(id, (explained.get(id) ?? 0) + 1)
        })
    }
  }
  return { explained, unexplained }
}

const problems = []
const { explained, unexplained } = explanations()
problems.push(...unexplained)

const describe = (f) => `${f.severity} ${f.check} at ${f.file}:${f.location} (${f.sample})`
for (const dir of SOURCES) {
  for (const f of scan(dir)) if (FAILING.has(f.severity)) problems.push(`source: ${describe(f)}`)
}

if (!sourceOnly) {
  if (!existsSync(join(tree, BUILD, 'main'))) problems.push(`no build in ${BUILD}/: run \`npx electron-vite build\` first (or pass --source)`)
  else {
    const byCheck = new Map()
    for (const f of scan(BUILD).filter((f) => FAILING.has(f.severity))) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f])
    for (const [check, found] of byCheck) {
      const allowed = explained.get(check) ?? 0
      if (found.length > allowed) {
        const why = allowed === 0 ? 'not explained in the source' : `the source explains ${allowed}`
        problems.push(...found.map((f) => `build: ${describe(f)}: ${why}`))
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`electronegativity: FAILED (${problems.length})`)
  for (const p of problems) console.error(`  - ${p}`)
  process.exit(1)
}
console.log(`electronegativity: no unexplained high or medium finding (Electron ${electronVersion}; ${[...explained.values()].reduce((a, b) => a + b, 0)} explained inline)`)
