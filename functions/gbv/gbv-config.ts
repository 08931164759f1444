import type { GbvSettings } from '#domain/gbv/gbv-settings.ts';
import type { ServiceDirectory } from '#domain/gbv/service-directory.ts';
import shippedSettings from '../../config/gbv-settings.json' with { type: 'json' };
import shippedDirectory from '../../config/service-directory.json' with { type: 'json' };
import { loadGbvSettings, loadServiceDirectory } from '../schemas/config/gbv-config.ts';

/**
 * Settings and service directory in force, bundled with the function (checked once per
 * container): a deployment changes them with a deploy, so every decision names its version.
 */
let settings: GbvSettings | undefined;
let directory: ServiceDirectory | undefined;

export const gbvSettings = (): GbvSettings => {
  settings ??= loadGbvSettings(shippedSettings);
  return settings;
};

export const serviceDirectory = (): ServiceDirectory => {
  directory ??= loadServiceDirectory(shippedDirectory);
  return directory;
};
