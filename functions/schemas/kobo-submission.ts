import * as z from 'zod';

/**
 * A KoboToolbox REST-service body: Kobo's own keys checked, the form's flat `group/field` keys kept
 * as they come (they are validated after mapping, by the household command schema).
 */
export const koboSubmissionSchema = z
  .looseObject({
    _uuid: z.string().min(1).max(100),
    _submission_time: z.string().min(1).max(40),
    _id: z.number().optional(),
    _xform_id_string: z.string().optional(),
    __version__: z.string().optional(),
    _attachments: z
      .array(z.looseObject({ filename: z.string().optional(), mimetype: z.string().optional() }))
      .optional(),
  })
  .meta({ id: 'KoboSubmission' });

export type KoboSubmission = z.infer<typeof koboSubmissionSchema>;
