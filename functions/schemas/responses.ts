import * as z from 'zod';

/** Error body of every 4xx/5xx answer; `fields` only on validation errors. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });

/** `202` answer of a registration (form, Kobo or bulk row). */
export const householdAcceptedSchema = z
  .object({
    householdId: z.string(),
    status: z.literal('RECEIVED'),
    executionArn: z.string(),
  })
  .meta({ id: 'HouseholdAccepted' });

/** Answer of an upload-URL request: a presigned POST (URL and form fields). */
export const presignedUploadSchema = z
  .object({
    uploadId: z.string(),
    key: z.string(),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
  })
  .meta({ id: 'PresignedUpload' });

/** A decision recorded; the workflow waiting on it resumes. */
export const acknowledgedSchema = z.object({ status: z.string() }).meta({ id: 'Acknowledged' });

/** An object whose shape the handler owner documents; used until they do. */
export const genericObjectSchema = z.object({}).catchall(z.unknown()).meta({ id: 'GenericObject' });
