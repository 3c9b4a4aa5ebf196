import { describe, expect, it } from 'vitest';
import { answerBody } from './state-of-play-context';

describe('the answer form as a request body', () => {
  it('sends whole numbers as numbers, empty dates and notes as null', () => {
    expect(
      answerBody({ status: 'in_progress', progress: '60', forecastOn: '2027-03-01', note: 'Bij de Raad van State' }),
    ).toEqual({
      status: 'in_progress',
      progress: 60,
      forecastOn: '2027-03-01',
      note: 'Bij de Raad van State',
    });
    expect(answerBody({ status: 'done', progress: '100', forecastOn: '', note: '' })).toEqual({
      status: 'done',
      progress: 100,
      forecastOn: null,
      note: null,
    });
  });

  it('sends what is not a whole number as typed, so the API names the field', () => {
    expect(answerBody({ status: 'planned', progress: 'veel', forecastOn: 'morgen', note: '' })).toMatchObject({
      progress: 'veel',
      forecastOn: 'morgen',
    });
  });
});
