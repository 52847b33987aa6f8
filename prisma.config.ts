import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { createCliPoolConfig } from './prisma/cli/cli-pool.js';

// The CLI needs a URL even for offline commands, or it falls back to downloading a query engine.
const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
process.env.DATABASE_URL ||= DEFAULT_URL;

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaPg(createCliPoolConfig(process.env.DATABASE_URL ?? DEFAULT_URL)),
});
