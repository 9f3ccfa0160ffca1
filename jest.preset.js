// The one jest setup every workspace project shares: SWC compiles TypeScript to ES modules,
// workspace packages resolve to their sources through the "@brandi/source" export condition.

// fastify.inject (light-my-request → cookie), @fastify/swagger-ui (→ content-disposition) and sanitize-html
// (→ htmlparser2 and friends) require() packages that ship only ES modules; jest can require ESM natively only
// from Node 24.9, so on Node 20 those packages are compiled to CommonJS (@swc/jest picks CommonJS when the
// caller requires).
const esmOnlyDependencies = [
  'cookie',
  'content-disposition',
  'htmlparser2',
  'domhandler',
  'domutils',
  'dom-serializer',
  'domelementtype',
  'entities',
];

export default {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@brandi/source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        // Import attributes kept: jest loads a JSON module (a migration's data) only with `with { type: 'json' }`.
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } },
        module: { type: 'es6' },
      },
    ],
    '^.+/node_modules/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/\\.pnpm/(?!(${esmOnlyDependencies.join('|')})@)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  setupFiles: [new URL('./jest.setup.js', import.meta.url).pathname],
};
