import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingDatabase } from '../src/store/dialects/sqlite.js';

describe('the SQLite prepared-statement cache', () => {
  it('reuses a statement for the same SQL, and still answers correctly', () => {
    const raw = new Database(':memory:');
    raw.exec('create table t (id integer primary key, v text); insert into t (v) values (\'a\'), (\'b\'), (\'c\')');
    const db = cachingDatabase(raw);
    const a = db.prepare('select v from t where id = ?');
    const b = db.prepare('select v from t where id = ?');
    expect(b).toBe(a);
    expect(a.all([2])).toEqual([{ v: 'b' }]);
    expect(db.prepare('select count(*) as n from t').all([])).toEqual([{ n: 3 }]);
    db.close();
  });

  it('never hands out a statement that is still being iterated', () => {
    const raw = new Database(':memory:');
    raw.exec('create table t (id integer primary key); insert into t default values; insert into t default values');
    const db = cachingDatabase(raw);
    const sql = 'select id from t order by id';
    const first = db.prepare(sql) as unknown as Database.Statement;
    const iter = first.iterate();
    iter.next();
    const second = db.prepare(sql) as unknown as Database.Statement;
    expect(second).not.toBe(first);
    expect(second.all()).toEqual([{ id: 1 }, { id: 2 }]);
    iter.return?.();
    db.close();
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const raw = new Database(':memory:');
    const db = cachingDatabase(raw, 2);
    const one = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 1'); // used again: now the most recent
    db.prepare('select 3'); // evicts "select 2"
    expect(db.prepare('select 1')).toBe(one);
    db.close();
  });
});
