// Berth's layers, checked on every `npm test` (scripts/test.sh, step layers). Each rule names an arrow
// that must never exist; docs/ARCHITECTURE.md "Layers" says why each layer sits where it does.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle, type-only imports included: the files cannot be understood (or tested) one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'src-shared is the contract both sides compile: it cannot know either side.',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer|tests|bench)/' },
    },
    {
      name: 'main-and-renderer-apart',
      comment: 'Main and the renderer meet only in src-shared and the transports.',
      severity: 'error',
      from: { path: '^src-main/' },
      to: { path: '^src-renderer/' },
    },
    {
      name: 'renderer-not-main',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
    {
      name: 'core-looks-down',
      comment: 'streams/ and settings/ serve every domain: they know none of them.',
      severity: 'error',
      from: { path: '^src-main/(streams|settings|channels)/' },
      to: { path: '^src-main/(engine|hub|registry|exports|machines|compose|transport|window|preload)/|^src-main/(services|index|web)\\.ts$' },
    },
    {
      name: 'domains-know-no-carrier',
      comment: 'A domain (engine, hub, registry, exports) works the same under IPC, WebSocket or a test: no transport or window code.',
      severity: 'error',
      from: { path: '^src-main/(engine|hub|registry|exports|machines|compose)/' },
      to: { path: '^src-main/(transport|window|preload)/|^src-main/(services|index|web)\\.ts$' },
    },
    {
      name: 'transport-knows-no-window',
      severity: 'error',
      from: { path: '^src-main/transport/' },
      to: { path: '^src-main/(window|preload)/|^src-main/(index|web)\\.ts$' },
    },
    {
      name: 'preload-stands-alone',
      comment: 'The preload runs sandboxed in the page: only the contract and Electron.',
      severity: 'error',
      from: { path: '^src-main/preload/' },
      to: { path: '^src-main/(?!preload/)' },
    },
    {
      name: 'feature-through-its-entry',
      comment: 'A feature uses another feature only through features/<name>/index.ts, its public entry.',
      severity: 'error',
      from: { path: '^src-renderer/features/([^/]+)/' },
      to: { path: '^src-renderer/features/', pathNot: ['^src-renderer/features/$1/', '^src-renderer/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'shared-ui-knows-no-feature',
      comment: 'What several features use cannot depend on one of them, nor on the app shell.',
      severity: 'error',
      from: { path: '^src-renderer/shared/' },
      to: { path: '^src-renderer/(features|app)/' },
    },
    {
      name: 'views-call-no-api',
      comment: 'Views and components read stores and emit intents; only stores and service modules call the API client.',
      severity: 'error',
      from: { path: '^src-renderer/.*\\.vue$' },
      to: { path: '^src-renderer/(shared/)?api/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist|release|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.vue', '.js', '.mjs', '.json'] },
  },
}
