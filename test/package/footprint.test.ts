// An application that depends on the package only for its runtime installs the packed tarball with
// --omit=dev: it must get the runtime and nothing of the lint side (no ESLint, TypeScript or
// typescript-eslint), and the runtime must load with both import and require.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, projectRoot, runNode } from '../helpers/node.js';

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

describe('production footprint of the packed tarball', () => {
  const temp = makeTempDir('fork-safe-footprint-');
  const app = join(temp.dir, 'app');

  beforeAll(() => {
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', temp.dir], projectRoot)) as [
      { filename: string },
    ];
    const tarball = join(temp.dir, packed[0].filename);
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    npm(['install', '--omit=dev', tarball], app);
  });
  afterAll(() => temp.cleanup());

  it('installs nothing but the package itself', () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['eslint-plugin-fork-safe']);
  });

  it('loads the runtime with import and with require', async () => {
    const esm = await runNode(
      [
        '--input-type=module',
        '-e',
        "const r = await import('eslint-plugin-fork-safe/runtime'); console.log(typeof r.perProcess, r.generation())",
      ],
      { cwd: app },
    );
    const cjs = await runNode(
      ['-e', "const r = require('eslint-plugin-fork-safe/runtime'); console.log(typeof r.perProcess, r.generation())"],
      { cwd: app },
    );
    expect([esm.stdout, esm.stderr, cjs.stdout, cjs.stderr]).toEqual(['function 0\n', '', 'function 0\n', '']);
  });
});
