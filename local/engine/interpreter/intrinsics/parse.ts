/**
 * Parser for intrinsic function calls (`States.Format('{} items', $.count)`): literals in single
 * quotes with `\'`, `\{`, `\}` and `\\` escapes, numbers, booleans, null, paths (`$.x`, `$$.x`,
 * `$variable`) and nested calls. Parsed once per expression and cached.
 */

export type IntrinsicArgument =
  | { kind: 'literal'; value: unknown }
  | { kind: 'path'; path: string }
  | IntrinsicCall;

export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArgument[];
}

export class IntrinsicSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicSyntaxError';
  }
}

const cache = new Map<string, IntrinsicCall>();

export function isIntrinsicCall(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(text);
}

export function parseIntrinsic(text: string): IntrinsicCall {
  const cached = cache.get(text);
  if (cached) return cached;
  const parser = new Parser(text);
  const call = parser.call();
  parser.skipSpaces();
  if (parser.position !== text.length) throw new IntrinsicSyntaxError(`Unexpected text after call: ${text}`);
  cache.set(text, call);
  return call;
}

class Parser {
  position = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  skipSpaces(): void {
    while (this.text[this.position] === ' ') this.position++;
  }

  call(): IntrinsicCall {
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.position));
    if (!match) throw new IntrinsicSyntaxError(`Expected an intrinsic function at ${this.position}`);
    const name = match[0];
    this.position += name.length;
    this.expect('(');
    const args: IntrinsicArgument[] = [];
    this.skipSpaces();
    if (this.text[this.position] === ')') {
      this.position++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.argument());
      this.skipSpaces();
      const next = this.text[this.position];
      this.position++;
      if (next === ')') return { kind: 'call', name, args };
      if (next !== ',') throw new IntrinsicSyntaxError(`Expected ',' or ')' in ${this.text}`);
    }
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char)
      throw new IntrinsicSyntaxError(`Expected '${char}' in ${this.text}`);
    this.position++;
  }

  private argument(): IntrinsicArgument {
    const rest = this.text.slice(this.position);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.stringLiteral() };
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) return { kind: 'path', path: this.path() };
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (!word) throw new IntrinsicSyntaxError(`Unexpected argument in ${this.text}`);
    this.position += word[0].length;
    return { kind: 'literal', value: JSON.parse(word[0]) };
  }

  private stringLiteral(): string {
    this.position++;
    let value = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position]!;
      if (char === '\\') {
        const escaped = this.text[this.position + 1];
        if (escaped === undefined) break;
        // `\{` and `\}` stay escaped so States.Format can tell them from placeholders.
        value += escaped === '{' || escaped === '}' ? `\\${escaped}` : escaped;
        this.position += 2;
        continue;
      }
      if (char === "'") {
        this.position++;
        return value;
      }
      value += char;
      this.position++;
    }
    throw new IntrinsicSyntaxError(`Unterminated string in ${this.text}`);
  }

  /** A path ends at a top-level ',' or ')' (brackets, parentheses and quotes may nest inside). */
  private path(): string {
    const start = this.position;
    let depth = 0;
    let quote: string | null = null;
    while (this.position < this.text.length) {
      const char = this.text[this.position]!;
      if (quote) {
        if (char === '\\') this.position++;
        else if (char === quote) quote = null;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '[' || char === '(') {
        depth++;
      } else if (char === ']' || char === ')') {
        if (depth === 0) break;
        depth--;
      } else if (char === ',' && depth === 0) {
        break;
      }
      this.position++;
    }
    return this.text.slice(start, this.position).trimEnd();
  }
}
