import { randomBytes } from 'node:crypto';
import { migrateDatabase } from '../src/db/migrate.js';
import { databaseUrl, dropDatabase, recreateDatabase } from './helpers/test-database.js';

/** Migrates one template database for this run; each test file copies it (fast) into its own. */
export default async function setup(): Promise<() => Promise<void>> {
  const template = `apn_tpl_${randomBytes(4).toString('hex')}`;
  await recreateDatabase(template);
  await migrateDatabase(databaseUrl(template));
  process.env.APN_TEST_TEMPLATE = template;
  return () => dropDatabase(template);
}
