import { StatesError } from './errors.ts';
import {
  type Branch,
  beginVisit,
  checkAborted,
  countEvent,
  runsAlone,
  type StateDefinition,
  type StateVisit,
  stateEvent,
} from './execution-run.ts';
import { exceedsPayloadLimit, textExceedsPayloadLimit } from './payload-size.ts';
import type { StateOutput } from './state-output.ts';
import { runChoice } from './states/choice.ts';
import { runFail } from './states/fail.ts';
import { runMap } from './states/map.ts';
import { runParallel } from './states/parallel.ts';
import { runPass } from './states/pass.ts';
import { runSucceed } from './states/succeed.ts';
import { runTask } from './states/task.ts';
import { runWait } from './states/wait.ts';

/** What a state hands to the loop: its output and where to go next (none: the branch ends). */
export interface StateResult extends StateOutput {
  next?: string;
}

/** A state that needs no effect may answer synchronously: the loop then awaits nothing for it. */
export type StateRunner = (visit: StateVisit, input: unknown) => StateResult | Promise<StateResult>;

const RUNNERS: Record<string, StateRunner> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** States whose tasks (handlers, integrations) see the state's input and could change it. */
const RUNS_TASKS = new Set(['Task', 'Parallel', 'Map']);

// Event type names, built once (a name built per event is a new string to hash each time).
const enteredTypes = Object.fromEntries(Object.keys(RUNNERS).map((type) => [type, `${type}StateEntered`]));
const exitedTypes = Object.fromEntries(Object.keys(RUNNERS).map((type) => [type, `${type}StateExited`]));

/** Raised in a branch whose sibling failed: it stops at the next transition. */
export class BranchCancelledError extends Error {
  constructor() {
    super('Branch cancelled');
    this.name = 'BranchCancelledError';
  }
}

export interface StatesDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
}

/** Walks a (sub-)state machine from StartAt to a terminal state; returns the output or throws StatesError. */
export async function runStates(
  branch: Branch,
  machine: StatesDefinition,
  input: unknown,
  cancelled?: { cancelled: boolean },
  inputChecked?: string | true,
): Promise<unknown> {
  let name = machine.StartAt;
  let current = input;
  // A state's input is the previous state's output, checked against the payload limit at its
  // exit: its text in a normal run (serialized once, for both events), `true` in a lean run.
  let checked = inputChecked;
  for (;;) {
    checkAborted(branch.run);
    if (cancelled?.cancelled) throw new BranchCancelledError();
    const state = machine.States[name];
    if (!state) throw new StatesError('States.Runtime', `State '${name}' does not exist`);
    const visit = beginVisit(branch, name, state, checked);
    const type = state['Type'] as string;
    const runner = RUNNERS[type];
    if (!runner) throw new StatesError('States.Runtime', `Unsupported state type '${type}'`);
    visit.enteredEventId = branch.run.lean
      ? countEvent(branch.run)
      : stateEvent(visit, 'entered', enteredTypes[type]!, {
          stateEnteredEventDetails: {
            name,
            input: typeof checked === 'string' ? checked : JSON.stringify(current),
            inputDetails: { truncated: false },
          },
        });
    const pending = runner(visit, current);
    // A state that needs no effect answers at once: the root goes straight on (see runsAlone).
    const result = pending instanceof Promise || !runsAlone(branch) ? await pending : pending;
    const { lean } = branch.run;
    // A state that hands on the very value it was given (a Choice) hands on its check, text
    // included: the value was checked at the previous exit, and no task ran since that could have
    // changed it. A lean run builds no event: it needs the output's size, not its text.
    const handedOn = checked !== undefined && result.output === current && !RUNS_TASKS.has(type);
    let serialized: string | undefined;
    let exceeds = false;
    if (handedOn) serialized = lean ? undefined : (checked as string);
    else if (lean) exceeds = exceedsPayloadLimit(result.output);
    else {
      serialized = JSON.stringify(result.output);
      exceeds = textExceedsPayloadLimit(serialized ?? 'null');
    }
    const outputText = serialized ?? 'null';
    if (exceeds) {
      throw new StatesError(
        'States.DataLimitExceeded',
        `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      );
    }
    if (result.assigned && exceedsPayloadLimit(result.assigned)) {
      throw new StatesError(
        'States.DataLimitExceeded',
        `The state '${name}' assigned variables whose size exceeds the maximum number of bytes service limit.`,
      );
    }
    if (lean) {
      if (type !== 'Fail') countEvent(branch.run);
    } else if (type !== 'Fail') {
      const exited: Record<string, unknown> = {
        name,
        output: outputText,
        outputDetails: { truncated: false },
      };
      if (result.assigned) {
        exited['assignedVariables'] = Object.fromEntries(
          Object.entries(result.assigned).map(([key, value]) => [key, JSON.stringify(value)]),
        );
        exited['assignedVariablesDetails'] = { truncated: false };
      }
      stateEvent(visit, 'exited', exitedTypes[type]!, { stateExitedEventDetails: exited });
    }
    if (result.next === undefined) {
      branch.outputText = serialized;
      return result.output;
    }
    name = result.next;
    current = result.output;
    checked = lean ? true : serialized;
  }
}
