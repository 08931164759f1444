import type { Language } from '../i18n/language.ts';

/** How many kits of a type a household receives, by what it is proportional to. */
export type EntitlementBasis =
  /** ceil(members × ration days / person-days one kit covers); food. */
  | { basis: 'PERSON_DAYS'; personDaysPerKit: number }
  /** A fixed number per household; hygiene kit. */
  | { basis: 'HOUSEHOLD'; perHousehold: number }
  /** Per person per month of the round (months = ceil(ration days / days per month)); soap. */
  | { basis: 'PERSON_MONTHS'; perPersonMonth: number; daysPerMonth: number }
  /** Per woman or girl of reproductive age; dignity kit. */
  | { basis: 'WOMEN_AND_GIRLS_12_TO_49'; perPerson: number };

/** One item of a kit and its quantity. */
export interface KitContentLine {
  item: string;
  quantity: number;
  unit: string;
}

/** One kit type of the catalog: names, contents and how many a household receives. */
export interface KitDefinition {
  kitType: string;
  name: Record<Language, string>;
  contents: readonly KitContentLine[];
  entitlement: EntitlementBasis;
}

/** The kit catalog (config/kit-catalog.json): kit types, what is in them, and how they scale. */
export interface KitCatalog {
  version: string;
  kits: readonly KitDefinition[];
}
