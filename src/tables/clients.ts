/**
 * Long-lived network clients: what creates one and how to close one. Data, not code: add a row to teach
 * no-module-scope-client a new client; users add their own through the rule's `additionalClients` option.
 */
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
  /**
   * The method that closes one gracefully, used as perProcess's dispose; none when there is no such
   * method. A dotted path reaches through: drizzle's database closes the driver it wraps ('$client.end').
   */
  close?: string;
}

/** One row: the module, the export, how it is created, and the method that closes one. */
const client = (pkg: string, exp: string, via: ClientEntry['via'], close?: string): ClientEntry => ({
  package: pkg,
  export: exp,
  via,
  close,
});

export const CLIENTS: readonly ClientEntry[] = [
  // Node core
  client('http', 'Agent', 'new', 'destroy'),
  client('https', 'Agent', 'new', 'destroy'),
  client('net', 'connect', 'call', 'destroy'),
  client('net', 'createConnection', 'call', 'destroy'),
  client('net', 'Socket', 'new', 'destroy'),
  client('tls', 'connect', 'call', 'destroy'),
  client('dgram', 'createSocket', 'call', 'close'),
  client('http2', 'connect', 'call', 'close'),
  // HTTP clients
  client('undici', 'Agent', 'new', 'close'),
  client('undici', 'Pool', 'new', 'close'),
  client('undici', 'Client', 'new', 'close'),
  client('undici', 'BalancedPool', 'new', 'close'),
  client('undici', 'ProxyAgent', 'new', 'close'),
  client('undici', 'EnvHttpProxyAgent', 'new', 'close'),
  // Not axios.create(), got.extend() or ky.create(): an instance holds options only and sends through
  // the global agent (axios, got) or fetch (ky), so it owns nothing a lifecycle event breaks
  // (docs/ownership.md); an agent handed to one in its options is a row above, reported where it is made.
  client('agentkeepalive', 'default', 'new', 'destroy'),
  client('agentkeepalive', 'HttpsAgent', 'new', 'destroy'),
  // Databases and caches
  client('@prisma/client', 'PrismaClient', 'new', '$disconnect'),
  client('pg', 'Pool', 'new', 'end'),
  client('pg', 'Client', 'new', 'end'),
  client('pg', 'default.Pool', 'new', 'end'),
  client('pg', 'default.Client', 'new', 'end'),
  client('postgres', 'default', 'call', 'end'),
  client('mysql2', 'createPool', 'call', 'end'),
  client('mysql2', 'createConnection', 'call', 'end'),
  client('mysql2/promise', 'createPool', 'call', 'end'),
  client('mysql2/promise', 'createConnection', 'any', 'end'),
  client('ioredis', 'default', 'new', 'quit'),
  client('ioredis', 'Redis', 'new', 'quit'),
  client('ioredis', 'Cluster', 'new', 'quit'),
  client('ioredis', 'default.Cluster', 'new', 'quit'),
  client('redis', 'createClient', 'call', 'quit'),
  client('redis', 'createCluster', 'call', 'quit'),
  client('mongodb', 'MongoClient', 'new', 'close'),
  client('mongoose', 'createConnection', 'call', 'close'),
  client('mongoose', 'default.createConnection', 'call', 'close'),
  client('knex', 'default', 'call', 'destroy'),
  client('knex', 'knex', 'call', 'destroy'),
  client('@vercel/postgres', 'createPool', 'call', 'end'),
  client('@vercel/postgres', 'createClient', 'call', 'end'),
  client('drizzle-orm/node-postgres', 'drizzle', 'call', '$client.end'),
  client('drizzle-orm/postgres-js', 'drizzle', 'call', '$client.end'),
  client('drizzle-orm/mysql2', 'drizzle', 'call', '$client.end'),
  client('drizzle-orm/vercel-postgres', 'drizzle', 'call', '$client.end'),
  client('@elastic/elasticsearch', 'Client', 'new', 'close'),
  client('sequelize', 'Sequelize', 'new', 'close'),
  client('sequelize', 'default', 'new', 'close'),
  // Brokers and messaging: each opens its socket when created
  client('amqplib', 'connect', 'call', 'close'),
  client('amqplib/callback_api', 'connect', 'call', 'close'),
  client('mqtt', 'connect', 'call', 'end'),
  client('mqtt', 'connectAsync', 'call', 'end'),
  client('mqtt', 'MqttClient', 'new', 'end'),
  client('ws', 'default', 'new', 'close'),
  client('ws', 'WebSocket', 'new', 'close'),
  // bull's Queue opens its Redis client in the constructor (to read the server version); callable without new
  client('bull', 'default', 'any', 'close'),
  // Metrics clients that own a socket
  client('hot-shots', 'default', 'new', 'close'),
  client('hot-shots', 'StatsD', 'new', 'close'),
  // SDK clients that hold an HTTP stack
  client('@aws-sdk/client-*', '*Client', 'new', 'destroy'),
  client('openai', 'default', 'new'),
  client('openai', 'OpenAI', 'new'),
  client('stripe', 'default', 'any'),
  client('stripe', 'Stripe', 'any'),
  client('@sendgrid/client', 'Client', 'new'),
  client('langfuse', 'Langfuse', 'new', 'shutdownAsync'),
  client('langfuse', 'default', 'new', 'shutdownAsync'),
  client('posthog-node', 'PostHog', 'new', 'shutdown'),
  client('@amplitude/analytics-node', 'createInstance', 'call', 'flush'),
];
