import { describe, expect, it } from 'vitest';
import { listParamsFromUrl, pageQuery } from './list-params';

describe('register filters in the URL', () => {
  it('reads repeated and comma-separated values, drops unknown statuses and types', () => {
    const params = listParamsFromUrl(
      new URL(
        'http://x/obstacles?q=+pensioen+&theme=health&theme=cross_border_work,health&status=reported&status=nonsense&type=legal,bogus&sort=reference',
      ),
    );
    expect(params).toMatchObject({
      q: 'pensioen',
      theme: ['health', 'cross_border_work'],
      status: ['reported'],
      type: ['legal'],
      sort: 'reference',
      limit: 20,
    });
  });

  it('ignores sorting by relevance without a text and an unknown sort', () => {
    expect(listParamsFromUrl(new URL('http://x/obstacles?sort=relevance')).sort).toBeUndefined();
    expect(listParamsFromUrl(new URL('http://x/obstacles?sort=price')).sort).toBeUndefined();
    expect(listParamsFromUrl(new URL('http://x/obstacles?q=a&sort=relevance')).sort).toBe('relevance');
  });

  it('writes back the same filters', () => {
    const params = listParamsFromUrl(new URL('http://x/obstacles?q=werk&theme=a&theme=b&status=solved&cursor=abc'));
    expect(pageQuery(params)).toBe('q=werk&theme=a&theme=b&status=solved&cursor=abc');
  });
});
