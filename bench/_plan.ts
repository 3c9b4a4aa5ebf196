import Database from 'better-sqlite3';

const db = new Database(process.argv[2] as string, { readonly: true });
const q = (s: string, ...p: unknown[]) => {
  console.log(s.replace(/\s+/g, ' ').slice(0, 160));
  for (const r of db.prepare(`EXPLAIN QUERY PLAN ${s}`).all(...p)) console.log('   ', (r as { detail: string }).detail);
};
const cols = 'o.seq, o.title, o.summary';
q(
  `select ${cols} from obstacles o where o.status in (?) and exists (select 1 from obstacle_themes ft where ft.obstacle_seq = o.seq and ft.theme_key in (?)) order by o.updated_at desc, o.seq desc limit 51`,
  'reported',
  'cross_border_work',
);
q(
  `select theme_key, n from obstacle_theme_counts where filter_theme = ? and status in (?) and n > 0`,
  'cross_border_work',
  'reported',
);
q(
  `select status, segment_key, type, n from obstacle_theme_counts where filter_theme = ? and theme_key = ? and status in (?) and n > 0`,
  '*',
  'cross_border_work',
  'reported',
);
q(
  `select ${cols} from obstacles o inner join (SELECT rowid AS seq, -bm25(obstacle_fts, 10.0, 4.0, 1.0) AS score FROM obstacle_fts WHERE obstacle_fts MATCH ?) m on m.seq = o.seq order by m.score desc, o.seq desc limit 21`,
  '"x"',
);
q(
  `select t.theme_key as key, count(*) from obstacles o inner join (SELECT rowid AS seq, -bm25(obstacle_fts, 10.0, 4.0, 1.0) AS score FROM obstacle_fts WHERE obstacle_fts MATCH ?) m on m.seq = o.seq inner join obstacle_themes t on t.obstacle_seq = o.seq group by t.theme_key`,
  '"x"',
);
for (const t of ['obstacles', 'obstacle_themes', 'obstacle_counts', 'obstacle_theme_counts'])
  console.log(t, (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n);
