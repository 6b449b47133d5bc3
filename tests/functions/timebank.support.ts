import { newResident } from '../greencoin/support';
import type { TestRuntime } from '../support/runtime';

/** A fresh resident registered as a volunteer (pending unless `verified`, which demo-staff grants). */
export async function newVolunteer(t: TestRuntime, openid: string, verified = false) {
  const r = await newResident(t, openid);
  await r.session.ok('timebank', 'volunteer.register', {
    realName: `志愿者${openid.slice(-2)}`,
    skills: [],
    availability: '周末',
    consent: true,
  });
  if (verified) await t.as('demo-staff').ok('timebank', 'volunteer.verify', { userId: r.userId });
  return r;
}
