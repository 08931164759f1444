import type { ServiceType } from './vocabulary.ts';

/** One partner offering services in an area (a commune or, as a fallback, a cercle P-code). */
export interface ServiceDirectoryEntry {
  area: string;
  partnerId: string;
  services: readonly ServiceType[];
}

/** Which partner offers which service where (config/service-directory.json). */
export interface ServiceDirectory {
  version: string;
  entries: readonly ServiceDirectoryEntry[];
}

/**
 * Partners offering a service for a commune, in directory order. The most specific area wins: the
 * commune's own entries, or if it has none for that service, its cercle's (P-code prefixes), and
 * so on up.
 */
export function partnersOffering(
  directory: ServiceDirectory,
  commune: string,
  service: ServiceType,
): string[] {
  const code = commune.trim().toUpperCase();
  for (let length = code.length; length >= 4; length -= 2) {
    const area = code.slice(0, length);
    const partners = directory.entries
      .filter((entry) => entry.area.toUpperCase() === area && entry.services.includes(service))
      .map((entry) => entry.partnerId);
    if (partners.length > 0) return partners;
  }
  return [];
}

/** Whether a partner offers a service in a commune (same fallback as {@link partnersOffering}). */
export function partnerOffers(
  directory: ServiceDirectory,
  commune: string,
  service: ServiceType,
  partnerId: string,
): boolean {
  return partnersOffering(directory, commune, service).includes(partnerId);
}
