export default {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/services/*/jest.config.js', '<rootDir>/e2e/jest.config.js'],
  maxWorkers: 2,
  // Global options: jest ignores these inside project configs.
  testTimeout: 60000,
};
