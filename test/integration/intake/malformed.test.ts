import { describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { appCloud, householdsRegisteredBy, intakeApi } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app, 'it-malformed');

type Command = ReturnType<typeof aHouseholdCommand>;
/** A body sent as written, for what JSON.stringify cannot express. */
const raw = (text: string) => ({ raw: text });
const isRaw = (body: unknown): body is { raw: string } =>
  typeof body === 'object' && body !== null && 'raw' in body && Object.keys(body).length === 1;
const edit = (change: (command: Command & Record<string, unknown>) => void) => {
  const command = aHouseholdCommand() as Command & Record<string, unknown>;
  change(command);
  return command;
};

/** Thirty ways to get a registration wrong; each must be a 400 with field messages and write nothing. */
const MALFORMED: [string, unknown][] = [
  ['no consent', edit((c) => Object.assign(c, { consent: { dataProcessing: false } }))],
  ['consent missing', edit((c) => delete (c as Partial<Command>).consent)],
  ['head missing', edit((c) => delete (c as Partial<Command>).headOfHousehold)],
  ['empty given name', edit((c) => Object.assign(c.headOfHousehold, { givenName: '' }))],
  ['given name too long', edit((c) => Object.assign(c.headOfHousehold, { givenName: 'A'.repeat(500) }))],
  ['family name a number', edit((c) => Object.assign(c.headOfHousehold, { familyName: 42 }))],
  ['sex unknown', edit((c) => Object.assign(c.headOfHousehold, { sex: 'X' }))],
  ['birth year in the future', edit((c) => Object.assign(c.headOfHousehold, { birthYear: 2090 }))],
  ['birth year a string', edit((c) => Object.assign(c.headOfHousehold, { birthYear: '1988' }))],
  ['phone with letters', edit((c) => Object.assign(c.headOfHousehold, { phone: 'call me' }))],
  ['unknown key in head', edit((c) => Object.assign(c.headOfHousehold, { nickname: 'Ami' }))],
  ['unknown top-level key', edit((c) => Object.assign(c, { notes: 'x' }))],
  ['region not a P-code', edit((c) => Object.assign(c.location, { adm1: 'Mopti' }))],
  ['unknown cercle', edit((c) => Object.assign(c.location, { adm2: 'ML0599' }))],
  ['cercle outside its region', edit((c) => Object.assign(c.location, { adm1: 'ML06' }))],
  ['site with spaces', edit((c) => Object.assign(c.location, { site: 'site one' }))],
  ['site missing', edit((c) => delete (c.location as Partial<Command['location']>).site)],
  ['household of zero', edit((c) => Object.assign(c.members, { total: 0 }))],
  ['more children than members', edit((c) => Object.assign(c.members, { childrenUnder5: 12 }))],
  ['negative elderly', edit((c) => Object.assign(c.members, { elderly: -1 }))],
  ['fractional total', edit((c) => Object.assign(c.members, { total: 2.5 }))],
  ['displacement unknown', edit((c) => Object.assign(c, { displacement: 'NOMAD' }))],
  ['fcs day count 8', edit((c) => Object.assign(c.foodSecurity.fcs, { staples: 8 }))],
  [
    'fcs group missing',
    edit((c) => delete (c.foodSecurity.fcs as Partial<Command['foodSecurity']['fcs']>).oil),
  ],
  ['rcsi above 56', edit((c) => Object.assign(c.foodSecurity, { rcsi: 57 }))],
  ['hhs above 6', edit((c) => Object.assign(c.foodSecurity, { hhs: 7 }))],
  ['body is an array', [aHouseholdCommand()]],
  ['body is null', null],
  ['body is a string', 'household'],
  ['prototype pollution', raw(`{"__proto__":{"admin":true},${JSON.stringify(aHouseholdCommand()).slice(1)}`)],
];

describe('malformed registrations (local runtime)', () => {
  it('has thirty cases', () => {
    expect(MALFORMED).toHaveLength(30);
  });

  it('answers each with 400 and field messages, and stores nothing', async () => {
    const before = await householdsRegisteredBy(app, await api.subject('intake'));
    for (const [name, body] of MALFORMED) {
      const answer = await api.call<{ error: { code: string; fields?: unknown[] } }>('POST', '/households', {
        role: 'intake',
        rawBody: isRaw(body) ? body.raw : JSON.stringify(body),
        headers: { 'accept-language': 'en' },
      });
      expect(answer.status, name).toBe(400);
      expect(answer.body.error.code, name).toMatch(/^[A-Z_]+$/);
    }
    expect(await householdsRegisteredBy(app, await api.subject('intake'))).toBe(before);
    expect(before).toBe(0);
  });
});
