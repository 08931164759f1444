/** Source of the current time; injected so rules with deadlines can be tested at fixed instants. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** A clock fixed at one instant, for tests and for replaying a recorded decision. */
export const fixedClock = (instant: Date): Clock => ({ now: () => new Date(instant.getTime()) });

/** The machine clock. */
export const systemClock: Clock = { now: () => new Date() };
