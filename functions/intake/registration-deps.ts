import { ulid } from 'ulid';
import { systemClock } from '#domain/ports/clock.ts';
import { dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import type { RegistrationDeps } from './registration.ts';
import { registry } from './registry.ts';
import { startIntakeExecution } from './start-intake.ts';

const audit = dynamoDbAuditWriter({ client: documentClient });

/** What POST /households and POST /kobo/submissions register with. */
export const registrationDeps = (): RegistrationDeps => ({
  households: registry().households,
  startIntake: startIntakeExecution,
  audit,
  clock: systemClock,
  newId: ulid,
});
