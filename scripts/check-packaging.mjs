#!/usr/bin/env node
// Proves that electron-builder accepts build/electron-builder.yml without needing the Electron
// binary: the YAML is parsed with the js-yaml electron-builder itself uses, merged and checked
// with app-builder-lib's own validateConfiguration (the JSON-schema check `electron-builder`
// runs before packaging), then our own requirements are checked (fuses, targets, icons, and
// the built bundles in out/).
//
//   node scripts/check-packaging.mjs                # after `electron-vite build`
//   node scripts/check-packaging.mjs --config-only  # skip the out/ checks
//   node scripts/check-packaging.mjs --config other.yml
//
// Exits 1 with one line per problem.
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const configOnly = args.includes('--config-only')
const configArg = args.indexOf('--config')
const configPath = resolve(root, configArg >= 0 && args[configArg + 1] ? args[configArg + 1] : 'build/electron-builder.yml')

const problems = []
const problem = (msg) => problems.push(msg)

function finish() {
  if (problems.length > 0) {
    console.error(`check-packaging: FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'})`)
    for (const p of problems) console.error(`  - ${p}`)
    process.exit(1)
  }
  console.log(`check-packaging: OK (${relative(root, configPath)} accepted by electron-builder ${builderVersion}${configOnly ? ', build output not checked' : ', build output present'})`)
}

// ---- load electron-builder's own modules (no Electron binary involved) ----
const requireHere = createRequire(join(root, 'package.json'))
let appBuilderLibDir
let configModule
let builderUtil
let builderVersion = '?'
try {
  appBuilderLibDir = dirname(requireHere.resolve('app-builder-lib/package.json'))
  const requireLib = createRequire(join(appBuilderLibDir, 'package.json'))
  configModule = requireLib('./out/util/config/config.js')
  builderUtil = requireLib('builder-util')
  builderVersion = JSON.parse(readFileSync(join(appBuilderLibDir, 'package.json'), 'utf8')).version
} catch (e) {
  problem(`cannot load electron-builder's app-builder-lib from node_modules (run npm ci): ${e.message}`)
  finish()
}
if (typeof configModule.validateConfiguration !== 'function' || typeof configModule.doMergeConfigs !== 'function') {
  problem(`app-builder-lib ${builderVersion} no longer exports validateConfiguration/doMergeConfigs from out/util/config/config.js; update scripts/check-packaging.mjs`)
  finish()
}

// ---- parse the YAML ----
if (!existsSync(configPath)) {
  problem(`${relative(root, configPath)} does not exist`)
  finish()
}
let raw
try {
  const requireLib = createRequire(join(appBuilderLibDir, 'package.json'))
  let yaml = null
  try {
    yaml = requireLib('js-yaml')
  } catch {
    yaml = null
  }
  if (yaml) {
    raw = yaml.load(readFileSync(configPath, 'utf8'))
  } else {
    // Fall back to electron-builder's loader, which parses the same file the same way.
    const loaded = await configModule.getConfig(root, configPath, null)
    raw = loaded
  }
} catch (e) {
  problem(`${relative(root, configPath)} is not valid YAML: ${e.message}`)
  finish()
}
if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
  problem(`${relative(root, configPath)} must be a mapping of options`)
  finish()
}

// ---- electron-builder's own validation ----
const config = configModule.doMergeConfigs([structuredClone(raw)])
try {
  await configModule.validateConfiguration(config, new builderUtil.DebugLogger(false))
} catch (e) {
  problem(`electron-builder rejects ${relative(root, configPath)}:\n${String(e.message).replace(/^/gm, '    ')}`)
}

// ---- our requirements ----
const expect = (cond, msg) => {
  if (!cond) problem(msg)
}
expect(raw.appId === 'dev.berth.app', `appId must be dev.berth.app (is ${JSON.stringify(raw.appId)})`)
expect(raw.productName === 'Berth', `productName must be Berth (is ${JSON.stringify(raw.productName)})`)
expect(raw.asar === true, 'asar must be true (the onlyLoadAppFromAsar and asar-integrity fuses depend on it)')
expect(raw.directories?.output === 'release', 'directories.output must be release')

const wantFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  // The renderer comes from app://berth (window/app-protocol.ts): file:// pages get no extra rights.
  grantFileProtocolExtraPrivileges: false,
}
if (!raw.electronFuses || typeof raw.electronFuses !== 'object') {
  problem('electronFuses is missing')
} else {
  for (const [fuse, value] of Object.entries(wantFuses)) {
    expect(raw.electronFuses[fuse] === value, `electronFuses.${fuse} must be ${value} (is ${JSON.stringify(raw.electronFuses[fuse])})`)
  }
}

const targetNames = (t) => (Array.isArray(t) ? t : t == null ? [] : [t]).map((x) => (typeof x === 'string' ? x : x?.target)).map((x) => String(x).toLowerCase())
const linuxTargets = targetNames(raw.linux?.target)
expect(linuxTargets.includes('appimage') && linuxTargets.includes('deb'), `linux.target must include AppImage and deb (is ${JSON.stringify(raw.linux?.target)})`)
expect(targetNames(raw.mac?.target).includes('dmg'), 'mac.target must include dmg')
expect(targetNames(raw.win?.target).includes('nsis'), 'win.target must include nsis')
expect(raw.mac?.hardenedRuntime === true, 'mac.hardenedRuntime must be true')

const filesPatterns = (Array.isArray(raw.files) ? raw.files : [raw.files]).filter((f) => typeof f === 'string')
expect(
  filesPatterns.some((f) => f.startsWith('out/')),
  'files must include the built bundles (out/**)',
)
expect(filesPatterns.includes('package.json'), 'files must include package.json')

// Files the config points at.
const mustExist = (rel, what) => {
  const p = resolve(root, rel)
  if (!existsSync(p)) problem(`${what} ${rel} does not exist`)
  return p
}
for (const key of ['entitlements', 'entitlementsInherit']) {
  if (raw.mac?.[key]) {
    const p = mustExist(raw.mac[key], `mac.${key}`)
    if (existsSync(p) && !readFileSync(p, 'utf8').includes('com.apple.security.cs.allow-jit')) {
      problem(`${raw.mac[key]} lacks com.apple.security.cs.allow-jit, which Electron needs under the hardened runtime`)
    }
  }
}
mustExist('build/icon.png', 'icon')
for (const section of ['linux', 'mac', 'win']) {
  const icon = raw[section]?.icon
  if (typeof icon !== 'string') continue
  const p = mustExist(icon, `${section}.icon`)
  if (existsSync(p) && statSync(p).isDirectory() && !readdirSync(p).some((f) => /^\d+x\d+\.png$/.test(f))) {
    problem(`${section}.icon directory ${icon} has no NxN.png files`)
  }
}
const pngSize = (p) => {
  const b = readFileSync(p)
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG') return null
  return [b.readUInt32BE(16), b.readUInt32BE(20)]
}
if (existsSync(join(root, 'build/icon.png'))) {
  const size = pngSize(join(root, 'build/icon.png'))
  if (!size) problem('build/icon.png is not a PNG')
  else if (size[0] < 512 || size[1] < 512) problem(`build/icon.png is ${size[0]}x${size[1]}; macOS needs at least 512x512`)
}

// ---- the build output electron-builder will package ----
if (!configOnly) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  for (const rel of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
    if (!existsSync(join(root, rel))) problem(`${rel} is missing: run \`npx electron-vite build\` first`)
  }
  if (pkg.main) {
    expect(existsSync(resolve(root, pkg.main)), `package.json "main" (${pkg.main}) does not exist after the build`)
  } else {
    problem('package.json has no "main"')
  }
}

finish()
