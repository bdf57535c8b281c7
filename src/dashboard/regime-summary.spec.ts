import { bctView } from '../../test/support/programme-view-factory';
import type { ProgrammeView } from '../programmes/programme-view';
import { regimeSummary } from './regime-summary';

describe('regimeSummary', () => {
  it('is absent for a programme before the 2024 regime', () => {
    expect(regimeSummary(bctView())).toBeNull();
  });

  it('says where call-in, the notification and the conditions stand', () => {
    const view = {
      ...bctView(),
      callIn: { status: 'requested', paused: true, reason: 'A call-in was requested', requests: [] },
      secretaryOfStateNotification: { gateId: 'x', status: 'skipped', reason: 'Not a substantial variation' },
      conditions: [
        { id: 1, text: 'Publish the analysis', dischargedOn: null },
        { id: 2, text: 'Done', dischargedOn: '2027-01-01' },
      ],
      committeeNotifications: [{ id: 1, change: 'proposed decision date moved', sentOn: null }],
    } as unknown as ProgrammeView;
    expect(regimeSummary(view)).toEqual([
      { key: 'Call-in', value: 'A call-in was requested' },
      { key: 'Secretary of State notification', value: 'Skipped: Not a substantial variation' },
      { key: 'Conditions', value: '1 open of 2: Publish the analysis' },
      { key: 'Owed to the scrutiny committee', value: 'proposed decision date moved' },
    ]);
  });
});
