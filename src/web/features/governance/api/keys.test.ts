import { describe, expect, it } from 'vitest';
import * as governance from '../../../../contracts/governance.contract.js';
import * as routing from '../../../../contracts/routing.contract.js';
import { DECISION_TYPE_KEYS, isoDate, MEETING_STATUS_KEYS, PROPOSAL_REASON_KEYS, ROUTING_ROLE_KEYS } from './keys';

describe('governance keys of the web', () => {
  it('equal those of the contracts', () => {
    expect([...DECISION_TYPE_KEYS]).toEqual([...governance.DECISION_TYPE_KEYS]);
    expect([...MEETING_STATUS_KEYS]).toEqual([...governance.MEETING_STATUS_KEYS]);
    expect([...PROPOSAL_REASON_KEYS]).toEqual([...governance.PROPOSAL_REASON_KEYS]);
    expect([...ROUTING_ROLE_KEYS]).toEqual([...routing.ROUTING_ROLE_KEYS]);
  });

  it('take only YYYY-MM-DD dates for filters', () => {
    expect(isoDate('2026-11-28')).toBe('2026-11-28');
    expect(isoDate('28-11-2026')).toBeUndefined();
    expect(isoDate('')).toBeUndefined();
    expect(isoDate(null)).toBeUndefined();
  });
});
