import { describe, expect, it } from 'vitest';
import { TRANSITION_NAME_KEYS } from '../../contracts/lifecycle.contract.js';
import * as contract from '../../contracts/obstacles.contract.js';
import { ORGANISATION_KIND_KEYS } from '../../contracts/reference.contract.js';
import { ROLE_KEYS } from '../../contracts/session.contract.js';
import { nl } from '../i18n/nl';
import * as web from './keys';

describe('the web key lists', () => {
  it('equal those of the contracts', () => {
    expect(web.STATUS_KEYS).toEqual(contract.STATUS_KEYS);
    expect(web.TYPE_KEYS).toEqual(contract.TYPE_KEYS);
    expect(web.VISIBILITY_KEYS).toEqual(contract.VISIBILITY_KEYS);
    expect(web.REPORTER_TYPE_KEYS).toEqual(contract.REPORTER_TYPE_KEYS);
    expect(web.CHANNEL_KEYS).toEqual(contract.CHANNEL_KEYS);
    expect(web.PROVISION_LEVEL_KEYS).toEqual(contract.PROVISION_LEVEL_KEYS);
    expect(web.SORT_KEYS).toEqual(contract.SORT_KEYS);
    expect(web.ROLE_KEYS).toEqual(ROLE_KEYS);
    expect(web.ORGANISATION_KIND_KEYS).toEqual(ORGANISATION_KIND_KEYS);
    expect(web.TRANSITION_NAME_KEYS).toEqual(TRANSITION_NAME_KEYS);
  });

  it('each have a label', () => {
    expect(Object.keys(nl.status).sort()).toEqual([...web.STATUS_KEYS].sort());
    expect(Object.keys(nl.type).sort()).toEqual([...web.TYPE_KEYS].sort());
    expect(Object.keys(nl.visibility).sort()).toEqual([...web.VISIBILITY_KEYS].sort());
    expect(Object.keys(nl.reporterType).sort()).toEqual([...web.REPORTER_TYPE_KEYS].sort());
    expect(Object.keys(nl.channel).sort()).toEqual([...web.CHANNEL_KEYS].sort());
    expect(Object.keys(nl.provisionLevel).sort()).toEqual([...web.PROVISION_LEVEL_KEYS].sort());
    expect(Object.keys(nl.list.sort).sort()).toEqual([...web.SORT_KEYS].sort());
    expect(Object.keys(nl.role).sort()).toEqual([...web.ROLE_KEYS].sort());
    expect(Object.keys(nl.organisationKind).sort()).toEqual([...web.ORGANISATION_KIND_KEYS].sort());
    expect(Object.keys(nl.move).sort()).toEqual([...web.TRANSITION_NAME_KEYS].sort());
  });
});
