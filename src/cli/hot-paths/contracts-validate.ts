// `sentinel contracts validate` as one chunk (see pre-edit.ts): the kept-report lookup is static
// here; parsing, compiling and validating still load lazily, when the report is not kept.
import '../../core/contracts/memo.js';
import '../cache.js';

export { runAction } from '../action.js';
export { contracts as body } from '../actions/contracts.js';
