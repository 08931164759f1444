import type { DistributionSettings } from '#domain/kits/distribution-settings.ts';
import type { KitCatalog } from '#domain/kits/kit-catalog.ts';
import shippedSettings from '../../config/distribution-settings.json' with { type: 'json' };
import shippedCatalog from '../../config/kit-catalog.json' with { type: 'json' };
import { loadDistributionSettings } from '../schemas/config/distribution-settings.ts';
import { loadKitCatalog } from '../schemas/config/kit-catalog.ts';

/**
 * The kit catalog and distribution settings in force, bundled with the functions and checked on
 * first use: a programme changes rounds, rations or the confirmation timeout with a deploy.
 */
export const kitCatalog = (): KitCatalog => (catalog ??= loadKitCatalog(shippedCatalog));
export const distributionSettings = (): DistributionSettings =>
  (settings ??= loadDistributionSettings(shippedSettings));

let catalog: KitCatalog | undefined;
let settings: DistributionSettings | undefined;
