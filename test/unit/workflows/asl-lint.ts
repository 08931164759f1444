/**
 * Rules every workflow definition follows (DESIGN.md decisions 2, 3 and 5), as a function the lint
 * test runs over `workflows/*.asl.json`. Each finding names the state, so a failure says where to look.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateDef = Record<string, Json>;

export interface Finding {
  state: string;
  rule: string;
}

/** Field names that would put personal data in payloads or history; identifiers and codes only. */
export function isPersonalField(field: string): boolean {
  // Lower-case `name` only: `Name` is AWS's (execution name, `$states.context.State.Name`).
  return field === 'name' || PERSONAL_FIELD.test(field);
}

const PERSONAL_FIELD =
  /^((given|family|first|last|full|middle|sur|maiden)_?name|phone(Number)?|mobile|msisdn|e?mail(Address)?|birth(Year|Date|day)?|dateOfBirth|dob|age|address|gps|geolocation|latitude|longitude|nationalId|idNumber|headOfHousehold|survivorName|incident(Description|Narrative)|narrative)$/i;

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Walks a state machine and its nested ones (Parallel branches, Map processors). */
export function* allStates(machine: StateDef, path = ''): Generator<[string, StateDef, StateDef]> {
  const states = machine['States'];
  if (!isObject(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    yield [`${path}${name}`, state, machine];
    const branches = state['Branches'];
    if (Array.isArray(branches)) {
      for (const [index, branch] of branches.entries()) {
        if (isObject(branch)) yield* allStates(branch, `${path}${name}[${index}]/`);
      }
    }
    for (const key of ['ItemProcessor', 'Iterator']) {
      const processor = state[key];
      if (isObject(processor)) yield* allStates(processor, `${path}${name}/`);
    }
  }
}

/** Keys (recursively) of a payload-shaping field, with the strings inside it. */
function* keysAndStrings(value: Json | undefined): Generator<{ key?: string; text?: string }> {
  if (typeof value === 'string') yield { text: value };
  else if (Array.isArray(value)) for (const item of value) yield* keysAndStrings(item);
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      yield { key };
      yield* keysAndStrings(inner);
    }
  }
}

const PAYLOAD_FIELDS = [
  'Arguments',
  'Parameters',
  'Output',
  'Assign',
  'ResultSelector',
  'ItemSelector',
  'Result',
];

/** A field reference inside an expression or path: `.givenName`, `$.phone`, `'phone'`. */
const referencedFields = (text: string): string[] =>
  [...text.matchAll(/[.$'"]([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string);

export function lintDefinition(document: Record<string, unknown>): Finding[] {
  const definition = document as StateDef;
  const findings: Finding[] = [];
  const add = (state: string, rule: string) => findings.push({ state, rule });
  if (definition['QueryLanguage'] !== 'JSONata') add('(top level)', 'QueryLanguage must be JSONata');

  for (const [path, state, machine] of allStates(definition)) {
    const siblings = isObject(machine['States']) ? machine['States'] : {};
    if (state['Type'] === 'Task') {
      const retry = state['Retry'];
      if (!Array.isArray(retry) || retry.length === 0) add(path, 'Task without Retry');
      else if (!retry.every((retrier) => isObject(retrier) && retrier['JitterStrategy'] === 'FULL')) {
        add(path, 'Retry without JitterStrategy FULL');
      }
      if (state['TimeoutSeconds'] === undefined && state['TimeoutSecondsPath'] === undefined) {
        add(path, 'Task without TimeoutSeconds');
      }
      // No Catch is required: a failure an operator repairs should end the execution at its
      // step, so RedriveExecution re-runs it (a Catch into a Fail state cannot be redriven).
      const resource = String(state['Resource'] ?? '');
      if (resource.endsWith('.waitForTaskToken')) {
        if (state['TimeoutSeconds'] === undefined) add(path, 'Callback without TimeoutSeconds');
        if (state['HeartbeatSeconds'] === undefined) add(path, 'Callback without HeartbeatSeconds');
      }
    }
    const catchers = state['Catch'];
    if (Array.isArray(catchers)) {
      for (const catcher of catchers) {
        const next = isObject(catcher) ? catcher['Next'] : undefined;
        if (typeof next !== 'string' || !(next in siblings))
          add(path, `Catch goes to a missing state: ${String(next)}`);
      }
    }
    for (const field of PAYLOAD_FIELDS) {
      for (const { key, text } of keysAndStrings(state[field])) {
        if (key !== undefined && isPersonalField(key)) add(path, `${field} carries a personal field: ${key}`);
        if (text !== undefined) {
          const personal = referencedFields(text).filter(isPersonalField);
          for (const name of personal) add(path, `${field} reads a personal field: ${name}`);
        }
      }
    }
  }
  return findings;
}
