import type { FileFacts } from './facts.js';
import { goFacts } from './go-facts.js';
import { jsFacts } from './js-facts.js';
import { languageOf } from './languages.js';
import type { HelperSources } from './neighbours.js';
import { pyFacts } from './py-facts.js';

/**
 * The syntax-level facts of a test file (JS/TS through a parser, pytest and Go through their
 * tokens), or undefined for other languages and for text no analysis can read. With `helpers`,
 * a call to a helper of another file (an import, the Go package) counts that helper's assertions.
 */
export function syntaxFacts(file: string, text: string, helpers?: HelperSources): FileFacts | undefined {
  try {
    switch (languageOf(file)) {
      case 'js':
        return jsFacts(file, text, helpers?.js);
      case 'python':
        return pyFacts(file, text, helpers?.py);
      case 'go':
        return goFacts(file, text, helpers?.goPackage());
      default:
        return undefined;
    }
  } catch {
    // An analysis that cannot read the file leaves it to the line-level checks.
    return undefined;
  }
}
