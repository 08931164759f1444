// Errors a workflow task Lambda ends with. Their names become the workflow error (the Lambda
// `errorType`), which operators read in the execution history: messages carry identifiers only.

/** The workflow reached a step the household's stored state does not allow (e.g. replayed by hand). */
export class HouseholdStateError extends Error {
  constructor(householdId: string, status: string, step: string) {
    super(`Household ${householdId} is ${status}; ${step} does not apply`);
    this.name = 'HouseholdStateError';
  }
}

/** The supervisor's decision was expected on the review, and it is not there. */
export class ReviewNotDecidedError extends Error {
  constructor(reviewId: string) {
    super(`Review ${reviewId} has no decision`);
    this.name = 'ReviewNotDecidedError';
  }
}
