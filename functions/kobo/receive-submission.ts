import { mapKoboSubmission } from '#domain/kobo/map-kobo-submission.ts';
import { ValidationError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parsePart } from '#shared/http/validate.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { pcodeLookup } from '../intake/pcode-source.ts';
import { registerHousehold } from '../intake/registration.ts';
import { registrationDeps } from '../intake/registration-deps.ts';
import { householdCommandSchemaWith } from '../schemas/household.ts';
import { koboSubmissionSchema } from '../schemas/kobo-submission.ts';
import { koboSharedSecret } from './kobo-secret.ts';

const commandSchema = householdCommandSchemaWith(pcodeLookup);

/**
 * POST /kobo/submissions: KoboToolbox's REST service, authenticated by the shared-secret header
 * (`x-kobo-secret`; see kobo-secret.ts for where a deployment sets it).
 * The body of our intake form is mapped to the registration command and validated like a form.
 * Kobo retries a delivery it thinks failed: the same `_uuid` answers with the first household
 * (Powertools idempotency, and a guard item in the registry if the idempotency record expired).
 */
export const handler = httpHandler({
  route: 'POST /kobo/submissions',
  body: koboSubmissionSchema,
  allowUnknownKeys: true,
  sharedSecret: koboSharedSecret,
  successStatus: 202,
  idempotency: { runOnce, key: ({ body }) => body._uuid },
  core: async ({ body }, context) => {
    const intake = mapKoboSubmission(body);
    if (intake.unknownFields.length > 0) throw notOurForm(intake.unknownFields);
    const command = parsePart(commandSchema, intake.command, 'body');
    return registerHousehold(registrationDeps(), {
      command,
      source: { channel: 'kobo', submissionUuid: intake.submissionId, submittedAt: intake.submittedAt },
      actor: context.actor,
    });
  },
});

/** Answers from another form (or another version of ours): refused rather than half-read. */
const notOurForm = (fields: string[]) => {
  const shown = fields.slice(0, 20);
  return new ValidationError({
    code: 'UNKNOWN_FORM_FIELDS',
    message: {
      fr: "La soumission contient des champs que le formulaire d'enregistrement ne connaît pas.",
      en: 'The submission has fields the intake form does not know.',
    },
    fields: {
      fr: shown.map((path) => ({ path, message: 'Champ inconnu du formulaire.' })),
      en: shown.map((path) => ({ path, message: 'Unknown form field.' })),
    },
  });
};
