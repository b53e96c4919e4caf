// The ESLint options of one `fork-safe-lint` run, as a module that ESLint's worker threads can load
// (dist/cli-options.js). With --concurrency, ESLint lints in worker threads and must send them its
// options; a config holding the plugin and parser objects cannot be sent, only rebuilt in each thread,
// which is what `ESLint.fromOptionsModule(url)` does: every thread imports this module. The run's
// settings travel in the URL's query, so the main thread and the workers build the same options.
import { eslintOptions, type LintSettings } from './lint-options.js';

const encoded = new URL(import.meta.url).searchParams.get('settings');
if (encoded === null) throw new Error('fork-safe-lint: the options module was loaded without its settings');

export default await eslintOptions(JSON.parse(encoded) as LintSettings);
