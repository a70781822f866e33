// `sentinel context lint` as one chunk (see pre-edit.ts): the kept-result lookup is static here;
// listing, facts and the lint itself still load lazily, when the result is not kept.
import '../../core/context/lint-memo.js';
import '../cache.js';

export { runAction } from '../action.js';
export { contextLint as body } from '../actions/context-lint.js';
