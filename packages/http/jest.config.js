import preset from '../../jest.preset.js';

// fastify.inject (light-my-request → cookie 2) and @fastify/swagger-ui (@fastify/static → content-disposition 3)
// require() packages that ship only ES modules; jest can require ESM natively only from Node 24.9, so on
// Node 20 those packages are compiled to CommonJS (@swc/jest picks CommonJS when the caller requires).
const esmOnlyDependencies = ['cookie', 'content-disposition'];

export default {
  ...preset,
  displayName: 'http',
  rootDir: '.',
  transform: {
    ...preset.transform,
    '^.+/node_modules/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/\\.pnpm/(?!(${esmOnlyDependencies.join('|')})@)`],
};
