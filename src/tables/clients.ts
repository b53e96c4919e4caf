/**
 * Long-lived network clients: what creates one and how to close one. Data, not code: add a row to teach
 * no-module-scope-client a new client; users add their own through the rule's `additionalClients` option.
 */
export type ClientFamily = 'node' | 'http' | 'database' | 'sdk';

export interface ClientEntry {
  /** The module as imported (a `node:` prefix is accepted too). */
  package: string;
  /**
   * The export, as a dotted path from the module object ('Agent', 'default', 'default.create'). A `*`
   * matches any run of characters in the last part: '*Client' is every AWS SDK v3 client class.
   */
  export: string;
  /** `new X()`, `X()`, or either. */
  via: 'new' | 'call' | 'any';
  family: ClientFamily;
  /**
   * The method that closes one gracefully, used as perProcess's dispose; none when there is no such
   * method. A dotted path reaches through: drizzle's database closes the driver it wraps ('$client.end').
   */
  close?: string;
}

const node = (pkg: string, exp: string, via: ClientEntry['via'], close?: string): ClientEntry => ({
  package: pkg,
  export: exp,
  via,
  family: 'node',
  close,
});
const http = (pkg: string, exp: string, via: ClientEntry['via'], close?: string): ClientEntry => ({
  package: pkg,
  export: exp,
  via,
  family: 'http',
  close,
});
const db = (pkg: string, exp: string, via: ClientEntry['via'], close?: string): ClientEntry => ({
  package: pkg,
  export: exp,
  via,
  family: 'database',
  close,
});
const sdk = (pkg: string, exp: string, via: ClientEntry['via'], close?: string): ClientEntry => ({
  package: pkg,
  export: exp,
  via,
  family: 'sdk',
  close,
});

export const CLIENTS: readonly ClientEntry[] = [
  // Node core
  node('http', 'Agent', 'new', 'destroy'),
  node('https', 'Agent', 'new', 'destroy'),
  node('net', 'connect', 'call', 'destroy'),
  node('net', 'createConnection', 'call', 'destroy'),
  node('net', 'Socket', 'new', 'destroy'),
  node('tls', 'connect', 'call', 'destroy'),
  node('dgram', 'createSocket', 'call', 'close'),
  node('http2', 'connect', 'call', 'close'),
  // HTTP clients
  http('undici', 'Agent', 'new', 'close'),
  http('undici', 'Pool', 'new', 'close'),
  http('undici', 'Client', 'new', 'close'),
  http('undici', 'BalancedPool', 'new', 'close'),
  http('undici', 'ProxyAgent', 'new', 'close'),
  http('undici', 'EnvHttpProxyAgent', 'new', 'close'),
  http('axios', 'create', 'call'),
  http('axios', 'default.create', 'call'),
  http('got', 'extend', 'call'),
  http('got', 'default.extend', 'call'),
  http('ky', 'create', 'call'),
  http('ky', 'default.create', 'call'),
  http('agentkeepalive', 'default', 'new', 'destroy'),
  http('agentkeepalive', 'HttpsAgent', 'new', 'destroy'),
  http('superagent', 'agent', 'call'),
  // Databases and caches
  db('@prisma/client', 'PrismaClient', 'new', '$disconnect'),
  db('pg', 'Pool', 'new', 'end'),
  db('pg', 'Client', 'new', 'end'),
  db('pg', 'default.Pool', 'new', 'end'),
  db('pg', 'default.Client', 'new', 'end'),
  db('postgres', 'default', 'call', 'end'),
  db('mysql2', 'createPool', 'call', 'end'),
  db('mysql2', 'createConnection', 'call', 'end'),
  db('mysql2/promise', 'createPool', 'call', 'end'),
  db('mysql2/promise', 'createConnection', 'any', 'end'),
  db('ioredis', 'default', 'new', 'quit'),
  db('ioredis', 'Redis', 'new', 'quit'),
  db('ioredis', 'Cluster', 'new', 'quit'),
  db('ioredis', 'default.Cluster', 'new', 'quit'),
  db('redis', 'createClient', 'call', 'quit'),
  db('redis', 'createCluster', 'call', 'quit'),
  db('mongodb', 'MongoClient', 'new', 'close'),
  db('mongoose', 'createConnection', 'call', 'close'),
  db('mongoose', 'default.createConnection', 'call', 'close'),
  db('knex', 'default', 'call', 'destroy'),
  db('knex', 'knex', 'call', 'destroy'),
  db('@vercel/postgres', 'createPool', 'call', 'end'),
  db('@vercel/postgres', 'createClient', 'call', 'end'),
  db('drizzle-orm/node-postgres', 'drizzle', 'call', '$client.end'),
  db('drizzle-orm/postgres-js', 'drizzle', 'call', '$client.end'),
  db('drizzle-orm/mysql2', 'drizzle', 'call', '$client.end'),
  db('drizzle-orm/vercel-postgres', 'drizzle', 'call', '$client.end'),
  // SDK clients that hold an HTTP stack
  sdk('@aws-sdk/client-*', '*Client', 'new', 'destroy'),
  sdk('openai', 'default', 'new'),
  sdk('openai', 'OpenAI', 'new'),
  sdk('@anthropic-ai/sdk', 'default', 'new'),
  sdk('@anthropic-ai/sdk', 'Anthropic', 'new'),
  sdk('stripe', 'default', 'any'),
  sdk('stripe', 'Stripe', 'any'),
  sdk('@sendgrid/client', 'Client', 'new'),
  sdk('langfuse', 'Langfuse', 'new', 'shutdownAsync'),
  sdk('langfuse', 'default', 'new', 'shutdownAsync'),
  sdk('posthog-node', 'PostHog', 'new', 'shutdown'),
  sdk('@amplitude/analytics-node', 'createInstance', 'call', 'flush'),
];
