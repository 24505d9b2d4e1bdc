import type { Condition, ValueQueryCondition, WhereClause, HavingClause } from '@jetstreamapp/soql-parser-js';
import { SoqlError, errorNear, findAnyWord, findWord, located, messages } from './errors.js';

export type Leaf = Exclude<Condition, { openParen: number; field?: never }> | ValueQueryCondition;

export type WhereNode =
  | { kind: 'leaf'; leaf: Leaf }
  | { kind: 'not'; child: WhereNode }
  | { kind: 'and' | 'or'; children: WhereNode[] };

type Token = { t: '(' } | { t: ')' } | { t: 'NOT' } | { t: 'AND' | 'OR' } | { t: 'leaf'; leaf: Leaf };

/**
 * The parser returns a right-leaning chain with paren counters on the leaves; Salesforce's precedence
 * is recovered by flattening it back into tokens and parsing those again.
 */
export function buildWhereTree(
  clause: WhereClause | HavingClause,
  soql: string,
  clauseWord: 'WHERE' | 'HAVING' = 'WHERE',
): WhereNode {
  const tokens = flatten(clause);
  const parser = new TreeParser(tokens, soql, clauseWord);
  const node = parser.expression();
  if (!parser.atEnd()) throw parser.unexpected();
  return node;
}

function flatten(clause: WhereClause | HavingClause): Token[] {
  const out: Token[] = [];
  let node: WhereClause | HavingClause | undefined = clause;
  while (node !== undefined) {
    const left = node.left as (Partial<Leaf> & { openParen?: number; closeParen?: number }) | null;
    const operator = 'operator' in node ? node.operator : undefined;
    for (let i = 0; i < (left?.openParen ?? 0); i++) out.push({ t: '(' });
    if (operator === 'NOT' && (left === null || !isLeaf(left))) {
      out.push({ t: 'NOT' });
      node = 'right' in node ? node.right : undefined;
      continue;
    }
    if (left === null || !isLeaf(left)) throw new SoqlError('MALFORMED_QUERY', 'unexpected token: WHERE');
    out.push({ t: 'leaf', leaf: left as Leaf });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push({ t: ')' });
    if (operator === 'AND' || operator === 'OR') out.push({ t: operator });
    node = 'right' in node ? (node.right as WhereClause | HavingClause) : undefined;
  }
  return out;
}

function isLeaf(value: object): boolean {
  return 'operator' in value && ('field' in value || 'fn' in value);
}

class TreeParser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly soql: string,
    private readonly clauseWord: string,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  unexpected(): SoqlError {
    const token = this.tokens[this.pos];
    const word = token === undefined ? '<EOF>' : token.t === 'leaf' ? fieldText(token.leaf) : token.t;
    return errorNear({ soql: this.soql }, 'MALFORMED_QUERY', word, messages.unexpectedToken(word));
  }

  expression(): WhereNode {
    const first = this.unary();
    const next = this.tokens[this.pos];
    if (next?.t !== 'AND' && next?.t !== 'OR') return first;
    const op = next.t;
    const children = [first];
    while (this.tokens[this.pos]?.t === op) {
      this.pos++;
      children.push(this.unary());
    }
    const after = this.tokens[this.pos];
    // Salesforce: "Parentheses are required whenever you mix the operators".
    if (after?.t === 'AND' || after?.t === 'OR') throw this.mixed(after.t);
    return { kind: op === 'AND' ? 'and' : 'or', children };
  }

  private mixed(op: string): SoqlError {
    const index = this.tokens.slice(0, this.pos + 1).filter((t) => t.t === 'AND' || t.t === 'OR').length;
    const clauseStart = findWord(this.soql, this.clauseWord);
    let offset = clauseStart;
    for (let i = 0; i < index && offset >= 0; i++) offset = findAnyWord(this.soql, ['AND', 'OR'], offset + 1);
    const detail = messages.unexpectedToken(op);
    if (offset < 0) return new SoqlError('MALFORMED_QUERY', detail);
    return new SoqlError('MALFORMED_QUERY', located(this.soql, offset, detail), detail);
  }

  private unary(): WhereNode {
    const token = this.tokens[this.pos];
    if (token === undefined) throw this.unexpected();
    if (token.t === 'NOT') {
      this.pos++;
      return { kind: 'not', child: this.unary() };
    }
    if (token.t === '(') {
      this.pos++;
      const inner = this.expression();
      if (this.tokens[this.pos]?.t !== ')') throw this.unexpected();
      this.pos++;
      return inner;
    }
    if (token.t === 'leaf') {
      this.pos++;
      return { kind: 'leaf', leaf: token.leaf };
    }
    throw this.unexpected();
  }
}

function fieldText(leaf: Leaf): string {
  if ('field' in leaf && typeof leaf.field === 'string') return leaf.field;
  if ('fn' in leaf) return leaf.fn.rawValue ?? leaf.fn.functionName ?? '';
  return '';
}
