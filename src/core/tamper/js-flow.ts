import { constantTruth, dotted, isCall, type Node, unwrap } from './js-syntax.js';

/** Where control never goes on: `process.exit`, and statements after which the next one never runs. */

export function isExitCall(node: Node, exitNames: ReadonlySet<string>): boolean {
  if (!isCall(node)) return false;
  const name = dotted(node.callee as Node);
  if (name === undefined) return false;
  if (exitNames.has(name) || /^process\.(?:exit|abort|reallyExit)$/.test(name)) return true;
  const first = (node.arguments as Node[])[0];
  return name === 'process.kill' && first !== undefined && dotted(first) === 'process.pid';
}

/** An expression statement (awaited or not) that ends the process by a call: `process.exit(1)`, an exit name. */
function exitsByCall(statement: Node, exitNames: ReadonlySet<string>): boolean {
  const e = unwrap(statement.expression as Node);
  return isExitCall(e.type === 'AwaitExpression' ? unwrap(e.argument as Node) : e, exitNames);
}

/**
 * A statement that may end the function quietly, depending on a condition (`if (!process.env.X)
 * return;`): what follows it runs only sometimes. A `throw` fails the test instead, so it is no exit.
 */
export function mayReturnQuietly(statement: Node, exitNames: ReadonlySet<string>, asserts: (statement: Node) => boolean = () => false): boolean {
  if (asserts(statement)) return false;
  switch (statement.type) {
    case 'ReturnStatement':
      return true;
    case 'ExpressionStatement':
      return exitsByCall(statement, exitNames);
    case 'BlockStatement':
      // A block that reports a failure before it returns (`expect.fail(…); return;`) is no quiet exit.
      return !(statement.body as Node[]).some(asserts) && (statement.body as Node[]).some((s) => mayReturnQuietly(s, exitNames, asserts));
    case 'IfStatement': {
      const quiet = (branch: Node | null | undefined) => (branch ? mayReturnQuietly(branch, exitNames, asserts) : false);
      return quiet(statement.consequent as Node) || quiet(statement.alternate as Node | null);
    }
    default:
      return false;
  }
}

/** A statement after which control never reaches the next one. */
export function leaves(statement: Node, exitNames: ReadonlySet<string>): boolean {
  switch (statement.type) {
    // Within a block, nothing after `break`/`continue` runs either (`check: { break check; assert(…) }`).
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return true;
    case 'ExpressionStatement':
      return exitsByCall(statement, exitNames);
    case 'BlockStatement':
      return (statement.body as Node[]).some((s) => leaves(s, exitNames));
    case 'IfStatement': {
      const truth = constantTruth(statement.test as Node);
      const thenLeaves = leaves(statement.consequent as Node, exitNames);
      const elseLeaves = statement.alternate ? leaves(statement.alternate as Node, exitNames) : false;
      return (truth === true && thenLeaves) || (truth === false && elseLeaves) || (thenLeaves && elseLeaves);
    }
    default:
      return false;
  }
}
