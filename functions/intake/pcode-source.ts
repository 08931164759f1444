import { parsePcodeCsv, pcodeLookupFrom } from '#domain/pcodes/pcode-table.ts';
import type { PcodeLookup } from '#domain/ports/pcode-lookup.ts';
import pcodesCsv from '../../config/pcodes.csv' with { type: 'text' };

/**
 * The P-code table the registration schema validates against: config/pcodes.csv, bundled as text
 * by esbuild, so a deployment updates it by editing the file and deploying.
 */
export const pcodeLookup: PcodeLookup = pcodeLookupFrom(parsePcodeCsv(pcodesCsv));
