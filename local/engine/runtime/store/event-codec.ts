import type { EventRow } from './rows.ts';

/**
 * History events as stored: one line each, `[id,key,type,time,back,details,slot,document]`:
 *
 * - `type`: its index in {@link eventTypes} (its name if it is not there);
 * - `time`: milliseconds since the execution started; `back`: how far back its previous event is;
 * - `details`: the object under `<type>EventDetails` (`stateEnteredEventDetails` for every
 *   `…StateEntered`), or `[details]` when the details are shaped otherwise; left out when empty;
 * - the event's document (the `input`, `output` or `parameters` JSON text of its details) is
 *   taken out of the details, with its `…Details: { truncated: false }`, and `slot` says where it
 *   goes back (see {@link slotOf}); `document` is `0` when its text follows the line after a tab,
 *   raw (JSON text from `JSON.stringify` holds no raw newline), the id of an event shortly
 *   before that holds the same text (a state's input is the previous state's output, a task's
 *   parameters its state's input, the execution's output its last state's output), or `-1` for
 *   the execution's input, kept in its row.
 *
 * Most of an execution's history is the same documents again and again: each is written once,
 * and never escaped. GetExecutionHistory renders the same events as before.
 */

/** Event types by code. Append only: stored histories refer to these positions. */
const eventTypes = [
  'ActivityFailed',
  'ActivityScheduled',
  'ActivityScheduleFailed',
  'ActivityStarted',
  'ActivitySucceeded',
  'ActivityTimedOut',
  'ChoiceStateEntered',
  'ChoiceStateExited',
  'ExecutionAborted',
  'ExecutionFailed',
  'ExecutionStarted',
  'ExecutionSucceeded',
  'ExecutionTimedOut',
  'ExecutionRedriven',
  'FailStateEntered',
  'LambdaFunctionFailed',
  'LambdaFunctionScheduled',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStarted',
  'LambdaFunctionStartFailed',
  'LambdaFunctionSucceeded',
  'LambdaFunctionTimedOut',
  'MapIterationAborted',
  'MapIterationFailed',
  'MapIterationStarted',
  'MapIterationSucceeded',
  'MapRunAborted',
  'MapRunFailed',
  'MapRunRedriven',
  'MapRunStarted',
  'MapRunSucceeded',
  'MapStateAborted',
  'MapStateEntered',
  'MapStateExited',
  'MapStateFailed',
  'MapStateStarted',
  'MapStateSucceeded',
  'ParallelStateAborted',
  'ParallelStateEntered',
  'ParallelStateExited',
  'ParallelStateFailed',
  'ParallelStateStarted',
  'ParallelStateSucceeded',
  'PassStateEntered',
  'PassStateExited',
  'SucceedStateEntered',
  'SucceedStateExited',
  'TaskFailed',
  'TaskScheduled',
  'TaskStarted',
  'TaskStartFailed',
  'TaskStateAborted',
  'TaskStateEntered',
  'TaskStateExited',
  'TaskSubmitFailed',
  'TaskSubmitted',
  'TaskSucceeded',
  'TaskTimedOut',
  'WaitStateAborted',
  'WaitStateEntered',
  'WaitStateExited',
  'EvaluationFailed',
];
const typeCodes = new Map(eventTypes.map((type, code) => [type, code]));

/** Fields that hold a JSON document as text: code 1, 2, 3 in a slot. An event carries at most one. */
const documentFields = ['input', 'output', 'parameters'];

/** A document's slot: its position among the details fields, whether `…Details: { truncated: false }` followed, its field. */
const slotOf = (position: number, untruncated: boolean, fieldCode: number) =>
  position * 8 + (untruncated ? 4 : 0) + fieldCode;

/** How far back (in event ids) a document may be referred to: a page of history then reads little more than itself. */
export const documentWindow = 64;

/** The documents an execution wrote last, to refer to them instead of writing them again. */
export interface RecentDocuments {
  texts: string[];
  ids: number[];
  next: number;
}

const recentSize = 4;

export const recentDocuments = (): RecentDocuments => ({ texts: [], ids: [], next: 0 });

/** Remembers that event `id` holds `text` (the execution's input is event 1's). */
export function rememberDocument(recent: RecentDocuments, text: string, id: number): void {
  recent.texts[recent.next] = text;
  recent.ids[recent.next] = id;
  recent.next = (recent.next + 1) % recentSize;
}

function referenceTo(recent: RecentDocuments, text: string, id: number): number {
  for (let slot = 0; slot < recent.texts.length; slot++)
    if (recent.texts[slot] === text && id - recent.ids[slot]! <= documentWindow) return recent.ids[slot]!;
  return 0;
}

const detailsFields = new Map<string, string>();

/** `stateEnteredEventDetails` for `TaskStateEntered`, `lambdaFunctionScheduledEventDetails` for `LambdaFunctionScheduled`. */
function detailsField(type: string): string {
  let field = detailsFields.get(type);
  if (field === undefined) {
    if (type.endsWith('StateEntered')) field = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) field = 'stateExitedEventDetails';
    else field = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    // Types are AWS's few names (or an unknown one now and then: the bound keeps those from piling up).
    if (detailsFields.size < 1000) detailsFields.set(type, field);
  }
  return field;
}

/** `{ truncated: false }` and nothing else. */
function isUntruncated(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || (value as { truncated?: unknown }).truncated !== false)
    return false;
  let count = 0;
  for (const _ in value) count++;
  return count === 1;
}

/** The only details field of `details` if it is the one its type names, else undefined. */
function innerOf(details: Record<string, unknown>, type: string): Record<string, unknown> | undefined {
  let inner: unknown;
  let count = 0;
  for (const field in details) {
    inner = details[field];
    count++;
  }
  if (count !== 1 || typeof inner !== 'object' || inner === null || Array.isArray(inner)) return undefined;
  return details[detailsField(type)] === inner ? (inner as Record<string, unknown>) : undefined;
}

// State names, resources and field names come back with every execution: their JSON is kept.
const knownJson = new Map<string, string>();
function jsonOf(value: unknown): string {
  if (typeof value !== 'string' || value.length > 256) return JSON.stringify(value);
  let json = knownJson.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    if (knownJson.size >= 10_000) knownJson.clear();
    knownJson.set(value, json);
  }
  return json;
}

/** What JSON.stringify keeps of an object's values (positions count only those). */
const serializes = (value: unknown) =>
  value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

const documentDetailFields = documentFields.map((field) => `${field}Details`);

/** A line in two parts: written one after the other, the document (often large) is never copied into a new string. */
export interface EncodedEvent {
  head: string;
  /** Raw document text, to follow the head after a tab. */
  document: string | undefined;
}

/**
 * One stored line. `base`: the execution's start date; `recent`: its recent documents, updated
 * with the one written; `executionInput`: the document is the execution's input (ExecutionStarted).
 */
export function encodeEvent(
  event: EventRow<Record<string, unknown>>,
  base: number,
  recent: RecentDocuments | undefined,
  executionInput = false,
): string {
  const { head, document } = encodeEventParts(event, base, recent, executionInput);
  return document === undefined ? head : `${head}\t${document}`;
}

export function encodeEventParts(
  event: EventRow<Record<string, unknown>>,
  base: number,
  recent: RecentDocuments | undefined,
  executionInput = false,
): EncodedEvent {
  const code = typeCodes.get(event.type);
  const head = `[${event.id},${JSON.stringify(event.key)},${code ?? JSON.stringify(event.type)},${event.timestamp - base},${event.id - event.previousId}`;
  const inner = innerOf(event.details, event.type);
  if (!inner) {
    for (const _ in event.details)
      return { head: `${head},[${JSON.stringify(event.details)}]]`, document: undefined };
    return { head: `${head}]`, document: undefined };
  }
  // The document: the first input, output or parameters text, and where it stands.
  let position = -1;
  let fieldCode = 0;
  let index = 0;
  for (const key in inner) {
    if (!serializes(inner[key])) continue;
    const code = key === 'input' ? 1 : key === 'output' ? 2 : key === 'parameters' ? 3 : 0;
    if (code > 0 && typeof inner[key] === 'string') {
      position = index;
      fieldCode = code;
      break;
    }
    index++;
  }
  const field = documentFields[fieldCode - 1];
  const text = field === undefined ? undefined : (inner[field] as string);
  // Lines are separated by newlines: a document holding a raw one (not from JSON.stringify) stays in the details.
  if (field === undefined || text === undefined || (!executionInput && text.includes('\n')))
    return { head: `${head},${JSON.stringify(inner)}]`, document: undefined };
  const detailsName = documentDetailFields[fieldCode - 1]!;
  let untruncated = false;
  let rest = '{';
  index = 0;
  for (const key in inner) {
    if (!serializes(inner[key])) continue;
    if (index === position + 1 && key === detailsName && isUntruncated(inner[key])) untruncated = true;
    else if (index !== position) rest += `${rest.length > 1 ? ',' : ''}${jsonOf(key)}:${jsonOf(inner[key])}`;
    index++;
  }
  const reference = executionInput ? -1 : recent ? referenceTo(recent, text, event.id) : 0;
  const line = `${head},${rest}},${slotOf(position, untruncated, fieldCode)},${reference}]`;
  if (reference !== 0) return { head: line, document: undefined };
  if (recent) rememberDocument(recent, text, event.id);
  return { head: line, document: text };
}

/** A stored line, parsed; its document not yet in place. */
export interface StoredEvent extends EventRow<Record<string, unknown>> {
  document?: { inner: Record<string, unknown>; slot: number; text?: string; reference: number };
}

type Header = [number, string, number | string, number, number, unknown?, number?, number?];

const typeOf = (type: number | string) => (typeof type === 'number' ? eventTypes[type]! : type);

export function decodeEvent(line: string, base: number): StoredEvent {
  const tab = line.indexOf('\t');
  const [id, key, type, time, back, details, slot, reference] = JSON.parse(
    tab < 0 ? line : line.slice(0, tab),
  ) as Header;
  const name = typeOf(type);
  const event: StoredEvent = {
    id,
    key,
    type: name,
    timestamp: base + time,
    details: {},
    previousId: id - back,
  };
  if (Array.isArray(details)) event.details = details[0] as Record<string, unknown>;
  else if (details !== undefined) {
    const inner = details as Record<string, unknown>;
    event.details[detailsField(name)] = inner;
    if (slot !== undefined && reference !== undefined)
      event.document = { inner, slot, reference, ...(reference === 0 && { text: line.slice(tab + 1) }) };
  }
  return event;
}

/** The id, key and type of a line (replay needs no more). */
export function decodeEventKey(line: string): { id: number; key: string; type: string } {
  const tab = line.indexOf('\t');
  const [id, key, type] = JSON.parse(tab < 0 ? line : line.slice(0, tab)) as Header;
  return { id, key, type: typeOf(type) };
}

/** The details with the document back in its slot. */
function withDocument(inner: Record<string, unknown>, slot: number, text: string): Record<string, unknown> {
  const position = slot >> 3;
  const field = documentFields[(slot & 3) - 1]!;
  const keys = Object.keys(inner);
  const details: Record<string, unknown> = {};
  for (let index = 0; index <= keys.length; index++) {
    if (index === position) {
      details[field] = text;
      if (slot & 4) details[`${field}Details`] = { truncated: false };
    }
    if (index < keys.length) details[keys[index]!] = inner[keys[index]!];
  }
  return details;
}

/**
 * Puts the documents of `events` (in id order, starting at least {@link documentWindow} events
 * before the first one the caller needs) in place.
 */
export function resolveDocuments(events: StoredEvent[], executionInput: () => string): void {
  const holders = new Map<number, string>();
  for (const event of events) {
    const document = event.document;
    if (!document) continue;
    delete event.document;
    let text = document.text;
    if (document.reference === -1) text = executionInput();
    else if (document.reference > 0) text = holders.get(document.reference);
    // Only events before the window lack it, and the caller drops them.
    if (text === undefined) continue;
    event.details[detailsField(event.type)] = withDocument(document.inner, document.slot, text);
    holders.set(event.id, text);
  }
}
