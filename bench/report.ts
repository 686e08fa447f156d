// Writes RESULTS.md from the JSON each benchmark left in a directory.
//
//   npx tsx bench/report.ts <results-dir> <output.md>
// Machine facts come from the environment run.sh sets (BENCH_*), or are read here.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import type { BenchResult, Metric } from './lib/common'

const BENCHES: { name: string; title: string }[] = [
  { name: 'event-latency', title: 'Event → DOM latency' },
  { name: 'list-scale', title: '1000 containers' },
  { name: 'idle-cpu', title: 'Idle CPU' },
  { name: 'logs-throughput', title: 'Log throughput' },
  { name: 'logs-view', title: 'Logs view: first line, search, flood' },
  { name: 'stats-scale', title: 'Stats at scale' },
  { name: 'terminal', title: 'Terminal: keystroke echo and a 10 MiB cat' },
  { name: 'volume-export', title: 'Volume export' },
  { name: 'pull', title: 'Pull: Berth vs docker pull' },
  { name: 'images-list', title: 'Images list with 500 tags' },
  { name: 'engine-restart', title: 'Engine restart: containers list back after the engine answers' },
]

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}

function fmt(m: Metric): string {
  if (m.value === null || Number.isNaN(m.value)) return 'n/a'
  const unit = m.unit === 'count' ? '' : m.unit === '%' || m.unit === 'x' ? m.unit : ` ${m.unit}`
  return `${m.value}${unit}`
}

function verdict(m: Metric): string {
  if (m.budget === undefined) return ''
  return m.value !== null && m.value < m.budget ? '**pass**' : '**FAIL**'
}

function budget(m: Metric): string {
  if (m.budget === undefined) return m.reference ? 'reference' : ''
  return `< ${m.budget}${m.unit === '%' ? '%' : ` ${m.unit}`}`
}

const [dir, outFile] = process.argv.slice(2)
if (!dir || !outFile) {
  console.error('usage: tsx bench/report.ts <results-dir> <output.md>')
  process.exit(2)
}

const results = BENCHES.map((b) => {
  const file = join(dir, `${b.name}.json`)
  return { ...b, result: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : null }
})

// A benchmark run on its own (`BENCH_OUT=dir npx tsx bench/<name>.ts`, then this script) leaves the
// others' JSON out: their sections and budget rows are kept from the previous file, and say so.
const KEPT = '_Not run this time: kept from the previous RESULTS.md._'
const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : ''
const previousSections = previous.split(/\n(?=## )/).filter((t) => t.startsWith('## '))
const previousSection = (title: string) => previousSections.find((t) => t.startsWith(`## ${title}`) && !t.startsWith('## Against the budgets')) ?? null
const cells = (row: string) =>
  row
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim())
/** A kept section's budget rows, rebuilt from its own table (another section may share a label). */
function keptBudgetRows(section: string): string[] {
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Measure'))
    .map(cells)
    .filter(([, , limit]) => limit !== undefined && limit.startsWith('< '))
    .map(([measure, value, limit, result]) => `| ${measure} ${limit} | ${value} | ${result} |`)
}

const env = process.env
const lines: string[] = []
lines.push('# Benchmark results', '')
lines.push('Written by `bash bench/run.sh` (`npm run bench`); every figure below is from the latest run. Budgets are the ones in')
lines.push('ARCHITECTURE.md ("Performance budgets"); "reference" rows are measured in the same run to compare against.', '')
const iso = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z')
const built = existsSync('out/renderer/index.html') ? iso(statSync('out/renderer/index.html').mtime) : 'unknown'
lines.push(`- Date: ${iso(new Date())}; commit ${sh('git', ['rev-parse', '--short', 'HEAD'])}; out/ built ${built}; total ${env.BENCH_TOTAL_SECONDS ?? '?'} s`)
lines.push(`- Machine: ${sh('nproc', [])} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown CPU'}, Linux ${sh('uname', ['-r'])}`)
lines.push(
  `- Engine: Docker Engine ${sh('docker', ['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'])}, ${sh('docker', ['info', '--format', '{{.Driver}}, cgroup v{{.CgroupVersion}}'])}`,
)
lines.push(`- Browser: ${env.BENCH_CHROMIUM_VERSION ?? sh('chromium', ['--version'])} (headless, playwright-core); Node ${process.version}`)
lines.push(`- Load average (1/5/15 min) at start: ${env.BENCH_LOAD_START ?? '?'}; at end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}.`)
lines.push('  Other processes (test suites) may share the machine and the engine; the load average shows how busy it was.', '')

lines.push('## Against the budgets', '')
lines.push('| Budget | Figure | Result |', '|---|---|---|')
for (const { title, result } of results) {
  if (!result) {
    const kept = previousSection(title)
    if (kept) lines.push(...keptBudgetRows(kept))
    else lines.push(`| ${title} | did not complete (see the run's log) | **FAIL** |`)
    continue
  }
  for (const m of result.metrics.filter((x) => x.budget !== undefined)) lines.push(`| ${m.label} ${budget(m)} | ${fmt(m)} | ${verdict(m)} |`)
}
lines.push('')

for (const { title, result } of results) {
  if (!result) {
    const kept = previousSection(title)
    if (kept) {
      const [heading, ...rest] = kept.trimEnd().split('\n')
      lines.push(
        heading!,
        '',
        KEPT,
        '',
        ...rest
          .filter((l) => l !== KEPT)
          .join('\n')
          .replace(/^\n+/, '')
          .split('\n'),
        '',
      )
      continue
    }
    lines.push(`## ${title}`, '', 'Did not complete in this run; see the log of `bench/run.sh`.', '')
    continue
  }
  lines.push(`## ${result.title}`, '')
  lines.push('| Measure | Value | Budget | Result |', '|---|---|---|---|')
  for (const m of result.metrics) lines.push(`| ${m.label}${m.note ? ` (${m.note})` : ''} | ${fmt(m)} | ${budget(m)} | ${verdict(m)} |`)
  lines.push('')
  for (const n of result.notes) lines.push(`- ${n}`)
  lines.push(`- Took ${result.seconds} s.`, '')
}

// Notes about earlier runs are written by hand; each run carries them over as they are.
const notes = previousSections.find((t) => t.startsWith('## Notes from earlier runs'))
if (notes) lines.push(notes.trimEnd(), '')

writeFileSync(outFile, lines.join('\n'))
console.log(`wrote ${outFile}`)
