import { dirname, relative, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { describeCall } from '../util/describe-call.js';
import type { FileAnalysis } from './file-analysis.js';
import { ownPackageRoot } from './own-package.js';

/**
 * The calls that make a node run at load, written for a message when one of them is in another file:
 * "runs at load: index.js:12 `setup()` -> `new Agent()` (lib/agent.js:40)": the first at the top level
 * of its file, each next one inside the code the previous one runs, each with its file and line
 * (paths relative to the linted file's package). Undefined when the node does not run at load or every
 * link is in the linted file (the rules' same-file wording covers that).
 */
export function describeLoadChain(analysis: FileAnalysis, node: TSESTree.Node): string | undefined {
  const chain = analysis.moduleLoad.loadChain(node);
  if (!chain || !chain.some((site) => site.analysis && site.analysis !== analysis)) return undefined;
  const where = (site: (typeof chain)[number]): string =>
    `${projectPath(analysis, site.analysis?.filename ?? analysis.filename)}:${site.node.loc.start.line}`;
  const parts = chain.map((site, index) => {
    const call = `\`${describeCall(site.node, (site.analysis ?? analysis).sourceCode)}\``;
    return index === 0 ? `${where(site)} ${call}` : `${call} (${where(site)})`;
  });
  return `runs at load: ${parts.join(' -> ')}`;
}

/**
 * How a message names a file of the project: relative to the linted file's package root (its nearest
 * package.json, else its directory), `/`-separated, the same whichever file the message is on.
 */
export function projectPath(from: FileAnalysis, file: string | undefined): string {
  const filename = from.filename;
  const root = filename ? (ownPackageRoot(filename) ?? dirname(filename)) : undefined;
  return file && root ? relative(root, file).split(sep).join('/') : '';
}
