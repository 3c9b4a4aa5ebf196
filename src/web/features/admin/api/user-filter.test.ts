import { describe, expect, it } from 'vitest';
import type { UserResponse } from '../../../../contracts/users.contract.js';
import { filterUsers, readUserFilter, userStatus } from './user-filter';

function user(overrides: Partial<UserResponse>): UserResponse {
  return {
    id: 'u',
    email: 'a@example.org',
    name: 'A',
    role: 'partner',
    organisation: 'nl-li',
    hasPassword: true,
    disabledAt: null,
    createdAt: '2026-11-28T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

describe('the users filter', () => {
  const anna = user({ id: '1', name: 'Anna de Vries', email: 'anna@limburg.nl' });
  const bert = user({ id: '2', name: 'Bert Peeters', email: 'bert@vlaanderen.be', role: 'department', hasPassword: false });
  const carla = user({ id: '3', name: 'Carla Schmidt', email: 'carla@nrw.de', disabledAt: '2026-11-28T10:00:00.000Z' });

  it('knows a user’s status: disabled before invited before active', () => {
    expect(userStatus(anna)).toBe('active');
    expect(userStatus(bert)).toBe('invited');
    expect(userStatus(carla)).toBe('disabled');
    expect(userStatus({ hasPassword: false, disabledAt: '2026-11-28T10:00:00.000Z' })).toBe('disabled');
  });

  it('matches every word in the name or address, in any case, and the role and status', () => {
    const all = [anna, bert, carla];
    expect(filterUsers(all, { q: 'ANNA limburg', role: '', status: '' })).toEqual([anna]);
    expect(filterUsers(all, { q: 'anna bert', role: '', status: '' })).toEqual([]);
    expect(filterUsers(all, { q: '', role: 'partner', status: '' })).toEqual([anna, carla]);
    expect(filterUsers(all, { q: '', role: 'partner', status: 'disabled' })).toEqual([carla]);
    expect(filterUsers(all, { q: '', role: '', status: 'invited' })).toEqual([bert]);
    expect(filterUsers(all, { q: '', role: '', status: '' })).toEqual(all);
  });

  it('reads the filter from the URL and ignores unknown roles and statuses', () => {
    expect(readUserFilter(new URL('http://x/admin/users?q=%20anna%20&role=partner&status=invited'))).toEqual({
      q: 'anna',
      role: 'partner',
      status: 'invited',
    });
    expect(readUserFilter(new URL('http://x/admin/users?role=emperor&status=<script>'))).toEqual({ q: '', role: '', status: '' });
  });
});
