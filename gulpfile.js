// Copies what tsc does not emit (node icons and codex files) next to the compiled node.
const { src, dest, task } = require('gulp');

task('build:assets', () =>
	src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
