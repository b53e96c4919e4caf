// Which files of an unpacked package are linted, and as what: every .js/.cjs/.mjs and .ts/.mts/.cts
// (not declaration files), outside node_modules and dot-directories (which ESLint and TypeScript leave
// out by default too).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

const SOURCE = /\.(?:[cm]?js|[cm]?ts)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** Relative, /-separated paths of the package's source files, sorted. */
export function sourceFiles(packageDir) {
  const found = [];
  const walk = (relative) => {
    for (const entry of readdirSync(join(packageDir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

function packageType(packageDir, relativeDir) {
  const path = join(packageDir, relativeDir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')).type ?? 'commonjs';
  } catch {
    return undefined;
  }
}

/**
 * Flat-config blocks that give each file its sourceType, later blocks winning: `.js` files follow the
 * nearest package.json "type" inside the package (the root's, then nested ones such as dist/package.json,
 * deepest last); `.cjs`/`.cts` are CommonJS and `.mjs`/`.mts` modules whatever the type; `.ts` files are
 * modules (TypeScript source is written with import/export even where it compiles to CommonJS).
 */
export function sourceTypeConfigs(packageDir, files) {
  const dirs = new Set(['']);
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const typed = [...dirs]
    .map((dir) => ({ dir, type: packageType(packageDir, dir) }))
    .filter(({ dir, type }) => type !== undefined || dir === '')
    .sort((a, b) => (a.dir ? a.dir.split('/').length : 0) - (b.dir ? b.dir.split('/').length : 0));
  const sourceType = (type) => (type === 'module' ? 'module' : 'commonjs');
  return [
    ...typed.map(({ dir, type }) => ({
      name: `corpus/js-type ${dir || '.'}`,
      files: [dir ? posix.join(dir, '**/*.js') : '**/*.js'],
      languageOptions: { sourceType: sourceType(type) },
    })),
    { name: 'corpus/cjs', files: ['**/*.cjs', '**/*.cts'], languageOptions: { sourceType: 'commonjs' } },
    { name: 'corpus/esm', files: ['**/*.mjs', '**/*.mts', '**/*.ts'], languageOptions: { sourceType: 'module' } },
  ];
}
