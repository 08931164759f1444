/**
 * `@aws-lambda-powertools/jmespath/functions` in the bundles: idempotency builds one
 * `PowertoolsFunctions` for its options and compares configurations by its constructor. The
 * stand-in's `search` (./index.ts) evaluates field names only, which call no function.
 */
export class PowertoolsFunctions {}
