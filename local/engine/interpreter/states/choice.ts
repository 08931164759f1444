import { evaluateChoiceRule } from '../choice-rules.ts';
import { applyInputPath, applyOutputPath, evaluatePayloadTemplate, jsonataBindings } from '../data-flow.ts';
import { StatesError, stateMessage } from '../errors.ts';
import type { StateVisit } from '../execution-run.ts';
import { evaluateTemplate } from '../jsonata-engine.ts';
import type { StateResult } from '../run-states.ts';
import { finishJsonata } from '../state-output.ts';
import { assignVariables } from '../variables.ts';

type Rule = Record<string, unknown>;

/** Choice: the first matching rule (JSONPath rule or JSONata `Condition`) chooses Next, else Default. */
export function runChoice(visit: StateVisit, input: unknown): StateResult | Promise<StateResult> {
  if (visit.queryLanguage === 'JSONata') return choiceJsonata(visit, input);
  const { state } = visit;
  const choices = (state['Choices'] as Rule[] | undefined) ?? [];
  const effective = applyInputPath(visit, input);
  for (const rule of choices) {
    if (evaluateChoiceRule(visit, rule, effective)) {
      return finishChoiceJsonPath(
        visit,
        effective,
        mergeAssign(state['Assign'], rule['Assign']),
        rule['Next'] as string,
      );
    }
  }
  return finishChoiceJsonPath(visit, effective, state['Assign'], defaultNext(visit));
}

async function choiceJsonata(visit: StateVisit, input: unknown): Promise<StateResult> {
  const { state } = visit;
  const choices = (state['Choices'] as Rule[] | undefined) ?? [];
  const bindings = jsonataBindings(visit, { input });
  for (let i = 0; i < choices.length; i++) {
    const rule = choices[i]!;
    const condition = await evaluateTemplate(rule['Condition'], bindings, `Choices[${i}]/Condition`);
    if (typeof condition !== 'boolean') {
      throw new StatesError(
        'States.QueryEvaluationError',
        stateMessage(
          visit.name,
          visit.enteredEventId,
          `The Condition of choice ${i} must evaluate to a boolean.`,
        ),
      );
    }
    if (condition) {
      const fields = {
        assign: mergeAssign(state['Assign'], rule['Assign']),
        output: rule['Output'] ?? state['Output'],
      };
      return { ...(await finishJsonata(visit, { input }, input, fields)), next: rule['Next'] as string };
    }
  }
  return { ...(await finishJsonata(visit, { input }, input)), next: defaultNext(visit) };
}

/** The state-level Assign applies whichever rule matches; the matching rule's own Assign wins on a shared name. */
function mergeAssign(stateAssign: unknown, ruleAssign: unknown): unknown {
  if (stateAssign === undefined) return ruleAssign;
  if (ruleAssign === undefined) return stateAssign;
  return { ...(stateAssign as Rule), ...(ruleAssign as Rule) };
}

function finishChoiceJsonPath(
  visit: StateVisit,
  effective: unknown,
  assign: unknown,
  next: string,
): StateResult {
  const output = applyOutputPath(visit, effective);
  if (assign === undefined) return { output, next };
  const assigned = evaluatePayloadTemplate(visit, assign, effective) as Record<string, unknown>;
  assignVariables(visit.branch.scope, assigned);
  return { output, assigned, next };
}

function defaultNext(visit: StateVisit): string {
  const next = visit.state['Default'];
  if (typeof next !== 'string') {
    throw new StatesError(
      'States.NoChoiceMatched',
      stateMessage(visit.name, visit.enteredEventId, 'No Matches!'),
    );
  }
  return next;
}
