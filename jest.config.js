/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// A ceiling for a stuck test, not a measure: under load (other n8n runs beside) the 1,200-item runs take 40 s.
	testTimeout: 120000,
	setupFiles: ['<rootDir>/test/setupEnv.ts'],
};
