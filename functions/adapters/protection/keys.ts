/** Keys of the PROTECTION table (pk/sk + GSI1). See docs/DATA-MODEL.md, section PROTECTION. */
export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const identityKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'IDENTITY' });
export const followUpSk = (recordedAt: string, followUpId: string) => `FOLLOWUP#${recordedAt}#${followUpId}`;
export const referralKey = (referralId: string) => ({ pk: `REFERRAL#${referralId}`, sk: 'REFERRAL' });
/** The referral's entry in its receiving partner's inbox (the referral item's GSI1 serves its case). */
export const referralInboxKey = (referralId: string) => ({ pk: `REFERRAL#${referralId}`, sk: 'INBOX' });

/** GSI1 of a case: every case, by opening time (statistics). */
export const caseIndex = (openedAt: string, caseId: string) => ({
  gsi1pk: 'CASES',
  gsi1sk: `${openedAt}#${caseId}`,
});
/** GSI1 of a referral: the referrals of a case. */
export const referralIndex = (caseId: string, referralId: string) => ({
  gsi1pk: `CASE#${caseId}`,
  gsi1sk: `REFERRAL#${referralId}`,
});
/** GSI1 of a referral's inbox entry: the referrals sent to a partner; ULIDs sort by creation. */
export const inboxIndex = (partnerId: string, referralId: string) => ({
  gsi1pk: `PARTNER#${partnerId}`,
  gsi1sk: `REFERRAL#${referralId}`,
});
