/** Sex of a person as recorded on the form. */
export type Sex = 'F' | 'M';

/** Displacement status of a household. */
export type Displacement = 'IDP' | 'RETURNEE' | 'REFUGEE' | 'HOST';

/** Days (0–7) in the last 7 on which the household ate each FCS food group. */
export interface FcsDays {
  staples: number;
  pulses: number;
  meatFish: number;
  vegetables: number;
  fruit: number;
  dairy: number;
  oil: number;
  sugar: number;
}

/** Food-security indicators; each is optional because a form may not collect all of them. */
export interface FoodSecurity {
  fcs?: FcsDays | undefined;
  /** reduced Coping Strategies Index, 0–56. */
  rcsi?: number | undefined;
  /** Household Hunger Scale score, 0–6. */
  hhs?: number | undefined;
}

/** The person registered as head of the household. */
export interface HeadOfHousehold {
  givenName: string;
  familyName: string;
  sex: Sex;
  birthYear: number;
  phone?: string | undefined;
}

/** Where the household lives: P-codes kept as submitted, plus the distribution site id. */
export interface HouseholdLocation {
  adm1: string;
  adm2: string;
  commune?: string | undefined;
  site: string;
}

/** Counts of household members; every subgroup is part of `total` (the head included). */
export interface HouseholdMembers {
  total: number;
  childrenUnder5: number;
  pregnantOrLactating: number;
  elderly: number;
  withDisability: number;
  womenAndGirls12to49: number;
}

/** A household as the domain reasons about it (the registration command without transport details). */
export interface Household {
  headOfHousehold: HeadOfHousehold;
  location: HouseholdLocation;
  members: HouseholdMembers;
  displacement: Displacement;
  foodSecurity: FoodSecurity;
}
